// Which commit a diff compares with: the ref given, or the merge-base with the upstream branch, else HEAD.
import { InputError } from '../errors.js';
import { git } from '../git.js';

/** A resolved base: the ref as the user wrote it and the commit it names. */
export interface BaseRef {
  /** The ref as given (or `HEAD`, or the upstream's name for a merge-base). */
  readonly ref: string;
  /** Full commit id. */
  readonly commit: string;
}

/** A base as the formats show it: with the compiler inputs that differ, when the base was rendered by its own compiler. */
export interface RenderedBase extends BaseRef {
  /** Compiler inputs (charts, src, ...) that differ from the working tree's. @default none: one compiler for both */
  readonly changedInputs?: readonly string[];
}

/** `; rendered with its own compiler (charts, src differ)`, or nothing when one compiler rendered both sides. */
export function compilerNote(base: RenderedBase): string {
  const inputs = base.changedInputs ?? [];
  return inputs.length === 0 ? '' : `; base rendered with its own compiler (${inputs.join(', ')} differ)`;
}

/** Resolves `ref` (default: merge-base with the upstream branch when there is one, else HEAD) to a commit. */
export function resolveBase(ref: string | undefined, cwd: string): BaseRef {
  if (!isRepository(cwd)) throw new InputError(`diff needs a git repository: ${cwd} is not inside one`);
  if (ref !== undefined) return { ref, commit: commitOf(ref, cwd) };
  const upstream = tryGit(['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}'], cwd);
  if (upstream) {
    const mergeBase = tryGit(['merge-base', 'HEAD', '@{upstream}'], cwd);
    if (mergeBase) return { ref: `merge-base with ${upstream}`, commit: mergeBase };
  }
  return { ref: 'HEAD', commit: commitOf('HEAD', cwd) };
}

function commitOf(ref: string, cwd: string): string {
  const commit = tryGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  if (!commit) throw new InputError(`unknown git ref "${ref}" (a branch, tag or commit of ${cwd})`);
  return commit;
}

function isRepository(cwd: string): boolean {
  return tryGit(['rev-parse', '--git-dir'], cwd) !== undefined;
}

function tryGit(args: readonly string[], cwd: string): string | undefined {
  try {
    return git(args, cwd).trim() || undefined;
  } catch {
    return undefined;
  }
}
