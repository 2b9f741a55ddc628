// One deploy-path rule: what the schema accepts, publish can replace safely (never the clone itself or its .git).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isSafeDeployPath } from '../src/config/model/gitops.js';
import { envDir, MINIMAL } from './support/env-dir.js';
import { runCli } from './support/run-cli.js';

const { root, dir } = envDir({});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withPath = (path: string) => `${MINIMAL}gitops:\n  repo: { url: "https://github.com/example/deploy.git", path: ${JSON.stringify(path)} }\n`;

describe('gitops.repo.path', () => {
  it.each(['./', '.', '../outside', 'a/../../b', '/abs', '.git', '.gitops/prod', 'deploy/.git/hooks'])(
    'synth refuses %j with file:line, exit 2',
    (path) => {
      writeFileSync(join(dir, 'dev.yaml'), withPath(path));
      const r = runCli(['synth', '--no-validate'], root);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        /environments\/dev\.yaml:8:\d+ gitops\.repo\.path: must be a relative folder inside the deploy repo \(default: dist\/<env>\); no leading \/, no \. or \.\. folders, no folder starting with \.git; got string/,
      );
      expect(isSafeDeployPath(path)).toBe(false);
    },
  );

  it.each(['dist/dev', 'clusters/prod/', 'x'])('synth and publish accept %j', (path) => {
    writeFileSync(join(dir, 'dev.yaml'), withPath(path));
    expect(runCli(['synth', '--no-validate'], root).status).toBe(0);
    expect(isSafeDeployPath(path)).toBe(true);
  });
});
