// `x-kubernetes-list-type: map` lists: the API server rejects two items with the same key fields (after defaulting
// them), as k8s.io/apiextensions-apiserver's structural schema validation (validation/listtype.go) does.
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
  for (const { path, keys, defaults = {} } of listMaps) {
    for (const [pointer, list] of nodesAt(object, path, 0, '')) {
      if (!Array.isArray(list)) continue;
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (item === null || typeof item !== 'object') return;
        const key = JSON.stringify(
          Object.fromEntries(keys.filter((k) => k in item || k in defaults).map((k) => [k, (item as Record<string, unknown>)[k] ?? defaults[k]])),
        );
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

/** A keyed list with the defaults its item schema gives key fields (the API server defaults them before comparing). */
export function withDefaults(list: { path: readonly string[]; keys: readonly string[] }, item: Record<string, any> | undefined): ListMap {
  const defaults: Record<string, unknown> = {};
  for (const k of list.keys) {
    const d = (item?.properties as Record<string, any> | undefined)?.[k]?.default;
    if (d !== undefined) defaults[k] = d;
  }
  return Object.keys(defaults).length > 0 ? { ...list, defaults } : list;
}
