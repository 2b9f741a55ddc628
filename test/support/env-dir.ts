// Writes environment files into a fresh temporary directory, for tests that go through the real loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/** Creates `<tmp>/environments/<name>.yaml` for each entry; returns the temp root and the environments dir. */
export function envDir(files: Record<string, string>): { root: string; dir: string } {
  const root = tempDir('eg-test-');
  const dir = join(root, 'environments');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.yaml`), text);
  return { root, dir };
}

/** A small valid environment body (cluster + one app), to extend in tests. */
export const MINIMAL = `cluster:
  name: test
apps:
  - name: web
    image: nginx:1.27
    port: 80
`;
