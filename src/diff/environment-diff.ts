// What changes, environment by environment and resource by resource, between two renders.
import { isDeepStrictEqual } from 'node:util';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { fieldChanges, type FieldChange } from './field-changes.js';
import { maskResource, maskResourcePair } from './mask.js';
import { matchResources, type ResourceKey, type ResourcePair } from './match-resources.js';
import { unifiedDiff } from './unified-diff.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One resource of an environment that was added, removed or changed (values masked). */
export interface ResourceChange extends ResourceKey {
  readonly change: ChangeKind;
  /** `group/Kind namespace/name` (`group/Kind name` when cluster-scoped; core group written `core`). */
  readonly id: string;
  /** Output file (relative to the output root) of the new version, or of the old one when removed. */
  readonly file: string;
  /** Changed fields with old → new values (changed resources only). */
  readonly fields: readonly FieldChange[];
  /** Unified diff of the resource's YAML. */
  readonly patch: string;
}

/** The changes of one environment. */
export interface EnvironmentDiff {
  readonly env: string;
  /** `added`/`removed`: the environment exists on one side only (all its resources are added/removed). */
  readonly status: 'added' | 'removed' | 'both';
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Sorted by id. */
  readonly changes: readonly ResourceChange[];
}

/** Per environment (sorted by name), the resources added, removed and changed from `before` to `after`. */
export function diffRenders(before: readonly SerializedEnvironment[], after: readonly SerializedEnvironment[]): EnvironmentDiff[] {
  const envs = [...new Set([...before.map((e) => e.env), ...after.map((e) => e.env)])].sort();
  return envs.map((env) => {
    const b = before.find((e) => e.env === env);
    const a = after.find((e) => e.env === env);
    const changes = matchResources(b?.docs ?? [], a?.docs ?? []).flatMap((pair) => resourceChange(pair) ?? []);
    const counts = { added: 0, changed: 0, removed: 0 };
    for (const c of changes) counts[c.change]++;
    return { env, status: !b ? 'added' : !a ? 'removed' : 'both', counts, changes };
  });
}

/** Whether any environment has a change. */
export function hasChanges(diffs: readonly EnvironmentDiff[]): boolean {
  return diffs.some((d) => d.changes.length > 0);
}

function resourceChange(pair: ResourcePair): ResourceChange | undefined {
  const { before, after, ...key } = pair;
  if (before && after) {
    if (isDeepStrictEqual(before.object, after.object)) return undefined;
    const [b, a] = maskResourcePair(before.object, after.object);
    const patch = unifiedDiff({ file: before.file, object: b }, { file: after.file, object: a });
    return { ...key, change: 'changed', file: after.file, fields: fieldChanges(b, a), patch };
  }
  if (after) return { ...key, change: 'added', file: after.file, fields: [], patch: unifiedDiff(undefined, { file: after.file, object: maskResource(after.object) }) };
  const gone = before!;
  return { ...key, change: 'removed', file: gone.file, fields: [], patch: unifiedDiff({ file: gone.file, object: maskResource(gone.object) }, undefined) };
}
