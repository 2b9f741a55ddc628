// Whether a commit's compiler is the working tree's: the blobs of every path that affects rendering, compared.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../git.js';
import { listTree } from './export-ref.js';

/** Paths (from the repository's top level) whose content affects what the compiler renders. */
export const COMPILER_INPUTS = ['charts', 'src', 'imports', 'package.json', 'package-lock.json', 'scripts/build.mjs', 'schemas.lock.json'] as const;

export type CompilerInput = (typeof COMPILER_INPUTS)[number];

/**
 * The compiler inputs that differ between `commit` and the working tree of the repository at `top`, in
 * COMPILER_INPUTS order (empty: the same compiler). The working tree side is what is on disk — tracked files as
 * modified, untracked files that are not ignored, deleted files gone — hashed with `git hash-object` (no `-w`: nothing
 * is written to the repository, and the index is not refreshed). File modes are not compared.
 */
export function changedCompilerInputs(commit: string, top: string): CompilerInput[] {
  const base = new Map(listTree(commit, COMPILER_INPUTS, top).map((e) => [e.path, e.blob]));
  const work = workingTreeBlobs(top);
  const under = (input: string, path: string) => path === input || path.startsWith(`${input}/`);
  return COMPILER_INPUTS.filter((input) => {
    const a = [...base].filter(([p]) => under(input, p));
    const b = [...work].filter(([p]) => under(input, p));
    return a.length !== b.length || a.some(([p, blob]) => work.get(p) !== blob);
  });
}

/** Path → blob id of the files on disk under COMPILER_INPUTS. */
function workingTreeBlobs(top: string): Map<string, string> {
  const listed = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...COMPILER_INPUTS], top).split('\0');
  const paths = [...new Set(listed)].filter((p) => p !== '' && isFileOrLink(join(top, p))).sort();
  if (paths.length === 0) return new Map();
  const ids = git(['hash-object', '--stdin-paths'], top, `${paths.join('\n')}\n`)
    .trim()
    .split('\n');
  return new Map(paths.map((p, i) => [p, ids[i]!]));
}

function isFileOrLink(path: string): boolean {
  try {
    return !lstatSync(path).isDirectory();
  } catch {
    return false; // deleted in the working tree
  }
}
