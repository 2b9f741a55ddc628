// `elastic-gitops synth`: compile, validate, then write every environment folder atomically. One environment at a
// time is rendered, validated and staged beside its folder, so memory is bounded by the largest environment; all
// staged folders are swapped in only when every environment passed (a failure in the last one leaves all as they were).
import { join, resolve } from 'node:path';
import { paintReport } from '../cli/terminal.js';
import { formatDiagnostic, problemsError, type Diagnostic } from '../config/diagnostic.js';
import { ChecksFailed } from '../errors.js';
import { formatReportJson, formatReportText } from '../validate/format.js';
import { isManifestFile } from '../validate/manifest-files.js';
import type { Problem, ValidationReport } from '../validate/types.js';
import { boundHeapGrowth } from './heap-growth.js';
import { selectEnvironments, type SelectedEnvironment, type SkippableEnvironment } from './select-environments.js';
import { inShard, parseShard, type Shard } from './shard.js';
import { SynthCache, synthCacheDir, type CachedEnvironment } from './synth-cache.js';
import {
  discard,
  recoverInterrupted,
  removeStaleEnvironments,
  stageEnvironment,
  swapIn,
  writeEnvironment,
  type StagedEnvironment,
} from './write-output.js';

/** Options of the synth command (from commander, after src/cli/grammar.ts). */
export interface SynthOptions {
  readonly env?: string[];
  readonly environments: string;
  /** Folder of the rendered `<env>/` folders. */
  readonly outDir: string;
  readonly output: 'text' | 'json';
  readonly validate: boolean;
  /** Rule warnings are errors (`--warnings-as-errors`). @default false */
  readonly warningsAsErrors?: boolean;
  /** `i/n`: only the environments of that shard. @default every environment */
  readonly shard?: string;
  /** Whether unchanged environments are taken from the incremental cache (`--no-cache`: false). @default true */
  readonly cache?: boolean;
}

/** `-o json`: what synth wrote, one entry per environment (`cached`: unchanged, from the synth cache). */
export interface SynthSummary {
  readonly environments: {
    readonly env: string;
    readonly dir: string;
    readonly files: number;
    readonly objects: number;
    readonly state: Outcome['state'];
  }[];
  /** Folders removed because their environment file is gone. */
  readonly removed: string[];
}

/** What the run did to one environment folder. */
interface Outcome {
  readonly env: string;
  readonly files: number;
  readonly objects: number;
  readonly state: 'written' | 'unchanged' | 'cached';
}

export async function synthCommand(opts: SynthOptions): Promise<void> {
  const out = opts.outDir;
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
  // under `cdk8s synth` every folder is copied to its scratch folder (which it empties first): nothing is skipped there
  const scratch = process.env.CDK8S_OUTDIR;
  const copyToScratch = scratch !== undefined && resolve(scratch) !== resolve(out);
  const cache = opts.validate && opts.cache !== false && !copyToScratch ? new SynthCache(synthCacheDir(), out) : undefined;
  const { order, hits, misses, keys, diagnostics } = partition(opts, shard, cache);

  const outcomes = new Map<string, Outcome>();
  const reports: Omit<ValidationReport, 'objects'>[] = [];
  // each environment's notices, and the environment value each problem came from (shown above its rendered place)
  const notices: string[] = [];
  const sources = new Map<Problem, string>();
  for (const hit of hits) {
    outcomes.set(hit.env, { env: hit.env, files: Object.keys(hit.files).length, objects: hit.objects, state: 'cached' });
    const files = Object.keys(hit.files).filter(isManifestFile).length;
    reports.push({ ...hit.report, resources: hit.objects, files, valid: hit.objects, invalid: 0, errors: 0, skipped: 0 });
    notices.push(...hit.notices);
    hit.report.problems.forEach((p, i) => hit.sources[i] != null && sources.set(p, hit.sources[i]!));
  }
  // the checker, the charts and the validator are loaded only when something is rendered (a no-op synth needs none)
  const rendering = misses.length > 0 || diagnostics.length > 0;
  const { checkOne, renderChecked } = rendering ? await import('./compile.js') : { checkOne: undefined, renderChecked: undefined };
  const { validateManifests } = rendering && opts.validate ? await import('../validate/index.js') : { validateManifests: undefined };

  if (misses.length > 1) boundHeapGrowth();
  recoverInterrupted(out);
  const staged: StagedEnvironment[] = [];
  const entries: CachedEnvironment[] = [];
  // the loader's problems, then each environment's: all are listed at once, and nothing is rendered once there is one
  const inputProblems = diagnostics.map(formatDiagnostic);
  let invalid = 0;
  try {
    // one environment at a time, from its merged input to its staged folder: each is merged when its turn comes and
    // dropped from the queue, so that neither its input nor its model outlives it (memory is bounded by the largest
    // environment)
    for (let e = misses.shift(); e !== undefined; e = misses.shift()) {
      const { checked, problems } = checkOne!(e);
      inputProblems.push(...problems);
      if (!checked || inputProblems.length > 0) continue;
      const rendered = renderChecked!(checked);
      notices.push(...rendered.notices);
      let report: ValidationReport | undefined;
      if (opts.validate) {
        const docs = rendered.docs.map((d) => ({ ...d, file: join(out, d.file) }));
        report = await validateManifests!(docs, { warningsAsErrors: opts.warningsAsErrors });
        const { objects: _perObject, ...counts } = report; // the run keeps each environment's counts and problems only
        reports.push(counts);
        for (const p of report.problems) {
          const d = rendered.sourceOf(p);
          if (d) sources.set(p, formatDiagnostic(d).replace(/: $/, ''));
        }
        if (report.invalid > 0) {
          invalid += report.invalid;
          continue; // the others are still validated, so that one run reports every problem
        }
      }
      if (invalid > 0) continue;
      const s = stageEnvironment(out, rendered.env, rendered.files);
      staged.push(s);
      outcomes.set(rendered.env, {
        env: rendered.env,
        files: rendered.files.size,
        objects: rendered.docs.length,
        state: s.tmp ? 'written' : 'unchanged',
      });
      const key = keys.get(rendered.env);
      if (key !== undefined && report) {
        const at = report.problems.map((p) => sources.get(p) ?? null);
        entries.push(
          cache!.entry({
            env: rendered.env,
            key,
            files: rendered.files,
            objects: rendered.docs.length,
            strict: opts.warningsAsErrors ?? false,
            report,
            notices: rendered.notices,
            sources: at,
          }),
        );
      }
      if (copyToScratch) writeEnvironment(scratch!, rendered.env, rendered.files);
    }
    if (inputProblems.length > 0) throw problemsError(inputProblems);
    for (const notice of new Set(notices)) process.stderr.write(`${notice}\n`);
    const merged = mergeReports(reports);
    if (opts.output === 'json' && invalid > 0) process.stdout.write(formatReportJson(merged));
    else if (merged.problems.length > 0 || merged.notEvaluated.length > 0)
      process.stderr.write(paintReport(formatReportText(merged, { at: (p) => sources.get(p) })));
    if (invalid > 0) throw new ChecksFailed(`${invalid} rendered resource${invalid > 1 ? 's' : ''} failed validation; nothing was written`);
  } catch (e) {
    for (const s of staged) discard(s);
    throw e;
  }
  for (const s of staged) swapIn(s);
  for (const entry of entries) cache!.store(entry);

  const removed = opts.env && opts.env.length > 0 ? [] : removeStaleEnvironments(out, new Set(order), (env) => !shard || inShard(env, shard));
  const summary: SynthSummary = {
    environments: order
      .map((env) => outcomes.get(env)!)
      .map((o) => ({ env: o.env, dir: join(out, o.env), files: o.files, objects: o.objects, state: o.state })),
    removed: removed.map((env) => join(out, env)),
  };
  if (opts.output === 'json') process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    for (const e of summary.environments)
      process.stdout.write(`${e.dir}/: ${e.files} files, ${e.objects} objects (${e.state === 'cached' ? 'unchanged, cached' : e.state})\n`);
    for (const dir of summary.removed) process.stdout.write(`${dir}/: removed (no environment file)\n`);
  }
}

/** The selected environments' names in order, the cache's hits, and the misses to render with their cache keys. */
interface Partition {
  readonly order: readonly string[];
  readonly hits: readonly CachedEnvironment[];
  /** Rendered in order, each taken off the queue when its turn comes. */
  readonly misses: SelectedEnvironment[];
  readonly keys: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Selects the environments and splits them into cache hits (neither merged, checked, rendered nor validated) and misses. */
function partition(opts: SynthOptions, shard: Shard | undefined, cache: SynthCache | undefined): Partition {
  const hits: CachedEnvironment[] = [];
  // a hit's output passed all of that for the same key
  const skip =
    cache &&
    ((e: SkippableEnvironment) => {
      const hit = cache.hit(e.name, cache.keyOf(e), opts.warningsAsErrors ?? false);
      if (hit) hits.push(hit);
      return hit !== undefined;
    });
  const { envs, diagnostics, order } = selectEnvironments({ environmentsDir: opts.environments, only: opts.env, shard, skip });
  const keys = new Map(cache ? envs.map((e) => [e.name, cache.keyOf(e)]) : []);
  return { order, hits, misses: [...envs], keys, diagnostics };
}

/** One report for every environment's validation, in environment order. */
function mergeReports(reports: readonly Omit<ValidationReport, 'objects'>[]): ValidationReport {
  const notEvaluated = new Map<string, { rule: string; reason: string; count: number }>();
  for (const r of reports) {
    for (const n of r.notEvaluated) {
      const seen = notEvaluated.get(n.rule);
      notEvaluated.set(n.rule, seen ? { ...seen, count: seen.count + n.count } : { ...n });
    }
  }
  const sum = (k: 'resources' | 'files' | 'valid' | 'invalid' | 'errors' | 'skipped') => reports.reduce((n, r) => n + r[k], 0);
  return {
    resources: sum('resources'),
    files: sum('files'),
    valid: sum('valid'),
    invalid: sum('invalid'),
    errors: sum('errors'),
    skipped: sum('skipped'),
    problems: reports.flatMap((r) => r.problems),
    notEvaluated: [...notEvaluated.values()],
  };
}
