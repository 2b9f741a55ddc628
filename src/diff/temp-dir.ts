// A temporary directory that is removed whatever happens: on return, on a throw, and on Ctrl-C or a kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const live = new Set<string>();
let listening = false;

/**
 * Runs `fn` with a new directory under the system's temporary folder and removes it afterwards. On SIGINT, SIGTERM or
 * SIGHUP the directories still in use are removed first, then the process ends by that signal, as it would have.
 */
export async function withTempDir<T>(prefix: string, fn: (dir: string) => T | Promise<T>): Promise<T> {
  if (!listening) {
    listening = true;
    const remove = (signal: NodeJS.Signals) => {
      for (const dir of live) rmSync(dir, { recursive: true, force: true });
      process.kill(process.pid, signal);
    };
    for (const s of SIGNALS) process.once(s, remove);
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  live.add(dir);
  try {
    return await fn(dir);
  } finally {
    live.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}
