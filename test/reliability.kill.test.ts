// A synth killed with SIGKILL at any moment leaves every environment folder of dist/ either complete and old or
// complete and new (an interrupted swap leaves the old one complete under .old-<env>), and the next synth restores
// exactly the new output with no leftovers.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, watch, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeFleet } from '../scripts/fleet.js';
import { REPO, runCli, snapshotTree } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const CLI = join(REPO, 'build', 'cli.js');
const APPS = 15;
const ENVS = 3;

/** When to kill: after a delay from the start, or a few milliseconds after the first folder write begins. */
type KillPoint = { readonly afterMs: number } | { readonly afterWriteStartMs: number };

/** Runs synth in `cwd` and kills it with SIGKILL at `point` (if still running); resolves with how it ended. */
function synthKilled(cwd: string, point: KillPoint): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'synth'], { cwd, stdio: 'ignore' });
    const kill = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    // the writer renders each folder as .tmp-<env>-<pid> before swapping it in: its appearance marks the write phase
    const watcher =
      'afterWriteStartMs' in point
        ? watch(join(cwd, 'dist'), (_event, name) => {
            if (timer === undefined && String(name).startsWith('.tmp-')) timer = setTimeout(kill, point.afterWriteStartMs);
          })
        : undefined;
    if ('afterMs' in point) timer = setTimeout(kill, point.afterMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      resolve({ code, signal });
    });
  });
}

/** The content of each environment folder of `dist` (env → file → text). */
function folders(dist: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const entry of readdirSync(dist, { withFileTypes: true })) if (entry.isDirectory()) out.set(entry.name, snapshotTree(join(dist, entry.name)));
  return out;
}

describe('synth killed with SIGKILL', () => {
  it('never leaves a half-written environment folder, and the next synth restores a consistent dist/', async () => {
    const root = tempDir('eg-kill-');
    const envDir = join(root, 'environments');
    writeFleet(envDir, APPS, ENVS);
    expect(runCli(['synth'], root).status).toBe(0);
    const pristine = join(root, 'dist-old');
    cpSync(join(root, 'dist'), pristine, { recursive: true });
    const old = folders(pristine);

    // the new version changes every environment
    const base = join(envDir, 'base.yaml');
    writeFileSync(base, readFileSync(base, 'utf8').replaceAll('ghcr.io/example/', 'ghcr.io/example-next/'));
    const started = performance.now();
    expect(runCli(['synth', '--out-dir', 'dist-new'], root).status).toBe(0);
    const fullRunMs = performance.now() - started;
    const next = folders(join(root, 'dist-new'));
    expect(next.size).toBe(ENVS);
    for (const [env, files] of next) expect(files, env).not.toEqual(old.get(env));

    let killed = 0;
    await fc.assert(
      fc.asyncProperty(
        // anywhere in the run, or within the (short) write phase
        fc.oneof(
          fc.double({ min: 0, max: 1.1, noNaN: true }).map((f): KillPoint => ({ afterMs: Math.round(f * fullRunMs) })),
          fc.integer({ min: 0, max: 12 }).map((ms): KillPoint => ({ afterWriteStartMs: ms })),
        ),
        async (point) => {
          rmSync(join(root, 'dist'), { recursive: true, force: true });
          cpSync(pristine, join(root, 'dist'), { recursive: true });
          const end = await synthKilled(root, point);
          if (end.signal === 'SIGKILL') killed++;
          else expect(end.code).toBe(0);
          const dist = join(root, 'dist');
          for (const [env, oldFiles] of old) {
            if (existsSync(join(dist, env))) {
              const now = JSON.stringify(snapshotTree(join(dist, env)));
              expect([JSON.stringify(oldFiles), JSON.stringify(next.get(env))], `${env} is neither the old nor the new folder`).toContain(now);
            } else {
              // killed between the two renames of the swap: the old folder is complete, waiting to be restored
              expect(snapshotTree(join(dist, `.old-${env}`)), env).toEqual(oldFiles);
            }
          }
        },
      ),
      { numRuns: 6, endOnFailure: true },
    );
    expect(killed).toBeGreaterThan(0);

    // a following synth completes the job: exactly the new output, no temporary or old folders left
    expect(runCli(['synth'], root).status).toBe(0);
    expect(readdirSync(join(root, 'dist')).sort()).toEqual([...next.keys()].sort());
    expect(folders(join(root, 'dist'))).toEqual(next);
  });
});
