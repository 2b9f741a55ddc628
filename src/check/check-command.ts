// `elastic-gitops check`: fails when the committed output differs from a fresh synth (a forgotten synth, or a
// hand-edited rendered file), listing each file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChecksFailed } from '../errors.js';
import { compile } from '../synth/compile.js';

/** Options of the check command (from commander). */
export interface CheckOptions {
  readonly environments: string;
  readonly out: string;
}

/** One file that differs between the output folder and a fresh synth. */
export interface StaleFile {
  readonly path: string;
  readonly state: 'missing' | 'changed' | 'extra';
}

/** Compares a fresh synth of `environments` with the files under `out`. */
export function staleFiles(opts: CheckOptions): StaleFile[] {
  const stale: StaleFile[] = [];
  const rendered = compile({ environmentsDir: opts.environments });
  for (const env of rendered) {
    const dir = join(opts.out, env.env);
    for (const [name, text] of env.files) {
      const path = join(dir, name);
      if (!existsSync(path)) stale.push({ path, state: 'missing' });
      else if (readFileSync(path, 'utf8') !== text) stale.push({ path, state: 'changed' });
    }
    if (existsSync(dir)) for (const name of readdirSync(dir)) if (!env.files.has(name)) stale.push({ path: join(dir, name), state: 'extra' });
  }
  const envs = new Set(rendered.map((e) => e.env));
  if (existsSync(opts.out)) {
    for (const entry of readdirSync(opts.out, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && !envs.has(entry.name) && existsSync(join(opts.out, entry.name, 'kustomization.yaml'))) {
        stale.push({ path: join(opts.out, entry.name), state: 'extra' });
      }
    }
  }
  return stale.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export async function checkCommand(opts: CheckOptions): Promise<void> {
  const stale = staleFiles(opts);
  if (stale.length === 0) {
    process.stdout.write(`${opts.out}/ is up to date with ${opts.environments}/\n`);
    return;
  }
  for (const s of stale) process.stdout.write(`${s.state.padEnd(7)} ${s.path}\n`);
  throw new ChecksFailed(`${stale.length} file${stale.length > 1 ? 's' : ''} in ${opts.out}/ differ from a fresh synth: run \`npm run synth\` and commit the result`);
}
