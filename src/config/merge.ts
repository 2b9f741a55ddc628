// Merges an environment file over what it extends, as kustomize's strategic merge does with `patchMergeKey: name`:
// maps merge deeply; lists of named items merge by `name` (same name: deep merge, new name: appended,
// `{ name: x, $patch: delete }`: removed); other lists and scalars replace; null removes a key (removeNulls).
// Mirrors sigs.k8s.io/kustomize/kyaml/yaml/merge2 (walker.walkAssociativeSequence and the `$patch` directives).
import type { Diagnostic } from './diagnostic.js';
import { appendPointer, unescapePointer } from '../json-pointer.js';
import { displayPath, type Origin, type OriginMap } from './source-map.js';

/**
 * Lists whose items merge by `name` (`*` stands for any list index). A list merges by name only when every item of
 * both sides has one (strings are their own name); otherwise the file's list replaces the inherited one.
 */
export const NAMED_LISTS: readonly string[] = [
  '/apps',
  '/priorityClasses',
  '/nodes/karpenter/pools',
  '/multicluster/clusters',
  '/apps/*/autoscaling/triggers',
];

const PATCH = '$patch';

/** An inherited list item that a file removed with `$patch: delete`. */
export interface Removal {
  /** JSON pointer of the list in the merged environment, e.g. `/apps`. */
  readonly list: string;
  readonly name: string;
  /** Where the `$patch: delete` item is. */
  readonly at?: Origin;
  /** Where the inherited item was. */
  readonly from?: Origin;
}

/** One side of a merge: a value and where its parts came from. */
export interface Layer {
  readonly value: Record<string, unknown>;
  readonly origins: OriginMap;
}

/** The merge of a file over its bases. */
export interface Merged extends Layer {
  readonly removals: readonly Removal[];
  /** Misused `$patch` directives, located in the file. */
  readonly problems: readonly Diagnostic[];
}

/** Where each item of a merged named list came from: its index in the base and/or in the file. */
interface ItemSource {
  readonly base?: number;
  readonly over?: number;
}

/** Merges `over` (one file's own value) over `base` (what it inherits, already merged). */
export function mergeLayer(base: Layer, over: Layer): Merged {
  const lists = new Map<string, ItemSource[]>();
  const removals: Removal[] = [];
  const problems: Diagnostic[] = [];

  const merge = (b: unknown, o: unknown, path: string, basePath: string, overPath: string): unknown => {
    if (isPlainObject(o)) {
      const bo = isPlainObject(b) ? b : {};
      const out: Record<string, unknown> = { ...bo };
      for (const [k, v] of Object.entries(o))
        out[k] = merge(bo[k], v, appendPointer(path, k), appendPointer(basePath, k), appendPointer(overPath, k));
      return out;
    }
    if (Array.isArray(o) && isNamedList(path)) return mergeList(Array.isArray(b) ? b : [], o, path, basePath, overPath);
    return o;
  };

  const mergeList = (b: readonly unknown[], o: readonly unknown[], path: string, basePath: string, overPath: string): unknown[] => {
    const directive = (item: unknown): unknown => (isPlainObject(item) ? item[PATCH] : undefined);
    const items = o
      .map((item, j) => ({ item, j }))
      .filter(({ item, j }) => {
        const d = directive(item);
        if (d === undefined || d === 'delete' || d === 'replace') return true;
        problems.push({
          origin: over.origins.get(appendPointer(`${overPath}/${j}`, PATCH)),
          pointer: appendPointer(`${overPath}/${j}`, PATCH),
          message: `$patch must be "delete" (remove the inherited item) or "replace" (on an item: replace it; alone in the list: replace the list); got ${JSON.stringify(d)}`,
        });
        return false;
      });
    // `- $patch: replace` alone in the list: the file's list replaces the inherited one (kustomize's list directive)
    const replaceList = items.some(({ item }) => isPlainObject(item) && item[PATCH] === 'replace' && Object.keys(item).length === 1);
    const named = !replaceList && [...b, ...items.map(({ item }) => item)].every((x) => nameOf(x) !== undefined);
    if (!named) {
      for (const { item, j } of items) {
        if (directive(item) === undefined || replaceList) continue;
        const at = appendPointer(`${overPath}/${j}`, PATCH);
        problems.push({
          origin: over.origins.get(at),
          pointer: at,
          message: `$patch works on lists whose items all have a name (${NAMED_LISTS.join(', ')}); this list replaces the inherited one`,
        });
      }
      const kept = items.filter(({ item }) => !(isPlainObject(item) && item[PATCH] === 'replace' && Object.keys(item).length === 1));
      lists.set(
        path,
        kept.map(({ j }) => ({ over: j })),
      );
      return kept.map(({ item, j }, i) => merge(undefined, item, `${path}/${i}`, '', `${overPath}/${j}`));
    }
    // each merged item: the inherited one, the file's one, or both (merged)
    const out: { inherited?: unknown; own?: unknown; source: ItemSource; removed?: boolean }[] = b.map((inherited, i) => ({
      inherited,
      source: { base: i },
    }));
    const byName = new Map<string, number>();
    b.forEach((x, i) => {
      const name = nameOf(x)!;
      if (!byName.has(name)) byName.set(name, i);
    });
    const seenInFile = new Set<string>();
    for (const { item, j } of items) {
      const name = nameOf(item)!;
      const at = `${overPath}/${j}`;
      // a name repeated within the file is appended as written: the checks then report the duplicate
      const i = seenInFile.has(name) ? undefined : byName.get(name);
      seenInFile.add(name);
      const d = directive(item);
      if (d === 'delete') {
        if (i === undefined || out[i]!.removed) {
          const inherited = out.filter((x) => x.source.base !== undefined && !x.removed).map((x) => nameOf(x.inherited));
          problems.push({
            origin: over.origins.get(at),
            pointer: at,
            message: `$patch: delete removes "${name}", which is not inherited (inherited: ${inherited.join(', ') || 'none'})`,
          });
          continue;
        }
        out[i]!.removed = true;
        removals.push({ list: path, name, at: over.origins.get(at), from: base.origins.get(`${basePath}/${i}`) });
        continue;
      }
      const own = d === 'replace' ? withoutPatch(item as Record<string, unknown>) : item;
      if (i === undefined) out.push({ own, source: { over: j } });
      else if (d === 'replace') out[i] = { own, source: { over: j } };
      else out[i] = { inherited: out[i]!.inherited, own, source: { base: i, over: j } };
    }
    const kept = out.filter((x) => !x.removed);
    lists.set(
      path,
      kept.map((x) => x.source),
    );
    return kept.map((x, k) => {
      if (x.source.over === undefined) return x.inherited;
      const from = x.source.base === undefined ? '' : `${basePath}/${x.source.base}`;
      return merge(x.inherited, x.own, `${path}/${k}`, from, `${overPath}/${x.source.over}`);
    });
  };

  const value = merge(base.value, over.value, '', '', '') as Record<string, unknown>;
  return { value, origins: new MergedOrigins(base.origins, over.origins, over.value, lists), removals, problems };
}

/** Drops keys whose value is null (null in an override removes the inherited key). */
export function removeNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(removeNulls);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = removeNulls(v);
    return out;
  }
  return value;
}

/**
 * The origins of a merged value: a pointer is translated into the file's and the base's own pointers (list items
 * merged by name sit at other indexes there) and the file answers first. Below a value the file replaced (a scalar,
 * a list that does not merge by name, a replaced item), the base no longer answers.
 */
class MergedOrigins implements OriginMap {
  public constructor(
    private readonly base: OriginMap,
    private readonly over: OriginMap,
    private readonly overValue: unknown,
    private readonly lists: ReadonlyMap<string, readonly ItemSource[]>,
  ) {}

  public get(pointer: string): Origin | undefined {
    const suffix = pointer.endsWith('#key') ? '#key' : '';
    const segments = (suffix ? pointer.slice(0, -suffix.length) : pointer).split('/').slice(1);
    let merged = '';
    let basePointer: string | undefined = '';
    let overPointer: string | undefined = '';
    let overNode: unknown = this.overValue;
    for (const segment of segments) {
      const sources = this.lists.get(merged);
      if (sources && /^(0|[1-9][0-9]*)$/.test(segment)) {
        const source = sources[Number(segment)];
        if (!source) return undefined;
        basePointer = source.base === undefined || basePointer === undefined ? undefined : `${basePointer}/${source.base}`;
        overPointer = source.over === undefined || overPointer === undefined ? undefined : `${overPointer}/${source.over}`;
        overNode = source.over === undefined || !Array.isArray(overNode) ? undefined : overNode[source.over];
      } else {
        if (overNode !== undefined && !isPlainObject(overNode) && !(Array.isArray(overNode) && sources)) basePointer = undefined;
        basePointer = basePointer === undefined ? undefined : `${basePointer}/${segment}`;
        overPointer = overPointer === undefined ? undefined : `${overPointer}/${segment}`;
        const key = unescapePointer(segment);
        overNode = isPlainObject(overNode) ? overNode[key] : Array.isArray(overNode) ? overNode[Number(key)] : undefined;
      }
      merged = `${merged}/${segment}`;
    }
    const own = overPointer === undefined ? undefined : this.over.get(overPointer + suffix);
    return own ?? (basePointer === undefined ? undefined : this.base.get(basePointer + suffix));
  }
}

/** An OriginMap that knows nothing (what an environment without bases inherits from). */
export const NO_ORIGINS: OriginMap = { get: () => undefined };

function isNamedList(pointer: string): boolean {
  const segments = pointer.split('/');
  return NAMED_LISTS.some((pattern) => {
    const p = pattern.split('/');
    return p.length === segments.length && p.every((s, i) => s === segments[i] || (s === '*' && /^[0-9]+$/.test(segments[i]!)));
  });
}

function nameOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  return isPlainObject(item) && typeof item.name === 'string' ? item.name : undefined;
}

function withoutPatch(item: Record<string, unknown>): Record<string, unknown> {
  const { [PATCH]: _p, ...rest } = item;
  return rest;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `environments/dev.yaml:18:5 apps: removes "orders" inherited from environments/base.yaml:62:5 ($patch: delete)` */
export function formatRemoval(r: Removal): string {
  const at = r.at ? `${r.at.file}:${r.at.line}:${r.at.col} ` : '';
  const from = r.from ? ` inherited from ${r.from.file}:${r.from.line}:${r.from.col}` : ' inherited';
  return `${at}${displayPath(r.list)}: removes "${r.name}"${from} ($patch: delete)`;
}
