// `elastic-gitops synth`: compile, validate, then write every environment folder atomically.
import { join, resolve } from 'node:path';
import { ChecksFailed } from '../errors.js';
import { formatDiagnostic } from '../config/diagnostic.js';
import { formatReportText } from '../validate/format.js';
import type { Problem } from '../validate/types.js';
import { validateManifests } from '../validate/index.js';
import { compile } from './compile.js';
import { removeStaleEnvironments, writeEnvironment } from './write-output.js';

/** Options of the synth command (from commander). */
export interface SynthOptions {
  readonly env?: string[];
  readonly environments: string;
  readonly out?: string;
  readonly validate: boolean;
  readonly strict?: boolean;
}

export async function synthCommand(opts: SynthOptions): Promise<void> {
  const out = opts.out ?? 'dist';
  const compiled = compile({ environmentsDir: opts.environments, only: opts.env });
  for (const notice of new Set(compiled.flatMap((c) => c.notices))) process.stderr.write(`${notice}\n`);
  if (opts.validate) {
    const docs = compiled.flatMap((c) => c.docs.map((d) => ({ ...d, file: join(out, d.file) })));
    const report = await validateManifests(docs, { strict: opts.strict });
    const byFile = new Map(compiled.flatMap((c) => c.docs.map((d) => [join(out, d.file), c] as const)));
    const source = (p: Problem): string | undefined => {
      const d = byFile.get(p.file)?.sourceOf(p);
      return d && formatDiagnostic(d).replace(/: $/, '');
    };
    if (report.problems.length > 0 || report.notEvaluated.length > 0) process.stderr.write(formatReportText(report, source));
    if (report.invalid > 0) throw new ChecksFailed(`${report.invalid} rendered resource${report.invalid > 1 ? 's' : ''} failed validation; nothing was written`);
  }
  const results = compiled.map((c) => writeEnvironment(out, c.env, c.files));
  const removed = opts.env && opts.env.length > 0 ? [] : removeStaleEnvironments(out, new Set(compiled.map((c) => c.env)));
  for (const [i, c] of compiled.entries()) {
    const state = results[i]!.changed ? 'written' : 'unchanged';
    process.stdout.write(`${join(out, c.env)}/: ${c.files.size} files, ${c.docs.length} objects (${state})\n`);
  }
  for (const env of removed) process.stdout.write(`${join(out, env)}/: removed (no environment file)\n`);
  // under `cdk8s synth`: a copy in its scratch folder (which it empties before each run) for its validation plugins
  const scratch = process.env.CDK8S_OUTDIR;
  if (scratch && resolve(scratch) !== resolve(out)) for (const c of compiled) writeEnvironment(scratch, c.env, c.files);
}
