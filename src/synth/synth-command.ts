// `elastic-gitops synth`: compile, validate, then write every environment folder atomically.
import { join, resolve } from 'node:path';
import { paintReport } from '../cli/terminal.js';
import { ChecksFailed } from '../errors.js';
import { formatReportJson, formatReportText } from '../validate/format.js';
import { validateManifests } from '../validate/index.js';
import { compile } from './compile.js';
import { removeStaleEnvironments, writeEnvironment } from './write-output.js';

/** Options of the synth command (from commander, after src/cli/grammar.ts). */
export interface SynthOptions {
  readonly env?: string[];
  readonly environments: string;
  /** Folder of the rendered `<env>/` folders. */
  readonly outDir: string;
  readonly output: 'text' | 'json';
  readonly validate: boolean;
  readonly strict?: boolean;
}

/** `-o json`: what synth wrote, one entry per environment. */
export interface SynthSummary {
  readonly environments: { readonly env: string; readonly dir: string; readonly files: number; readonly objects: number; readonly state: 'written' | 'unchanged' }[];
  /** Folders removed because their environment file is gone. */
  readonly removed: string[];
}

export async function synthCommand(opts: SynthOptions): Promise<void> {
  const out = opts.outDir;
  const compiled = compile({ environmentsDir: opts.environments, only: opts.env });
  if (opts.validate) {
    const docs = compiled.flatMap((c) => c.docs.map((d) => ({ ...d, file: join(out, d.file) })));
    const report = await validateManifests(docs, { strict: opts.strict });
    if (opts.output === 'json' && report.invalid > 0) process.stdout.write(formatReportJson(report));
    else if (report.problems.length > 0 || report.notEvaluated.length > 0) process.stderr.write(paintReport(formatReportText(report)));
    if (report.invalid > 0) throw new ChecksFailed(`${report.invalid} rendered resource${report.invalid > 1 ? 's' : ''} failed validation; nothing was written`);
  }
  const results = compiled.map((c) => writeEnvironment(out, c.env, c.files));
  const removed = opts.env && opts.env.length > 0 ? [] : removeStaleEnvironments(out, new Set(compiled.map((c) => c.env)));
  const summary: SynthSummary = {
    environments: compiled.map((c, i) => ({ env: c.env, dir: join(out, c.env), files: c.files.size, objects: c.docs.length, state: results[i]!.changed ? 'written' : 'unchanged' })),
    removed: removed.map((env) => join(out, env)),
  };
  if (opts.output === 'json') process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    for (const e of summary.environments) process.stdout.write(`${e.dir}/: ${e.files} files, ${e.objects} objects (${e.state})\n`);
    for (const dir of summary.removed) process.stdout.write(`${dir}/: removed (no environment file)\n`);
  }
  // under `cdk8s synth`: a copy in its scratch folder (which it empties before each run) for its validation plugins
  const scratch = process.env.CDK8S_OUTDIR;
  if (scratch && resolve(scratch) !== resolve(out)) for (const c of compiled) writeEnvironment(scratch, c.env, c.files);
}
