// Renders the environments of a commit and of the working tree: with THIS checkout's compiler when the commit's
// compiler inputs are the working tree's, else the commit's with its own compiler.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { compile } from '../synth/compile.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { renderWithBaseCompiler } from './base-compiler.js';
import { changedCompilerInputs, type CompilerInput } from './compiler-inputs.js';
import { repositoryPath, withExportedFolder } from './export-ref.js';
import { parseEnvironment } from './read-rendered.js';

/** Both sides of a diff, and which compiler rendered the base. */
export interface Renders {
  readonly before: SerializedEnvironment[];
  readonly after: SerializedEnvironment[];
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
  if (changedInputs.length === 0) {
    return { before: await renderCommit(commit, label, environmentsDir, cwd), after: renderWorkingTree(environmentsDir, cwd), changedInputs };
  }
  const sameLockfile = !changedInputs.includes('package-lock.json');
  const before = renderWithBaseCompiler({ commit, label, top, prefix, sameLockfile }); // builds while the working tree compiles
  let after: SerializedEnvironment[];
  try {
    after = renderWorkingTree(environmentsDir, cwd).map((e) => ({ ...parseEnvironment(e.env, e.files), ...(e.acknowledged ? { acknowledged: e.acknowledged } : {}) }));
  } catch (e) {
    await before.catch(() => undefined); // its temporary folder removed before the error is reported
    throw e;
  }
  return { before: await before, after, changedInputs };
}

/**
 * Compiles `environmentsDir` as it is at `commit` with this checkout's compiler (exported from git objects into a
 * temporary folder, deleted afterwards). No environments folder at that commit renders nothing (every environment will
 * show as added).
 */
function renderCommit(commit: string, label: string, environmentsDir: string, cwd: string): Promise<SerializedEnvironment[]> {
  return withExportedFolder(commit, environmentsDir, cwd, (dir) => {
    if (!dir) return [];
    try {
      return compile({ environmentsDir: dir });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const at = (line: string) => line.split(dir).join(`${label}:${environmentsDir}`);
      throw new InputError(`the environments at ${label} do not compile with this checkout's compiler: ${at(e.message.split('\n')[0]!)}`, e.details.map(at));
    }
  });
}

/** Compiles the environments of the working tree (none when the folder is gone: every environment shows as removed). */
function renderWorkingTree(environmentsDir: string, cwd: string): SerializedEnvironment[] {
  const dir = resolve(cwd, environmentsDir);
  return existsSync(dir) ? compile({ environmentsDir: dir }) : [];
}
