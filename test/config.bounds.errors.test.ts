// Values that Kubernetes would refuse or that must never be rendered stop at the environment file: exit 2, one line
// naming file, line, column and field, no stack trace, dist/ as it was.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envDir, MINIMAL } from './support/env-dir.js';
import { runCli, snapshotTree } from './support/run-cli.js';

const { root, dir } = envDir({ dev: MINIMAL });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const KEDA = (max: string) =>
  `${MINIMAL}    autoscaling:\n      engine: keda\n      maxReplicas: ${max}\n      triggers: [{ type: cron, start: "0 8 * * *", end: "0 20 * * *", desiredReplicas: 2 }]\n`;

const CASES: readonly { name: string; text: string | Buffer; line: string | RegExp }[] = [
  {
    name: 'maxReplicas beyond int32 (1e20)',
    text: KEDA('1e20'),
    line: 'environments/dev.yaml:9:20 apps[0].autoscaling.maxReplicas: must be <= 2147483647; got 100000000000000000000',
  },
  {
    name: 'replicas of 3000000000',
    text: MINIMAL.replace('    port: 80\n', '    port: 80\n    replicas: 3000000000\n'),
    line: 'environments/dev.yaml:7:15 apps[0].replicas: must be <= 2147483647; got 3000000000',
  },
  {
    name: 'a non-UTF-8 byte in cluster.name',
    text: Buffer.concat([Buffer.from('cluster:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\napps: []\n')]),
    line: 'environments/dev.yaml:2:12 the file is not valid UTF-8 here: save it as UTF-8 (YAML 1.2 environment files are UTF-8 text)',
  },
  {
    name: 'a password inside a URL in an env value',
    text: `${MINIMAL}    env:\n      DATABASE_URL: postgres://app:hunter2@db/app\n`,
    line: 'environments/dev.yaml:8:21 apps[0].env.DATABASE_URL: "DATABASE_URL" holds a password in a URL: never put secret values in environment files; reference a Secret with secretKeyRef: { name, key }',
  },
  {
    name: 'a password inside the deploy repository URL',
    text: `${MINIMAL}gitops:\n  repo: { url: "https://bot:ghs_secret@github.com/example/deploy.git" }\n`,
    line: 'environments/dev.yaml:8:16 gitops.repo.url: the URL holds a password: never put secret values in environment files; keep it in a Secret',
  },
  {
    name: 'a 5 MB image tag',
    text: MINIMAL.replace('nginx:1.27', `nginx:${'x'.repeat(5_000_000)}`),
    line: /^environments\/dev\.yaml:5:12 apps\[0\]\.image: must NOT have more than 512 characters; got string "nginx:x+\.\.\."$/,
  },
  {
    name: 'a 5000-character cluster region',
    text: MINIMAL.replace('  name: test\n', `  name: test\n  region: ${'r'.repeat(5000)}\n`),
    line: /^environments\/dev\.yaml:3:11 cluster\.region: must NOT have more than 4096 characters/,
  },
];

describe('bounds: bad values stop at the environment file', () => {
  const first = runCli(['synth', '--no-validate'], root);
  const before = snapshotTree(join(root, 'dist'));

  it.each(CASES)('$name', ({ text, line }) => {
    expect(first.status, first.stderr).toBe(0);
    writeFileSync(join(dir, 'dev.yaml'), text);
    const r = runCli(['synth', '--no-validate'], root);
    expect(r.status, r.stderr).toBe(2);
    const details = r.stderr
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((d) => d.trim());
    expect(details).toEqual([typeof line === 'string' ? line : expect.stringMatching(line)]);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stderr.length).toBeLessThan(2000);
    expect(snapshotTree(join(root, 'dist'))).toEqual(before);
  });

  it('accepts the largest int32 and a URL without a password', () => {
    writeFileSync(join(dir, 'dev.yaml'), `${KEDA('2147483647')}    env:\n      DATABASE_URL: postgres://db:5432/app\n`);
    const r = runCli(['synth', '--no-validate'], root);
    expect(r.status, r.stderr).toBe(0);
  });
});
