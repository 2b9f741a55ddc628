// Real git repositories in temp dirs, for diff, check and publish tests.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { git as runGit } from '../../src/git.js';
import { tempDir } from './temp-dir.js';

export function git(cwd: string, ...args: string[]): string {
  return runGit(args, cwd).trim();
}

/** A new repository with `files` committed on main. */
export function repoWith(files: Record<string, string>): string {
  const dir = tempDir('eg-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.com');
  git(dir, 'config', 'user.name', 'test');
  commitFiles(dir, files, 'initial');
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

export function commitFiles(dir: string, files: Record<string, string>, message: string): void {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** HEAD, the index file's hash and `git status`: what a read-only command must leave as it was. */
export function repoState(dir: string): { head: string; index: string; status: string } {
  // status first: it refreshes the index's stat cache, which must not count as a change
  const status = git(dir, 'status', '--porcelain');
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    index: createHash('sha256')
      .update(readFileSync(join(dir, '.git', 'index')))
      .digest('hex'),
    status,
  };
}
