// The one way this project runs git (diff's read-only plumbing, publish, the tests' repositories): no shell,
// stdout as text (or bytes), stderr captured for the error, a buffer large enough for a rendered tree, and never a
// password prompt (a CI job would hang; a credential helper still answers: git's GIT_TERMINAL_PROMPT, git(1)).
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';

const OPTIONS: ExecFileSyncOptions = {
  stdio: ['pipe', 'pipe', 'pipe'],
  maxBuffer: 1024 * 1024 * 1024,
  env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
};

/** stdout of `git <args>` in `cwd`; throws when git exits non-zero. */
export function git(args: readonly string[], cwd: string, input?: string): string {
  return execFileSync('git', args, { ...OPTIONS, cwd, encoding: 'utf8', input });
}

/** Raw stdout of `git <args>` (for blob contents). */
export function gitBuffer(args: readonly string[], cwd: string, input: string): Buffer {
  return execFileSync('git', args, { ...OPTIONS, cwd, input }) as Buffer;
}
