// Reads the environment files of a git ref without touching the working tree, the index or HEAD.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';

function git(args: readonly string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** The merge-base with the upstream branch when there is one, else HEAD. */
export function defaultBase(cwd: string): string {
  try {
    return git(['merge-base', 'HEAD', '@{upstream}'], cwd).trim();
  } catch {
    return 'HEAD';
  }
}

/**
 * Writes the files under `environmentsDir` as they are at `ref` into a new temporary directory (from git objects:
 * `git ls-tree` + `git cat-file`), and returns that directory, or undefined when the ref has no such folder.
 */
export function exportEnvironments(ref: string, environmentsDir: string, cwd: string): string | undefined {
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', `${ref}^{commit}`], cwd).trim();
  } catch {
    throw new InputError(`unknown git ref "${ref}"`);
  }
  const top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  const prefix = relative(top, resolve(cwd, environmentsDir)).split('\\').join('/');
  const listing = git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', prefix], cwd).split('\0').filter((l) => l !== '');
  if (listing.length === 0) return undefined;
  const out = join(mkdtempSync(join(tmpdir(), 'eg-diff-')), 'environments');
  for (const line of listing) {
    const [meta, path] = line.split('\t') as [string, string];
    const blob = meta.split(' ')[2]!;
    const target = join(out, relative(prefix, path));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, execFileSync('git', ['cat-file', 'blob', blob], { cwd, maxBuffer: 64 * 1024 * 1024 }));
  }
  return out;
}
