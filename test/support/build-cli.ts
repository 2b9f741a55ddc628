// vitest globalSetup: bundle the CLI once so tests can run it as a real process, and give the run a temporary folder
// of its own (TMPDIR, inherited by the test workers and the CLI processes they start): a folder a test or a command
// leaves there fails the run, and the folder is removed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const previous = process.env.TMPDIR;
  const runTmp = mkdtempSync(join(tmpdir(), 'eg-run-'));
  process.env.TMPDIR = runTmp;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    const left = readdirSync(runTmp);
    rmSync(runTmp, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`the tests left ${left.length} temporary folder${left.length > 1 ? 's' : ''}: ${left.sort().join(', ')}`);
  };
}
