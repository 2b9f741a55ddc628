// "null means unset": a YAML/JSON null on a field is read by the API server as if the field were absent. Built-in
// kinds are Go structs, where null decodes to the zero value (a nil pointer, slice or map); custom resources have
// their nulls pruned before validation unless the schema says `nullable: true` (apiextensions-apiserver's
// structural pruning, `PruneNonNullableNullsWithoutDefaults`). So `kubectl create --dry-run=client -o yaml` output
// (`creationTimestamp: null`) and `from: null` pass; a required field given as null is reported missing.

type Json = Record<string, any>;

/** The schema of a kind as far as nulls go: `'go'` for built-in (struct) kinds, else the CRD's strict JSON schema. */
export type NullSchema = 'go' | Json;

/** Whether any value in the tree is null (most documents have none, and are returned as they are). */
export function containsNull(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v !== 'object') return false;
  if (Array.isArray(v)) {
    for (const x of v) if (x !== null && typeof x === 'object' ? containsNull(x) : x === null) return true;
    return false;
  }
  for (const k in v as Json) {
    const x = (v as Json)[k];
    if (x === null || (typeof x === 'object' && containsNull(x))) return true;
  }
  return false;
}

/**
 * The object with its null-valued fields removed where the API server would read them as unset. Nulls inside lists
 * are left (the schema check reports them), as are nulls the schema allows or does not know (preserved fields).
 */
export function withoutNulls(object: Json, schema: NullSchema): Json {
  if (schema === 'go') return strip(object, GO) as Json;
  return strip(object, resolve(schema, schema), schema) as Json;
}

/** Marks a subtree read as Go structs: every null there is unset. */
const GO: Json = Object.freeze({});

function strip(v: unknown, s: Json | undefined, root?: Json): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const itemSchema = s === GO ? GO : s ? resolve(s.items, root) : undefined;
    let out: unknown[] | undefined;
    v.forEach((x, i) => {
      const y = strip(x, itemSchema, root);
      if (y !== x) (out ??= [...v])[i] = y;
    });
    return out ?? v;
  }
  let out: Json | undefined;
  for (const k in v as Json) {
    const x = (v as Json)[k];
    const child = s === GO ? GO : s ? resolve(propertySchema(s, k, root), root) : undefined;
    if (x === null) {
      if (child === GO || (child !== undefined && !allowsNull(child, root))) {
        out ??= { ...(v as Json) };
        delete out[k];
      }
      continue;
    }
    if (typeof x !== 'object') continue;
    const y = strip(x, child, root);
    if (y !== x) (out ??= { ...(v as Json) })[k] = y;
  }
  return out ?? v;
}

/** A `$ref` followed: into the CRD's `$defs`, or out to the Kubernetes definitions (ObjectMeta: Go). */
function resolve(s: unknown, root: Json | undefined): Json | undefined {
  if (s === null || typeof s !== 'object') return undefined;
  const ref = (s as Json).$ref;
  if (typeof ref !== 'string') return s as Json;
  if (ref.startsWith('#/$defs/')) return resolve(root?.$defs?.[ref.slice('#/$defs/'.length)], root);
  return GO;
}

function propertySchema(s: Json, key: string, root: Json | undefined): unknown {
  if (s.properties && Object.hasOwn(s.properties, key)) return s.properties[key];
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const sub of (s[k] as unknown[] | undefined) ?? []) {
      const r = resolve(sub, root);
      if (r && r !== GO && r.properties && Object.hasOwn(r.properties, key)) return r.properties[key];
    }
  }
  return s.additionalProperties && typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}

function allowsNull(s: Json, root: Json | undefined): boolean {
  if (Array.isArray(s.type) ? s.type.includes('null') : s.type === 'null') return true;
  for (const k of ['anyOf', 'oneOf'] as const) {
    for (const sub of (s[k] as unknown[] | undefined) ?? []) {
      const r = resolve(sub, root);
      if (r && r !== GO && allowsNull(r, root)) return true;
    }
  }
  return false;
}
