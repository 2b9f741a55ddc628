// Pairs the resources of two renders of one environment by group, kind, namespace and name.
import type { ManifestDoc } from '../validate/types.js';

/** What identifies a resource in a cluster. */
export interface ResourceKey {
  /** API group (`core` for the core group). */
  readonly group: string;
  readonly kind: string;
  /** Empty for cluster-scoped resources. */
  readonly namespace: string;
  readonly name: string;
}

/** A resource on one or both sides: `before` only is removed, `after` only is added. */
export interface ResourcePair extends ResourceKey {
  /** `group/Kind namespace/name` (`group/Kind name` when cluster-scoped). */
  readonly id: string;
  readonly before?: ManifestDoc;
  readonly after?: ManifestDoc;
}

/** The key of a rendered object. The version is not part of it: `v1beta1` → `v1` of a kind is a change, not a rename. */
export function resourceKey(object: Record<string, unknown>): ResourceKey {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  const meta = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return {
    group: slash === -1 ? 'core' : apiVersion.slice(0, slash),
    kind: String(object.kind ?? ''),
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}

export function resourceId(key: ResourceKey): string {
  return `${key.group}/${key.kind} ${key.namespace === '' ? '' : `${key.namespace}/`}${key.name}`;
}

/** Every resource of either side, paired by key, sorted by id. A key repeated on one side is paired in order. */
export function matchResources(before: readonly ManifestDoc[], after: readonly ManifestDoc[]): ResourcePair[] {
  const pairs = new Map<string, { key: ResourceKey; before?: ManifestDoc; after?: ManifestDoc }>();
  const add = (docs: readonly ManifestDoc[], side: 'before' | 'after') => {
    const seen = new Map<string, number>();
    for (const doc of docs) {
      const key = resourceKey(doc.object);
      const base = resourceId(key);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const id = n === 1 ? base : `${base} (#${n})`;
      const pair = pairs.get(id) ?? { key };
      pair[side] = doc;
      pairs.set(id, pair);
    }
  };
  add(before, 'before');
  add(after, 'after');
  return [...pairs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, p]) => ({ ...p.key, id, ...(p.before ? { before: p.before } : {}), ...(p.after ? { after: p.after } : {}) }));
}
