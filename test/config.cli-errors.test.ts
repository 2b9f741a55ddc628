// Every class of bad input, through the real CLI: file:line:col and field path, exit 2, no stack trace, dist/ untouched.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envDir, MINIMAL } from './support/env-dir.js';
import { runCli, snapshotTree } from './support/run-cli.js';

const AUTOSCALING =
  '    autoscaling:\n      engine: hpa\n      minReplicas: 12\n      maxReplicas: 10\n      triggers: [{ type: cpu, averageValue: 500m }]\n';

/** Each case: the environment files and the line that must be printed for them. */
const CASES: readonly { readonly name: string; readonly files: Record<string, string>; readonly line: string | RegExp }[] = [
  { name: 'YAML syntax', files: { dev: 'cluster:\n  name: [unclosed\n' }, line: /^environments\/dev\.yaml:3:1 YAML syntax error: / },
  {
    name: 'duplicate key',
    files: { dev: `${MINIMAL}cluster:\n  name: again\n` },
    line: 'environments/dev.yaml:7:1 cluster: duplicate key "cluster" (first at 1:1)',
  },
  {
    name: 'unknown key',
    files: { dev: `${MINIMAL}    replcas: 3\n` },
    line: /^environments\/dev\.yaml:7:5 apps\[0\]\.replcas: unknown key "replcas" \(did you mean "replicas"\?\)/,
  },
  {
    name: 'wrong type',
    files: { dev: MINIMAL.replace('port: 80', 'port: eighty') },
    line: 'environments/dev.yaml:6:11 apps[0].port: must be an integer from 1 to 65535 or "none"; got string "eighty"',
  },
  {
    name: 'unknown extends target',
    files: { dev: `extends: bas\n${MINIMAL}` },
    line: 'environments/dev.yaml:1:10 extends: unknown environment "bas" (known: dev)',
  },
  {
    name: 'extends cycle',
    files: { a: `extends: b\n${MINIMAL}`, b: 'extends: a\n' },
    line: 'environments/b.yaml:1:10 extends: extends cycle: a -> b -> a',
  },
  {
    name: 'duplicate app names',
    files: { dev: `${MINIMAL}  - name: web\n    image: nginx\n` },
    line: 'environments/dev.yaml:7:11 apps[1].name: duplicate app name "web" (also apps[0])',
  },
  {
    name: 'minReplicas > maxReplicas',
    files: { dev: `${MINIMAL}${AUTOSCALING}` },
    line: 'environments/dev.yaml:10:20 apps[0].autoscaling.maxReplicas: maxReplicas (10) must be >= minReplicas (12)',
  },
];

describe('elastic-gitops synth on bad input (one project, one CLI run per case)', () => {
  const { root, dir } = envDir({ dev: MINIMAL });
  const first = runCli(['synth'], root);
  const before = snapshotTree(join(root, 'dist'));

  it.each(CASES)('$name: names file:line:col and field, exits 2, no stack trace, dist/ untouched', ({ files, line }) => {
    expect(first.status, first.stderr).toBe(0);
    rmSync(dir, { recursive: true });
    mkdirSync(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.yaml`), text);
    const r = runCli(['synth'], root);
    expect(r.status, r.stderr).toBe(2);
    const [summary, ...details] = r.stderr.trimEnd().split('\n');
    expect(details.map((d) => d.trim())).toContainEqual(typeof line === 'string' ? line : expect.stringMatching(line));
    expect(summary).toBe(`error: ${details.length} problem${details.length === 1 ? '' : 's'} in the environment files`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stdout).toBe('');
    expect(snapshotTree(join(root, 'dist'))).toEqual(before);
  });
});
