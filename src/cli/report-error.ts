// How a failed command ends: one `error: ...` line (plus indented details) on stderr and a documented exit code.
// The codes and their meanings are in src/exit-codes.ts.
import { relative } from 'node:path';
import { ChecksFailed, DeployRepoError, InputError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { errorLine } from './terminal.js';

/** Filesystem error codes that are about the user's paths or machine, not a bug. */
const FILESYSTEM = new Set([
  'ENOENT',
  'EACCES',
  'EPERM',
  'EISDIR',
  'ENOTDIR',
  'EEXIST',
  'ENOTEMPTY',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EMFILE',
  'ENAMETOOLONG',
  'ELOOP',
  'EBUSY',
]);

/** Prints `err` as the user should see it and returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof InputError || err instanceof ChecksFailed || err instanceof DeployRepoError) {
    process.stderr.write(errorLine(err.message));
    return err.exitCode;
  }
  const e = err as { code?: unknown; exitCode?: unknown; syscall?: unknown; path?: unknown; message?: unknown };
  if (typeof e.code === 'string' && e.code.startsWith('commander.')) {
    // commander already printed the help or the usage error
    const shown = e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version';
    return shown && e.exitCode === 0 ? EXIT.success : EXIT.input;
  }
  if (typeof e.code === 'string' && FILESYSTEM.has(e.code) && typeof e.message === 'string') {
    process.stderr.write(errorLine(filesystemMessage(e.code, e.message, e.syscall, e.path)));
    return EXIT.input;
  }
  process.stderr.write(
    `internal error (a bug: please report it with this trace): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return EXIT.internal;
}

/** `cannot open environments/dev.yaml: permission denied` from Node's `EACCES: permission denied, open '...'`. */
function filesystemMessage(code: string, message: string, syscall: unknown, path: unknown): string {
  const reason = message.startsWith(`${code}: `) ? message.slice(code.length + 2).replace(/, \w+ '.*$/, '') : message;
  if (typeof path !== 'string') return `${typeof syscall === 'string' ? `${syscall}: ` : ''}${reason}`;
  const rel = relative(process.cwd(), path);
  const shown = rel === '' ? '.' : rel.startsWith('..') ? path : rel;
  return `cannot ${typeof syscall === 'string' ? syscall : 'use'} ${shown}: ${reason}`;
}
