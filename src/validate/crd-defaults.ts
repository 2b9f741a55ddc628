// The defaults of a CRD's structural schema, applied as the API server applies them before validation
// (k8s.io/apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go, Default): a property with a
// `default` that the object lacks (or has as a null it may not hold) gets a copy of it, then every property present (a
// default just set included) is defaulted in turn, by its own schema or by `additionalProperties`, and every list item
// by `items`. Cases: test/validate.crd-defaults.test.ts (the algorithm's own algorithm_test.go TestDefault).

type Json = Record<string, unknown>;

/** Only the parts of a schema that lead to a default: `default`, `properties`, `items`, `additionalProperties`. */
export interface DefaultsTree {
  readonly default?: unknown;
  /** `nullable: true` beside a default: a null is kept, not replaced. */
  readonly nullable?: true;
  readonly properties?: Readonly<Record<string, DefaultsTree>>;
  readonly items?: DefaultsTree;
  readonly additionalProperties?: DefaultsTree;
}

/** The defaults of an openAPIV3Schema, or undefined when it has none (most CRDs: nothing is stored for them). */
export function defaultsTree(schema: unknown): DefaultsTree | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const s = schema as Json;
  const out: {
    default?: unknown;
    nullable?: true;
    properties?: Record<string, DefaultsTree>;
    items?: DefaultsTree;
    additionalProperties?: DefaultsTree;
  } = {};
  if (s.default !== undefined) {
    out.default = s.default;
    if (s.nullable === true) out.nullable = true;
  }
  if (s.properties !== null && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties as Json)) {
      const t = defaultsTree(v);
      if (t) (out.properties ??= {})[k] = t;
    }
  }
  const items = defaultsTree(s.items);
  if (items) out.items = items;
  const additional = defaultsTree(s.additionalProperties);
  if (additional) out.additionalProperties = additional;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The object with the defaults applied; the input is not changed, and is returned as it is when nothing applies. */
export function applyDefaults<T>(value: T, tree: DefaultsTree): T {
  if (Array.isArray(value)) {
    if (!tree.items) return value;
    const items = tree.items;
    let changed = false;
    const out = value.map((v) => {
      const d = applyDefaults(unsetNull(v, items) ? structuredClone(items.default) : v, items);
      changed ||= d !== v;
      return d;
    });
    return (changed ? out : value) as T;
  }
  if (value === null || typeof value !== 'object') return value;
  const o = value as Json;
  let out: Json | undefined;
  for (const [k, t] of Object.entries(tree.properties ?? {})) {
    if (t.default !== undefined && (!Object.hasOwn(o, k) || unsetNull(o[k], t))) (out ??= { ...o })[k] = structuredClone(t.default);
  }
  const src = out ?? o;
  for (const k of Object.keys(src)) {
    // a structural schema has properties or additionalProperties, never both
    const t = tree.properties?.[k] ?? tree.additionalProperties;
    if (!t) continue;
    // a property's null was replaced above; a map value's is here
    const d = applyDefaults(t === tree.additionalProperties && unsetNull(src[k], t) ? structuredClone(t.default) : src[k], t);
    if (d !== src[k]) (out ??= { ...o })[k] = d;
  }
  return (out ?? value) as T;
}

/** A null where the schema defaults and is not nullable: read as unset, so defaulted. */
function unsetNull(v: unknown, t: DefaultsTree): boolean {
  return v === null && t.default !== undefined && t.nullable !== true;
}
