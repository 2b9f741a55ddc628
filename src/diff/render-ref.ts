// Renders the environments of a commit and of the working tree, both with THIS checkout's compiler.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import { compile } from '../synth/compile.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { exportFolder } from './export-ref.js';

/**
 * Compiles `environmentsDir` as it is at `commit` (exported from git objects into a temporary folder, deleted
 * afterwards). No environments folder at that commit renders nothing (every environment will show as added).
 */
export function renderCommit(commit: string, label: string, environmentsDir: string, cwd: string): SerializedEnvironment[] {
  const exported = exportFolder(commit, environmentsDir, cwd);
  try {
    if (!exported.dir) return [];
    const dir = exported.dir;
    try {
      return compile({ environmentsDir: dir });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const at = (line: string) => line.split(dir).join(`${label}:${environmentsDir}`);
      throw new InputError(`the environments at ${label} do not compile with this checkout's compiler: ${at(e.message.split('\n')[0]!)}`, e.details.map(at));
    }
  } finally {
    exported.dispose();
  }
}

/** Compiles the environments of the working tree (none when the folder is gone: every environment shows as removed). */
export function renderWorkingTree(environmentsDir: string, cwd: string): SerializedEnvironment[] {
  const dir = resolve(cwd, environmentsDir);
  return existsSync(dir) ? compile({ environmentsDir: dir }) : [];
}
