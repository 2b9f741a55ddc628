// Copies files of a commit into a temporary directory, from git objects (`git ls-tree` + `git cat-file --batch`):
// the user's working tree, index and HEAD are never touched.
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../errors.js';
import { git, gitBuffer } from '../git.js';
import { withTempDir } from './temp-dir.js';

/** One blob (file or symlink) of a commit's tree. */
export interface TreeEntry {
  readonly mode: string;
  readonly blob: string;
  /** Path from the repository's top level, `/`-separated. */
  readonly path: string;
}

/** A folder of the working tree located in its repository. */
export interface RepositoryPath {
  /** The repository's top level (symlinks resolved, as git reports it). */
  readonly top: string;
  /** The folder relative to `top`, `/`-separated (`''` for the top level). */
  readonly prefix: string;
}

/** Where `folder` (relative to `cwd`) is in `cwd`'s repository; outside it is an InputError. */
export function repositoryPath(folder: string, cwd: string): RepositoryPath {
  const top = git(['rev-parse', '--show-toplevel'], cwd).trim();
  // realpath: git reports the top level with symlinks resolved (/tmp → /private/tmp on macOS)
  const prefix = relative(top, resolve(realpathSync(cwd), folder))
    .split(sep)
    .join('/');
  if (prefix.startsWith('..')) throw new InputError(`${folder} is outside the git repository ${top}`);
  return { top, prefix };
}

/**
 * Runs `fn` with `folder` (a path in the working tree of `cwd`'s repository) as it is at `commit`, exported into a
 * temporary directory that is removed afterwards; `fn` gets undefined when the commit has no such folder.
 */
export async function withExportedFolder<T>(commit: string, folder: string, cwd: string, fn: (dir: string | undefined) => T): Promise<T> {
  const { top, prefix } = repositoryPath(folder, cwd);
  const entries = listTree(commit, prefix === '' ? [] : [prefix], top);
  if (entries.length === 0) return fn(undefined);
  return withTempDir('eg-diff-', (root) => {
    const dir = join(root, prefix === '' ? 'root' : prefix.split('/').pop()!);
    writeEntries(entries, prefix, dir, top);
    return fn(dir);
  });
}

/** Writes every blob of `commit` (its whole tree) under `dir`, which the caller creates and deletes. */
export function exportTree(commit: string, top: string, dir: string): void {
  writeEntries(listTree(commit, [], top), '', dir, top);
}

function writeEntries(entries: readonly TreeEntry[], prefix: string, dir: string, top: string): void {
  const contents = readBlobs(
    entries.map((e) => e.blob),
    top,
  );
  for (const [i, entry] of entries.entries()) {
    const target = join(dir, prefix === '' ? entry.path : entry.path.slice(prefix.length + 1));
    mkdirSync(dirname(target), { recursive: true });
    if (entry.mode === '120000') symlinkSync(contents[i]!.toString('utf8'), target);
    else writeFileSync(target, contents[i]!, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
  }
}

/** Blobs under `paths` (every blob when empty) at `commit`; submodules are skipped. */
export function listTree(commit: string, paths: readonly string[], top: string): TreeEntry[] {
  const out = git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths], top);
  const entries: TreeEntry[] = [];
  for (const line of out.split('\0')) {
    if (line === '') continue;
    const tab = line.indexOf('\t');
    const [mode, type, blob] = line.slice(0, tab).split(' ') as [string, string, string];
    if (type === 'blob') entries.push({ mode, blob, path: line.slice(tab + 1) });
  }
  return entries;
}

/** The contents of `blobs`, in order, read by one `git cat-file --batch`. */
function readBlobs(blobs: readonly string[], top: string): Buffer[] {
  if (blobs.length === 0) return [];
  const out = gitBuffer(['cat-file', '--batch'], top, `${blobs.join('\n')}\n`);
  const contents: Buffer[] = [];
  let at = 0;
  for (const blob of blobs) {
    const eol = out.indexOf(10, at);
    const [id, type, size] = out.subarray(at, eol).toString('utf8').split(' ');
    if (id !== blob || type !== 'blob')
      throw new Error(`git cat-file --batch: expected blob ${blob}, got "${out.subarray(at, eol).toString('utf8')}"`);
    const start = eol + 1;
    contents.push(out.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return contents;
}
