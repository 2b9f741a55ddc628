// Renames: a removed and an added object of the same kind whose content is alike once the old name reads as the new
// one. Kubernetes has no rename: the old object is deleted and the new one created, which matters for kinds that hold
// data (a renamed app's Namespace is deleted with everything in it).
import type { ResourcePair } from '../match-resources.js';

/** Share of equal fields at or above which a removal and an addition are a rename. */
export const RENAME_SIMILARITY = 0.6;

/** A removed object paired with the added object it was renamed to. */
export interface Rename {
  /** Id of the removed object. */
  readonly from: string;
  /** Id of the added object. */
  readonly to: string;
}

/**
 * Pairs removed with added objects of the same group and kind, best match first (ties broken by id, so the result is
 * deterministic). Alike: the share of leaf fields (path = value) the two have in common, name and namespace left out,
 * the old name and namespace replaced by the new ones in every string (labels, container names, hosts).
 */
export function findRenames(pairs: readonly ResourcePair[]): Rename[] {
  const removed = pairs.filter((p) => p.before && !p.after);
  const added = pairs.filter((p) => p.after && !p.before);
  const candidates: { from: ResourcePair; to: ResourcePair; score: number }[] = [];
  for (const from of removed) {
    for (const to of added) {
      if (from.group !== to.group || from.kind !== to.kind) continue;
      const score = similarity(from, to);
      if (score >= RENAME_SIMILARITY) candidates.push({ from, to, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score || cmp(a.from.id, b.from.id) || cmp(a.to.id, b.to.id));
  const used = new Set<string>();
  const out: Rename[] = [];
  for (const { from, to } of candidates) {
    if (used.has(from.id) || used.has(to.id)) continue;
    used.add(from.id).add(to.id);
    out.push({ from: from.id, to: to.id });
  }
  return out.sort((a, b) => cmp(a.from, b.from));
}

function similarity(from: ResourcePair, to: ResourcePair): number {
  const swaps: [string, string][] = [];
  if (from.name !== to.name) swaps.push([from.name, to.name]);
  if (from.namespace !== to.namespace && from.namespace !== '' && to.namespace !== '') swaps.push([from.namespace, to.namespace]);
  const rename = (s: string) => swaps.reduce((text, [a, b]) => (a.length >= 2 ? text.split(a).join(b) : text), s);
  const a = leaves(from.before!.object, rename);
  const b = leaves(to.after!.object, (s) => s);
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const leaf of a) if (b.has(leaf)) common++;
  return common / (a.size + b.size - common);
}

/** `path=value` of every leaf, metadata.name and metadata.namespace left out, strings passed through `rename`. */
function leaves(object: Record<string, unknown>, rename: (s: string) => string): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (path === '/metadata/name' || path === '/metadata/namespace') return;
    if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) walk(child, `${path}/${rename(k)}`);
      return;
    }
    out.add(`${path}=${typeof v === 'string' ? rename(v) : JSON.stringify(v)}`);
  };
  walk(object, '');
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
