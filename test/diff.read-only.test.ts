// diff reads the base from git objects: the working tree, the index and HEAD are exactly as before, and nothing is
// left in the temporary directory.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFiles, git, repoWith, writeFiles } from './support/git-repo.js';
import { runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const ENV = (replicas: number) => `cluster: { name: c }\napps:\n  - { name: web, image: nginx, replicas: ${replicas} }\n`;

/** HEAD, the branch, the index file (bytes and mtime), `git status` and the worktree list. */
function state(dir: string) {
  const index = join(dir, '.git', 'index');
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    branch: git(dir, 'symbolic-ref', 'HEAD'),
    index: createHash('sha256').update(readFileSync(index)).digest('hex'),
    indexMtime: statSync(index).mtimeMs,
    worktrees: git(dir, 'worktree', 'list', '--porcelain'),
    stash: git(dir, 'stash', 'list'),
  };
}

describe('diff leaves the repository as it was', () => {
  it('with staged, unstaged, untracked and renamed files, against HEAD and an older commit', () => {
    const dir = repoWith({ 'environments/dev.yaml': ENV(1), 'environments/prod.yaml': ENV(1), 'README.md': 'x\n' });
    commitFiles(dir, { 'environments/dev.yaml': ENV(2) }, 'two');
    writeFiles(dir, { 'environments/prod.yaml': ENV(5) });
    git(dir, 'add', 'environments/prod.yaml');
    writeFiles(dir, { 'environments/dev.yaml': ENV(3), 'environments/qa.yaml': ENV(1), 'notes.txt': 'untracked\n' });
    renameSync(join(dir, 'README.md'), join(dir, 'README.txt'));
    const status = git(dir, 'status', '--porcelain'); // refreshes the index's stat cache before the first snapshot
    const before = state(dir);
    const files = () =>
      Object.fromEntries(
        ['environments/dev.yaml', 'environments/prod.yaml', 'environments/qa.yaml', 'notes.txt', 'README.txt'].map((f) => [
          f,
          readFileSync(join(dir, f), 'utf8'),
        ]),
      );
    const contents = files();
    const tmp = tempDir('eg-diff-tmp-');

    for (const base of [[], ['--base', 'HEAD~1']]) {
      const r = runCli(['diff', ...base, '--output', 'json'], dir, { TMPDIR: tmp });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).changed).toBe(true);
      expect(state(dir)).toEqual(before);
    }
    expect(git(dir, 'status', '--porcelain')).toBe(status);
    expect(files()).toEqual(contents);
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true });
  });
});
