// `elastic-gitops diff`: render a git base and the working tree, and show resource by resource what changes.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ChecksFailed, InputError } from '../errors.js';
import { compile } from '../synth/compile.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { formatJson, formatMarkdown, formatText } from './format-diff.js';
import { defaultBase, exportEnvironments } from './git-ref.js';
import { diffRenders, type EnvironmentDiff } from './resource-diff.js';

/** Options of the diff command (from commander). */
export interface DiffOptions {
  readonly base?: string;
  readonly env?: string[];
  readonly environments: string;
  readonly format: 'text' | 'markdown' | 'json';
  readonly exitCode?: boolean;
}

/** The diff between the environments at `base` and in the working tree (compiled with this checkout's compiler). */
export function diffAgainst(base: string, opts: Pick<DiffOptions, 'env' | 'environments'>, cwd = process.cwd()): EnvironmentDiff[] {
  const head = compile({ environmentsDir: opts.environments });
  const exported = exportEnvironments(base, opts.environments, cwd);
  let before: SerializedEnvironment[] = [];
  try {
    if (exported) before = compile({ environmentsDir: exported });
  } catch (e) {
    if (e instanceof InputError) {
      const at = (line: string) => line.split(exported!).join(`${base}:${opts.environments}`);
      throw new InputError(`the environments at ${base} do not compile with this checkout's compiler`, e.details.map(at));
    }
    throw e;
  } finally {
    if (exported) rmSync(dirname(exported), { recursive: true, force: true });
  }
  const only = opts.env && opts.env.length > 0 ? new Set(opts.env) : undefined;
  const keep = (e: SerializedEnvironment) => !only || only.has(e.env);
  return diffRenders(before.filter(keep), head.filter(keep));
}

export async function diffCommand(opts: DiffOptions): Promise<void> {
  const base = opts.base ?? defaultBase(process.cwd());
  const diffs = diffAgainst(base, opts);
  const text = opts.format === 'json' ? formatJson(diffs, base) : opts.format === 'markdown' ? formatMarkdown(diffs, base) : formatText(diffs);
  process.stdout.write(text);
  const changed = diffs.reduce((n, d) => n + d.changes.length, 0);
  if (opts.exitCode && changed > 0) throw new ChecksFailed(`${changed} resource${changed > 1 ? 's' : ''} differ from ${base}`);
}
