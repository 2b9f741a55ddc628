// Runs git read-only plumbing commands for the diff (never one that writes the working tree, the index or HEAD).
import { execFileSync } from 'node:child_process';

/** stdout of `git <args>` in `cwd`; throws when git exits non-zero. */
export function git(args: readonly string[], cwd: string, input?: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
}

/** Raw stdout of `git <args>` (for blob contents). */
export function gitBuffer(args: readonly string[], cwd: string, input: string): Buffer {
  return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
}
