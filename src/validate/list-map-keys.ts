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
  for (const list of listMaps) visit(object, list, 0, [], out);
  return out;
}

/**
 * Walks `list.path` from `node` (`*`: every item or value, in order), keeping the keys taken in `trail`: the pointer
 * of a list is only spelled out for a duplicate. A list of fewer than two items repeats nothing.
 */
function visit(node: unknown, list: ListMap, at: number, trail: (string | number)[], out: DuplicateItem[]): void {
  if (node === null || typeof node !== 'object') return;
  const { path } = list;
  if (at === path.length) {
    if (Array.isArray(node) && node.length > 1) duplicates(node, list, trail, out);
    return;
  }
  const step = path[at]!;
  if (step === '*') {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        trail.push(String(i));
        visit(node[i], list, at + 1, trail, out);
        trail.pop();
      }
    } else {
      for (const k of Object.keys(node)) {
        trail.push(k);
        visit((node as Record<string, unknown>)[k], list, at + 1, trail, out);
        trail.pop();
      }
    }
    return;
  }
  if (Array.isArray(node) || !Object.hasOwn(node, step)) return;
  trail.push(step);
  visit((node as Record<string, unknown>)[step], list, at + 1, trail, out);
  trail.pop();
}

function duplicates(items: readonly unknown[], { keys, defaults = {} }: ListMap, trail: readonly (string | number)[], out: DuplicateItem[]): void {
  const seen = new Set<string>();
  let pointer: string | undefined;
  items.forEach((item, i) => {
    if (item === null || typeof item !== 'object') return;
    const key = JSON.stringify(
      Object.fromEntries(keys.filter((k) => k in item || k in defaults).map((k) => [k, (item as Record<string, unknown>)[k] ?? defaults[k]])),
    );
    if (seen.has(key)) out.push({ pointer: `${(pointer ??= trail.reduce<string>(appendPointer, ''))}/${i}`, message: `Duplicate value: ${key}` });
    seen.add(key);
  });
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
