// `elastic-gitops synth`: compile, validate, then write every environment folder atomically.
import { join } from 'node:path';
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
  const out = opts.out ?? process.env.CDK8S_OUTDIR ?? 'dist';
  const compiled = compile({ environmentsDir: opts.environments, only: opts.env });
  const results = compiled.map((c) => writeEnvironment(out, c.env, c.files));
  const removed = opts.env && opts.env.length > 0 ? [] : removeStaleEnvironments(out, new Set(compiled.map((c) => c.env)));
  for (const [i, c] of compiled.entries()) {
    const state = results[i]!.changed ? 'written' : 'unchanged';
    process.stdout.write(`${join(out, c.env)}/: ${c.files.size} files, ${c.docs.length} objects (${state})\n`);
  }
  for (const env of removed) process.stdout.write(`${join(out, env)}/: removed (no environment file)\n`);
}
