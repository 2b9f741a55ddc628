// Renders the environments of a commit and of the working tree: with THIS checkout's compiler when the commit's
// compiler inputs are the working tree's, else the commit's with its own compiler.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../errors.js';
import { checkSelected, compile, renderChecked } from '../synth/compile.js';
import { selectEnvironments, type SelectedEnvironment, type SelectedEnvironments } from '../synth/select-environments.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { renderWithBaseCompiler } from './base-compiler.js';
import { changedCompilerInputs, type CompilerInput } from './compiler-inputs.js';
import { repositoryPath, withExportedFolder } from './export-ref.js';
import { parseEnvironment } from './read-rendered.js';

/** Both sides of a diff, and which compiler rendered the base. */
export interface Renders {
  readonly before: SerializedEnvironment[];
  /** The working tree's, with the notices of those rendered (inherited items their files remove). */
  readonly after: (SerializedEnvironment & { readonly notices?: readonly string[] })[];
  /** Compiler inputs that differ between the base and the working tree (empty: both rendered by this compiler). */
  readonly changedInputs: readonly CompilerInput[];
}

/**
 * Renders `environmentsDir` at `commit` and in the working tree. When the commit's compiler inputs differ from the
 * working tree's, the base is rendered by its own compiler in a child process and both sides are compared as parsed
 * from their YAML text (so that in-memory details of either compiler never show as changes).
 */
export async function renderBaseAndWorkingTree(commit: string, label: string, environmentsDir: string, cwd: string): Promise<Renders> {
  const { top, prefix } = repositoryPath(environmentsDir, cwd);
  const changedInputs = changedCompilerInputs(commit, top);
  if (changedInputs.length === 0) return { ...(await renderChanged(commit, label, environmentsDir, cwd)), changedInputs };
  const sameLockfile = !changedInputs.includes('package-lock.json');
  const before = renderWithBaseCompiler({ commit, label, top, prefix, sameLockfile }); // builds while the working tree compiles
  let after: SerializedEnvironment[];
  try {
    after = renderWorkingTree(environmentsDir, cwd).map((e) => ({
      ...parseEnvironment(e.env, e.files),
      ...(e.acknowledged ? { acknowledged: e.acknowledged } : {}),
    }));
  } catch (e) {
    await before.catch(() => undefined); // its temporary folder removed before the error is reported
    throw e;
  }
  return { before: await before, after, changedInputs };
}

/**
 * Both sides rendered by this checkout's compiler, `environmentsDir` at `commit` exported from git objects into a
 * temporary folder (deleted afterwards; none at that commit: every environment shows as added). An environment whose
 * merged input is the same on both sides renders the same with the same compiler: neither side is rendered, and it
 * shows with no changes (a pull request that touches one environment file renders that one, twice).
 */
async function renderChanged(commit: string, label: string, environmentsDir: string, cwd: string): Promise<Omit<Renders, 'changedInputs'>> {
  const dir = resolve(cwd, environmentsDir);
  const work = existsSync(dir) ? selectEnvironments({ environmentsDir: dir }) : { envs: [], diagnostics: [], skipped: [], order: [] };
  const workValues = new Map(work.envs.map((a) => [a.name, { source: a.source, value: a.merge().value }]));
  const same = (b: SelectedEnvironment) => {
    const a = workValues.get(b.name);
    return a !== undefined && a.source === b.source && isDeepStrictEqual(a.value, b.merge().value);
  };
  const unchanged = new Set<string>();
  const before = await withExportedFolder(commit, environmentsDir, cwd, (exported) => {
    if (!exported) return [];
    try {
      const base = selectEnvironments({ environmentsDir: exported });
      for (const b of base.envs) if (same(b)) unchanged.add(b.name);
      return renderSelected(base, unchanged);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const at = (line: string) => line.split(exported).join(`${label}:${environmentsDir}`);
      throw new InputError(
        `the environments at ${label} do not compile with this checkout's compiler: ${at(e.message.split('\n')[0]!)}`,
        e.details.map(at),
      );
    }
  });
  return { before, after: renderSelected(work, unchanged) };
}

/** Checks and renders the selected environments but those in `unchanged`, which stand as empty renders. */
function renderSelected(selected: SelectedEnvironments, unchanged: ReadonlySet<string>): SerializedEnvironment[] {
  const rendered = checkSelected(
    selected.envs.filter((e) => !unchanged.has(e.name)),
    selected.diagnostics,
  ).map(renderChecked);
  const empty = (env: string): SerializedEnvironment => ({ env, files: new Map(), docs: [] });
  return selected.envs.map((e) => (unchanged.has(e.name) ? empty(e.name) : rendered.find((r) => r.env === e.name)!));
}

/** Compiles the environments of the working tree (none when the folder is gone: every environment shows as removed). */
function renderWorkingTree(environmentsDir: string, cwd: string): SerializedEnvironment[] {
  const dir = resolve(cwd, environmentsDir);
  return existsSync(dir) ? compile({ environmentsDir: dir }) : [];
}
