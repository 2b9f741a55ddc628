// The project root of the command that runs: where `environments/` and `dist/` are by default, found from the current
// directory as git finds `.git`. Not the installation root of elastic-gitops (src/repo-root.ts: its schemas.lock.json).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Files that mark a project root, strongest first. */
const MARKERS = ['cdk8s.yaml', 'package.json'] as const;

/**
 * The nearest folder, from `cwd` up, holding `cdk8s.yaml`; else the nearest holding `package.json`; else the nearest
 * holding an `environments/` folder; else `cwd` itself.
 */
export function projectRoot(cwd = process.cwd()): string {
  const start = resolve(cwd);
  for (const marker of MARKERS) {
    const found = nearest(start, (dir) => existsSync(join(dir, marker)));
    if (found) return found;
  }
  return nearest(start, (dir) => isDirectory(join(dir, 'environments'))) ?? start;
}

/**
 * `name` under the project root, as a path relative to `cwd` (`dist` at the root, `../dist` from `environments/`), so
 * that what commands print stays short and relative as it is when they run at the root.
 */
export function underProjectRoot(name: string, cwd = process.cwd()): string {
  return relative(cwd, join(projectRoot(cwd), name)) || '.';
}

function nearest(start: string, test: (dir: string) => boolean): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (test(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
