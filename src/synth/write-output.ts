// Writes environment folders atomically: render into a temporary folder, then swap it in with renames.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATED_MARKER } from './serialize.js';

const TMP = '.tmp-';
const OLD = '.old-';

/** What a write did to one environment folder. */
export interface WriteResult {
  readonly env: string;
  readonly changed: boolean;
}

/**
 * Replaces `<out>/<env>/` by exactly `files`. A crash at any point leaves either the old or the new folder
 * (a leftover `.old-<env>` from a crash between the two renames is restored by the next run).
 */
export function writeEnvironment(out: string, env: string, files: ReadonlyMap<string, string>): WriteResult {
  mkdirSync(out, { recursive: true });
  recoverInterrupted(out);
  const staged = stageEnvironment(out, env, files);
  swapIn(staged);
  return { env, changed: staged.tmp !== undefined };
}

/** An environment folder written next to its target, not swapped in yet (`tmp` undefined: the target is already it). */
export interface StagedEnvironment {
  readonly out: string;
  readonly env: string;
  readonly tmp?: string;
}

/**
 * Writes `files` into a temporary folder beside `<out>/<env>/` (nothing when the folder already holds exactly them),
 * so that a run can stage every environment, one at a time, and swap them all in only when all of them passed. The
 * run calls recoverInterrupted once before its first stage (it would take this process's staged folders for leftovers).
 */
export function stageEnvironment(out: string, env: string, files: ReadonlyMap<string, string>): StagedEnvironment {
  mkdirSync(out, { recursive: true });
  if (sameContent(join(out, env), files)) return { out, env };
  const tmp = join(out, `${TMP}${env}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const [name, text] of files) {
    mkdirSync(dirname(join(tmp, name)), { recursive: true });
    writeFileSync(join(tmp, name), text);
  }
  return { out, env, tmp };
}

/** Replaces the target folder by the staged one (a crash leaves the old or the new folder, see recoverInterrupted). */
export function swapIn(staged: StagedEnvironment): void {
  if (!staged.tmp) return;
  const target = join(staged.out, staged.env);
  const old = join(staged.out, `${OLD}${staged.env}`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(staged.tmp, target);
  rmSync(old, { recursive: true, force: true });
}

/** Drops a staged folder (a later environment failed: nothing is written). */
export function discard(staged: StagedEnvironment): void {
  if (staged.tmp) rmSync(staged.tmp, { recursive: true, force: true });
}

/**
 * Removes environment folders of `out` that are not in `keep` (an environment file was deleted): only folders this
 * tool wrote, so that other folders of a user-chosen `--out` are safe; and only those `owned` by this run (its shard).
 */
export function removeStaleEnvironments(out: string, keep: ReadonlySet<string>, owned: (env: string) => boolean = () => true): string[] {
  if (!existsSync(out)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(out, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || keep.has(entry.name) || !owned(entry.name)) continue;
    if (!writtenByUs(join(out, entry.name))) continue;
    rmSync(join(out, entry.name), { recursive: true, force: true });
    removed.push(entry.name);
  }
  return removed;
}

/**
 * Restores a folder whose swap was interrupted and drops the temporary folders of earlier runs that were killed
 * (`.tmp-<env>-<pid>` of a process that is gone: a synth running at the same time keeps its own).
 */
export function recoverInterrupted(out: string): void {
  if (!existsSync(out) || !statSync(out).isDirectory()) return; // not a folder: writing into it fails, saying so
  for (const entry of readdirSync(out)) {
    if (entry.startsWith(OLD) && writtenByUs(join(out, entry))) {
      const env = entry.slice(OLD.length);
      if (existsSync(join(out, env))) rmSync(join(out, entry), { recursive: true, force: true });
      else renameSync(join(out, entry), join(out, env));
    } else if (entry.startsWith(TMP)) {
      const pid = /-(\d+)$/.exec(entry)?.[1];
      if (pid !== undefined && !running(Number(pid))) rmSync(join(out, entry), { recursive: true, force: true });
    }
  }
}

function writtenByUs(dir: string): boolean {
  try {
    return readFileSync(join(dir, 'kustomization.yaml'), 'utf8').startsWith(GENERATED_MARKER);
  } catch {
    return false;
  }
}

/** Whether `pid` is another live process. */
function running(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The files under `dir`, recursively, as `/`-separated paths relative to it (the keys of a serialized environment). */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)).map((name) => `${entry.name}/${name}`) : [entry.name],
  );
}

function sameContent(dir: string, files: ReadonlyMap<string, string>): boolean {
  if (!existsSync(dir)) return false;
  const present = listFiles(dir);
  if (present.length !== files.size) return false;
  for (const name of present) {
    const want = files.get(name);
    if (want === undefined || readFileSync(join(dir, name), 'utf8') !== want) return false;
  }
  return true;
}
