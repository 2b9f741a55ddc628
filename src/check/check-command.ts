// `elastic-gitops check`: fails when the output folder differs from a fresh synth (a forgotten synth, or a hand-edited
// rendered file), listing each file: changed (with its first differing line), missing or extra, then the destructive
// and immutable changes among them (what publishing a fresh synth over the committed output would do).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffRenders } from '../diff/environment-diff.js';
import { needsCare, type CareItem } from '../diff/needs-care.js';
import { parseEnvironment } from '../diff/read-rendered.js';
import { ChecksFailed } from '../errors.js';
import { checkSelected, renderChecked } from '../synth/compile.js';
import { selectEnvironments, type SkippableEnvironment } from '../synth/select-environments.js';
import { inShard, parseShard } from '../synth/shard.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { SynthCache, synthCacheDir } from '../synth/synth-cache.js';
import { listFiles } from '../synth/write-output.js';

/** What check compares. */
export interface CheckOptions {
  /** Directory of environment files. */
  readonly environments: string;
  /** Output directory synth writes (the committed `dist/`). */
  readonly outDir: string;
  /** `i/n`: only the environments of that shard. @default every environment */
  readonly shard?: string;
  /** Whether environments the synth cache shows unchanged are trusted without rendering (`--no-cache`: false). @default true */
  readonly cache?: boolean;
}

/** One file that differs between the output folder and a fresh synth. */
export interface StaleFile {
  readonly path: string;
  /** `missing`: synth would write it; `changed`: its content differs; `extra`: synth would not write it. */
  readonly state: 'missing' | 'changed' | 'extra';
  /** First line that differs (changed files only). */
  readonly line?: number;
}

/**
 * Compares a fresh synth of `environments` (in memory, nothing written) with the files under `out`, sorted by path.
 * An environment whose synth cache entry has its current key and whose folder holds exactly the files recorded is up
 * to date without rendering: a fresh synth would write those files.
 */
export function staleFiles(opts: CheckOptions): StaleFile[] {
  return compareOutput(opts).stale;
}

/** The destructive and immutable changes from the committed output of each stale environment to its fresh synth. */
function risksOf(opts: CheckOptions, { stale, rendered }: { stale: readonly StaleFile[]; rendered: readonly SerializedEnvironment[] }): CareItem[] {
  const envs = rendered.filter((e) => stale.some((s) => s.path.startsWith(`${join(opts.outDir, e.env)}/`)));
  const committed = envs.flatMap((e): SerializedEnvironment[] => {
    const dir = join(opts.outDir, e.env);
    return existsSync(dir) ? [parseEnvironment(e.env, new Map(listFiles(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')])))] : [];
  });
  return needsCare(diffRenders(committed, envs).filter((d) => d.status === 'both'));
}

function compareOutput(opts: CheckOptions): { stale: StaleFile[]; rendered: SerializedEnvironment[] } {
  const stale: StaleFile[] = [];
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  const cache = opts.cache === false ? undefined : new SynthCache(synthCacheDir(), opts.outDir);
  // environments the cache shows unchanged are not even merged
  const skip = cache && ((e: SkippableEnvironment) => cache.hit(e.name, cache.keyOf(e), false) !== undefined);
  const selected = selectEnvironments({ environmentsDir: opts.environments, shard, skip });
  const rendered = checkSelected(selected.envs, selected.diagnostics).map(renderChecked);
  for (const env of rendered) {
    const dir = join(opts.outDir, env.env);
    for (const [name, text] of env.files) {
      const path = join(dir, name);
      if (!existsSync(path)) stale.push({ path, state: 'missing' });
      else {
        const present = readFileSync(path, 'utf8');
        if (present !== text) stale.push({ path, state: 'changed', line: firstDifferentLine(present, text) });
      }
    }
    if (existsSync(dir)) for (const name of listFiles(dir)) if (!env.files.has(name)) stale.push({ path: join(dir, name), state: 'extra' });
  }
  // a folder of an environment that no longer exists (synth removes folders holding a kustomization.yaml)
  const envs = new Set(selected.order);
  if (existsSync(opts.outDir)) {
    for (const entry of readdirSync(opts.outDir, { withFileTypes: true })) {
      if (shard && !inShard(entry.name, shard)) continue;
      if (
        entry.isDirectory() &&
        !entry.name.startsWith('.') &&
        !envs.has(entry.name) &&
        existsSync(join(opts.outDir, entry.name, 'kustomization.yaml'))
      ) {
        stale.push({ path: join(opts.outDir, entry.name), state: 'extra' });
      }
    }
  }
  return { stale: stale.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), rendered };
}

/** `changed dist/dev/30-workloads.yaml:42`, `missing dist/prod/kustomization.yaml`, `extra   dist/gone`. */
export function formatStaleFile(s: StaleFile): string {
  return `${s.state.padEnd(7)} ${s.path}${s.line === undefined ? '' : `:${s.line}`}`;
}

export async function checkCommand(opts: CheckOptions & { readonly output: 'text' | 'json' }): Promise<void> {
  const compared = compareOutput(opts);
  const { stale } = compared;
  const care = stale.length === 0 ? [] : risksOf(opts, compared);
  if (opts.output === 'json') process.stdout.write(`${JSON.stringify({ upToDate: stale.length === 0, stale, needsCare: care }, null, 2)}\n`);
  if (stale.length === 0) {
    if (opts.output === 'text') process.stdout.write(`${opts.outDir}/ is up to date with ${opts.environments}/\n`);
    return;
  }
  if (opts.output === 'text') {
    process.stdout.write(`${stale.map(formatStaleFile).join('\n')}\n`);
    if (care.length > 0) {
      const lines = care.map(
        (c) => `  ${c.risk} ${c.env}: ${c.renamedTo ? `${c.id} renamed to ${c.renamedTo}` : `${c.change} ${c.id}`}: ${c.message}`,
      );
      process.stdout.write(`\nNeeds care (what a fresh synth changes against ${opts.outDir}/):\n${lines.join('\n')}\n`);
    }
  }
  throw new ChecksFailed(
    `${stale.length} file${stale.length > 1 ? 's' : ''} in ${opts.outDir}/ differ from a fresh synth: run \`npm run synth\` and commit the result`,
  );
}

function firstDifferentLine(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let line = 1;
  for (let j = a.indexOf('\n'); j !== -1 && j < i; j = a.indexOf('\n', j + 1)) line++;
  return line;
}
