// Which environments a run compiles, merged from their files: loaded without the checker and the charts (so that a
// run whose environments all come from the synth cache loads neither). Each is merged again when its turn comes, not
// held from the start: a run holds one merged environment at a time, whatever the size of the fleet.
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { Diagnostic } from '../config/diagnostic.js';
import { listEnvironmentFiles, scanEnvironments, type EnvironmentInput, type MergedEnvironment } from '../config/load.js';
import type { Environment } from '../config/model/environment.js';
import { inShard, type Shard } from './shard.js';
import { checkMeshPeers, meshMember, type MeshMember } from '../config/checks/mesh-peers.js';

/** What to compile. */
export interface CompileOptions {
  /** Directory of environment files. */
  readonly environmentsDir: string;
  /** Only these environments. @default all non-abstract environments */
  readonly only?: readonly string[];
  /** Only the environments of this shard (a stable partition by name). @default every environment */
  readonly shard?: Shard;
  /**
   * Environments that need nothing done, told by their inputs before merging (the synth cache): they are left
   * unmerged, in `skipped`. @default none
   */
  readonly skip?: (env: SkippableEnvironment) => boolean;
}

/** An environment as `skip` sees it: its name, its file as named in output headers, its inputs (MergedEnvironment.inputs). */
export interface SkippableEnvironment {
  readonly name: string;
  readonly source: string;
  readonly inputs: string;
}

/** The environments selected for a run (merged when their turn comes, not checked yet), with what their checking needs. */
export interface SelectedEnvironments {
  readonly envs: readonly SelectedEnvironment[];
  /** Problems of the loader (YAML, `extends`), reported with the first check. */
  readonly diagnostics: readonly Diagnostic[];
  /** The selected environments `skip` took, not merged. */
  readonly skipped: readonly SkippableEnvironment[];
  /** The names of all selected environments, `envs` and `skipped`, in file order. */
  readonly order: readonly string[];
}

/** One environment of the run, with its inputs (as `skip` sees them): merged from its file and its `extends` chain on demand. */
export interface SelectedEnvironment extends SkippableEnvironment {
  /** Merges it (it merged without a problem when selected); nothing keeps the result but the caller. */
  readonly merge: () => MergedEnvironment;
}

/** A checked environment, ready to render. */
export interface CheckedEnvironment {
  readonly model: Environment;
  readonly source: string;
  readonly merged: MergedEnvironment;
}

/**
 * Loads the environment files and selects the environments to compile (`only`, `shard`), leaving those `skip` takes
 * unmerged; throws InputError for unknown names.
 */
export function selectEnvironments(options: CompileOptions): SelectedEnvironments {
  const wanted = (name: string) =>
    (!options.only || options.only.length === 0 || options.only.includes(name)) && (!options.shard || inShard(name, options.shard));
  const skippable = (e: EnvironmentInput): SkippableEnvironment => ({
    name: e.name,
    source: sourceName(options.environmentsDir, e.file),
    inputs: e.inputs,
  });
  const skip = options.skip;
  const envs: SelectedEnvironment[] = [];
  const abstract = new Set<string>();
  // the mesh peers are checked across every merged environment of the folder, selected or not: only their memberships are kept
  const members: MeshMember[] = [];
  const scanned = scanEnvironments(
    options.environmentsDir,
    (m, merge) => {
      if (m.abstract) {
        abstract.add(m.name);
        return;
      }
      const member = meshMember(m);
      if (member) members.push(member);
      if (wanted(m.name)) envs.push({ ...skippable(m), merge });
    },
    skip && ((e) => wanted(e.name) && skip(skippable(e))),
  );
  if (options.only && options.only.length > 0) {
    // a file that failed to load is still a known environment: its problems are reported below
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
  }
  const names = new Set([...envs.map((e) => e.name), ...scanned.skipped.map((e) => e.name)]);
  // The mesh peers also count the environments the cache took: those alone are merged for it, and only when a merged
  // one is in a mesh (a pair of cached ones was checked by the run that cached the later of the two, which merged it
  // and so merged the other).
  const cached = new Set(scanned.skipped.map((e) => e.name));
  if (cached.size > 0 && members.length > 0) {
    scanEnvironments(
      options.environmentsDir,
      (m) => {
        const member = cached.has(m.name) ? meshMember(m) : undefined;
        if (member) members.push(member);
      },
      (e) => !cached.has(e.name),
    );
  }
  return {
    envs,
    diagnostics: [...scanned.diagnostics, ...checkMeshPeers(members, names)],
    skipped: scanned.skipped.map(skippable),
    order: listEnvironmentFiles(options.environmentsDir)
      .map((f) => basename(f, extname(f)))
      .filter((n) => names.has(n)),
  };
}

/** The file as named in output headers: relative to the environments folder's parent, whatever the current directory. */
function sourceName(environmentsDir: string, file: string): string {
  return relative(dirname(resolve(environmentsDir)), resolve(file))
    .split('\\')
    .join('/');
}
