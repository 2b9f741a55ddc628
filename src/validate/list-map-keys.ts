// `x-kubernetes-list-type: map` lists of custom resources: the API server rejects two items with the same key fields.
import { appendPointer } from '../json-pointer.js';
import type { ListMap } from './strict-schema.js';

/** A duplicate item: where it is and the key it repeats. */
export interface DuplicateItem {
  readonly pointer: string;
  readonly message: string;
}

/** The items of `object`'s keyed lists that repeat an earlier item's keys. */
export function duplicateMapKeys(listMaps: readonly ListMap[], object: unknown): DuplicateItem[] {
  const out: DuplicateItem[] = [];
  for (const { path, keys } of listMaps) {
    for (const [pointer, list] of nodesAt(object, path, 0, '')) {
      if (!Array.isArray(list)) continue;
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (item === null || typeof item !== 'object') return;
        const key = JSON.stringify(Object.fromEntries(keys.filter((k) => k in item).map((k) => [k, (item as Record<string, unknown>)[k]])));
        if (seen.has(key)) out.push({ pointer: `${pointer}/${i}`, message: `Duplicate value: ${key}` });
        seen.add(key);
      });
    }
  }
  return out;
}

function nodesAt(node: unknown, path: readonly string[], at: number, pointer: string): [string, unknown][] {
  if (node === null || typeof node !== 'object') return [];
  if (at === path.length) return [[pointer, node]];
  const step = path[at]!;
  if (step === '*') {
    const entries: [string, unknown][] = Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node);
    return entries.flatMap(([k, v]) => nodesAt(v, path, at + 1, appendPointer(pointer, k)));
  }
  if (Array.isArray(node) || !Object.hasOwn(node, step)) return [];
  return nodesAt((node as Record<string, unknown>)[step], path, at + 1, appendPointer(pointer, step));
}
