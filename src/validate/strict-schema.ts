// Upstream OpenAPI schemas → JSON Schemas that check as `kubectl --validate=strict` does: unknown fields rejected,
// int-or-string and nullable understood, and the CEL rules (x-kubernetes-validations) collected with their location.

import { withDefaults } from './list-map-keys.js';

type Json = Record<string, any>;

/** A CEL rule and the schema location it sits on (`*` steps into list items or map values). */
export interface CelRule {
  readonly path: readonly string[];
  readonly rule: string;
  readonly message?: string;
  readonly fieldPath?: string;
}

const QUANTITY = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** A `x-kubernetes-list-type: map` list: its items must differ in their key fields (`*` steps into items or values). */
export interface ListMap {
  readonly path: readonly string[];
  readonly keys: readonly string[];
  /** Defaults of key fields, applied before comparing (a key field must be required or defaulted). */
  readonly defaults?: Readonly<Record<string, unknown>>;
}

/** Makes a CRD version's openAPIV3Schema strict and collects its CEL rules and keyed lists. */
export function strictCrdSchema(root: Json, metaRef: string): { schema: Json; rules: CelRule[]; listMaps: ListMap[] } {
  const rules: CelRule[] = [];
  const listMaps: ListMap[] = [];
  const schema = strictNode(root, [], rules, listMaps);
  schema.properties = { ...(schema.properties ?? {}), apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { $ref: metaRef } };
  schema.type = 'object';
  schema.additionalProperties = false;
  return { schema: shareRepeatedSubschemas(schema), rules, listMaps };
}

/** Subschemas smaller than this many nodes stay inline: sharing them would cost more calls than it saves code. */
const SHARE_MIN_NODES = 30;

/**
 * Moves every large subschema that occurs more than once (a container spec, an affinity, a generator nested in
 * another) into `$defs`, referenced where it occurred, so the compiled validator holds its code once. Equal
 * subschemas are found by hash-consing: each node is named by its own keywords and its children's names.
 */
export function shareRepeatedSubschemas(root: Json): Json {
  const ids = new Map<string, number>();
  const info: { node: Json; size: number; count: number }[] = [];
  const idOf = new Map<Json, number>();
  const visit = (node: unknown): string => {
    if (node === null || typeof node !== 'object') return JSON.stringify(node) ?? 'undefined';
    let size = 1;
    const parts: string[] = [];
    for (const [k, v] of Object.entries(node)) {
      const child = visit(v);
      if (v !== null && typeof v === 'object') size += info[idOf.get(v)!]!.size;
      parts.push(`${JSON.stringify(k)}:${child}`);
    }
    const key = `${Array.isArray(node) ? '[' : '{'}${parts.join(',')}`;
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = info.length));
      info.push({ node, size, count: 0 });
    }
    info[id]!.count++;
    idOf.set(node, id);
    return `#${id}`;
  };
  visit(root);
  const shared = (node: Json): number | undefined => {
    const id = idOf.get(node)!;
    const i = info[id]!;
    return !Array.isArray(node) && i.count > 1 && i.size >= SHARE_MIN_NODES ? id : undefined;
  };
  const defs: Json = {};
  const schemaAt = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    const id = shared(node as Json);
    if (id === undefined) return keywords(node as Json);
    if (!(`s${id}` in defs)) defs[`s${id}`] = keywords(node as Json);
    return { $ref: `#/$defs/s${id}` };
  };
  /** Rewrites the subschemas of a schema's keywords; data keywords (`enum`, `required`, ...) are kept as they are. */
  const keywords = (schema: Json): Json => {
    const out: Json = {};
    for (const [k, v] of Object.entries(schema)) {
      if ((k === 'properties' || k === 'patternProperties') && v && typeof v === 'object') {
        out[k] = Object.fromEntries(Object.entries(v as Json).map(([p, x]) => [p, schemaAt(x)]));
      } else if (k === 'items' || k === 'additionalProperties' || k === 'not') out[k] = Array.isArray(v) ? v.map(schemaAt) : schemaAt(v);
      else if ((k === 'allOf' || k === 'anyOf' || k === 'oneOf') && Array.isArray(v)) out[k] = v.map(schemaAt);
      else out[k] = v;
    }
    return out;
  };
  const out = keywords(root);
  return Object.keys(defs).length > 0 ? { ...out, $defs: defs } : out;
}

function strictNode(node: Json, path: string[], rules: CelRule[], listMaps: ListMap[]): Json {
  if (node === null || typeof node !== 'object') return node;
  for (const v of (node['x-kubernetes-validations'] as Json[] | undefined) ?? []) {
    rules.push({ path, rule: v.rule, message: v.message, fieldPath: v.fieldPath });
  }
  if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys'])) {
    listMaps.push(withDefaults({ path, keys: node['x-kubernetes-list-map-keys'] as string[] }, node.items));
  }
  if (node['x-kubernetes-int-or-string']) {
    const { 'x-kubernetes-int-or-string': _i, type: _t, ...rest } = node;
    return { ...clean(rest), anyOf: [{ type: 'integer' }, { type: 'string' }] };
  }
  const out: Json = clean(node);
  if (node.properties) {
    out.properties = {};
    for (const [k, v] of Object.entries(node.properties as Json)) out.properties[k] = strictNode(v as Json, [...path, k], rules, listMaps);
  }
  if (node.items && typeof node.items === 'object') out.items = strictNode(node.items, [...path, '*'], rules, listMaps);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    out.additionalProperties = strictNode(node.additionalProperties, [...path, '*'], rules, listMaps);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(node[key])) out[key] = node[key].map((s: Json) => strictNode(s, path, [], []));
  }
  if (node['x-kubernetes-embedded-resource']) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(out.properties ?? {}) };
  }
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if ((out.type === 'object' || out.properties) && out.properties && out.additionalProperties === undefined && !preserve) {
    out.additionalProperties = false;
  }
  // a set's items must all differ, as the API server checks for custom resources
  if (node['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

/** Copies the validation keywords of a node, dropping documentation and Kubernetes extensions. */
function clean(node: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'description' || k === 'nullable' || k.startsWith('x-kubernetes-') || k === 'properties' || k === 'items' || k === 'example') continue;
    if (k === 'additionalProperties' && typeof v === 'object') continue;
    if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') continue;
    out[k] = v;
  }
  return out;
}

/**
 * Makes Kubernetes definitions (swagger-2, or OpenAPI v3 schemas merged by k8s-openapi.ts) strict; refs stay
 * `#/definitions/...` within the returned document.
 */
export function strictK8sDefinitions(definitions: Json): Json {
  const out: Json = {};
  for (const [name, def] of Object.entries(definitions)) out[name] = strictK8sNode(def as Json);
  out['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { anyOf: [{ type: 'string', pattern: QUANTITY }, { type: 'number' }] };
  out['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
  return out;
}

function strictK8sNode(node: Json): Json {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(strictK8sNode);
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    // documentation and what only the API server's defaulting reads: same checks, and versions share equal schemas
    if (k === 'description' || k === 'default' || k === 'readOnly' || k.startsWith('x-kubernetes-')) continue;
    out[k] =
      k === 'properties' ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, strictK8sNode(s as Json)])) : strictK8sNode(v as Json);
  }
  // the OpenAPI v3 documents refer as `{ allOf: [{ $ref }], default, description }`: the bare ref checks the same
  if (Object.keys(out).length === 1 && Array.isArray(out.allOf) && out.allOf.length === 1) return out.allOf[0];
  if (out.format === 'int-or-string' || node['x-kubernetes-int-or-string'] === true) return { anyOf: [{ type: 'string' }, { type: 'integer' }] };
  if (node['x-kubernetes-embedded-resource'] === true) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(out.properties ?? {}) };
  }
  if (out.properties && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true)
    out.additionalProperties = false;
  return out;
}
