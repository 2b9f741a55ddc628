// Which environments a run compiles, merged from their files: loaded without the checker and the charts (so that a
// run whose environments all come from the synth cache loads neither).
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Diagnostic } from '../config/diagnostic.js';
import { listEnvironmentFiles, readEnvironments, type MergedEnvironment } from '../config/load.js';
import type { Environment } from '../config/model/environment.js';
import { inShard, type Shard } from './shard.js';
import { checkMeshPeers } from '../config/checks/mesh-peers.js';

/** What to compile. */
export interface CompileOptions {
  /** Directory of environment files. */
  readonly environmentsDir: string;
  /** Only these environments. @default all non-abstract environments */
  readonly only?: readonly string[];
  /** Only the environments of this shard (a stable partition by name). @default every environment */
  readonly shard?: Shard;
}

/** The environments selected for a run, merged (not checked yet), with what their checking needs. */
export interface SelectedEnvironments {
  readonly envs: readonly SelectedEnvironment[];
  /** Problems of the loader (YAML, `extends`), reported with the first check. */
  readonly diagnostics: readonly Diagnostic[];
}

/** One environment as merged from its file and its `extends` chain. */
export interface SelectedEnvironment {
  readonly merged: MergedEnvironment;
  /** The file as named in output headers (relative to the environments folder's parent). */
  readonly source: string;
}

/** A checked environment, ready to render. */
export interface CheckedEnvironment {
  readonly model: Environment;
  readonly source: string;
  readonly merged: MergedEnvironment;
}

/** Loads the environment files and selects the environments to compile (`only`, `shard`); throws InputError for unknown names. */
export function selectEnvironments(options: CompileOptions): SelectedEnvironments {
  const { envs: merged, diagnostics } = readEnvironments(options.environmentsDir);
  let selected = merged.filter((m) => !m.abstract);
  if (options.only && options.only.length > 0) {
    // a file that failed to load is still a known environment: its problems are reported below
    const abstract = new Set(merged.filter((m) => m.abstract).map((m) => m.name));
    const known = new Set(
      listEnvironmentFiles(options.environmentsDir)
        .map((f) => basename(f, extname(f)))
        .filter((n) => !abstract.has(n)),
    );
    const unknown = options.only.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new InputError(
        `unknown environment${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${[...known].join(', ')})`,
      );
    }
    selected = selected.filter((m) => options.only!.includes(m.name));
  }
  if (options.shard) selected = selected.filter((m) => inShard(m.name, options.shard!));
  // the mesh peers are checked across every environment of the folder, selected or not, from the cache or not
  const peers = checkMeshPeers(merged, new Set(selected.map((m) => m.name)));
  return {
    envs: selected.map((m) => ({ merged: m, source: sourceName(options.environmentsDir, m.file) })),
    diagnostics: [...diagnostics, ...peers],
  };
}

/** The file as named in output headers: relative to the environments folder's parent, whatever the current directory. */
function sourceName(environmentsDir: string, file: string): string {
  return relative(dirname(resolve(environmentsDir)), resolve(file))
    .split('\\')
    .join('/');
}
