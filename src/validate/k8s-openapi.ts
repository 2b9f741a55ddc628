// The Kubernetes API of one release, from its OpenAPI v3 files (one per API group version): the schemas of every
// group merged into one definitions document, the kinds they serve with their scope, and per kind the keyed lists
// and CEL rules reachable from its root (the schemas share subschemas through `$ref`, so these are found by walking).
import { gatedOff } from './gated-fields.js';
import { withDefaults } from './list-map-keys.js';
import type { CelRule, ListMap } from './strict-schema.js';

type Json = Record<string, any>;

/** One kind a release serves. */
export interface ServedKind {
  readonly apiVersion: string;
  readonly kind: string;
  /** Its definition name, e.g. `io.k8s.api.apps.v1.Deployment`. */
  readonly definition: string;
  /** The id of the pinned source that serves it. */
  readonly source: string;
  /** Whether the release serves it under `/namespaces/{namespace}/`; undefined when no path serves it. */
  readonly namespaced: boolean | undefined;
}

const V3_REF = /"#\/components\/schemas\//g;

/**
 * Merges the `components.schemas` of a release's OpenAPI v3 documents into swagger-2 style `definitions` (refs
 * rewritten to `#/definitions/...`), with the fields that release drops by default removed (gated-fields.ts).
 * `fallback` definitions (another release's swagger-2 file) serve the group versions the v3 documents lack.
 */
export function mergeOpenApiV3(
  docs: readonly { readonly source: string; readonly text: string }[],
  version: string,
  fallback?: { readonly source: string; readonly definitions: Json },
): { definitions: Json; kinds: ServedKind[] } {
  const definitions: Json = {};
  const kinds: ServedKind[] = [];
  // group versions the documents serve (their paths, `/apis/<group>/<version>/...`, `/api/v1/...`), and every kind they
  // define; not the group versions a definition merely names (DeleteOptions lists every group version, the apps paths
  // operate on an autoscaling/v1 Scale)
  const groupVersions = new Set<string>();
  const defined = new Set<string>();
  for (const { source, text } of docs) {
    const doc = JSON.parse(text.replace(V3_REF, '"#/definitions/')) as { components?: { schemas?: Json }; paths?: Json };
    Object.assign(definitions, doc.components?.schemas ?? {});
    const scope = scopes(doc.paths ?? {});
    for (const path of Object.keys(doc.paths ?? {})) {
      const served = /^\/(?:api\/(v1)|apis\/([^/]+\/[^/]+))\//.exec(path);
      if (served) groupVersions.add(served[1] ?? served[2]!);
    }
    for (const [name, def] of Object.entries(doc.components?.schemas ?? {})) {
      for (const gvk of gvks(def)) {
        const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
        defined.add(`${apiVersion}/${gvk.kind}`);
        if (def.properties?.apiVersion)
          kinds.push({ apiVersion, kind: gvk.kind, definition: name, source, namespaced: scope.get(`${apiVersion}/${gvk.kind}`) });
      }
    }
  }
  // the group versions the documents do not serve (coordination.k8s.io/v1 Lease, autoscaling/v1, ...) come from the
  // fallback, as kubeconform and kubectl-validate check them against the schemas of the release they were built with
  for (const [name, def] of Object.entries(fallback?.definitions ?? {})) {
    const served = gvks(def)
      .map((gvk) => ({ apiVersion: gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`, kind: gvk.kind }))
      .filter((k) => !groupVersions.has(k.apiVersion) && !defined.has(`${k.apiVersion}/${k.kind}`));
    if (served.length === 0 && name in definitions) continue;
    if (!(name in definitions)) definitions[name] = def;
    if (def.properties?.apiVersion) for (const k of served) kinds.push({ ...k, definition: name, source: fallback!.source, namespaced: undefined });
  }
  for (const g of gatedOff(version)) {
    const props = definitions[g.definition]?.properties as Json | undefined;
    if (props) delete props[g.field];
  }
  return { definitions, kinds };
}

function gvks(def: Json): { group: string; version: string; kind: string }[] {
  return (def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined) ?? [];
}

/** Whether each kind is served under a namespace, from the operations of the document's paths. */
function scopes(paths: Json): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const [path, item] of Object.entries(paths)) {
    for (const op of Object.values(item as Json)) {
      const gvk = (op as Json)?.['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string } | undefined;
      if (!gvk) continue;
      const key = `${gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`}/${gvk.kind}`;
      out.set(key, (out.get(key) ?? false) || path.includes('/namespaces/{namespace}/'));
    }
  }
  return out;
}

/**
 * The keyed lists (`x-kubernetes-list-type: map`, with the defaults of their key fields) and CEL rules
 * (`x-kubernetes-validations`) of a kind, by location, walking its definition through `$ref`s (a definition already
 * on the way is not entered again: JSONSchemaProps is recursive).
 */
export function kindExtras(definitions: Json, root: string): { rules: CelRule[]; listMaps: ListMap[] } {
  const rules: CelRule[] = [];
  const listMaps: ListMap[] = [];
  const resolve = (node: Json, stack: readonly string[]): { node: Json; stack: readonly string[] } | undefined => {
    let n = node;
    let s = stack;
    // `{ allOf: [{ $ref }], default, description }` is how the v3 documents refer
    while (
      n &&
      typeof n === 'object' &&
      (typeof n.$ref === 'string' || (Array.isArray(n.allOf) && n.allOf.length === 1 && !n.properties && !n.items))
    ) {
      const ref = typeof n.$ref === 'string' ? n.$ref : n.allOf[0].$ref;
      if (typeof ref !== 'string') break;
      const name = ref.slice(ref.lastIndexOf('/') + 1);
      if (s.includes(name)) return undefined;
      s = [...s, name];
      n = definitions[name];
    }
    return n && typeof n === 'object' ? { node: n, stack: s } : undefined;
  };
  const visit = (start: Json, path: readonly string[], stack: readonly string[]): void => {
    const r = resolve(start, stack);
    if (!r) return;
    const { node } = r;
    for (const v of (node['x-kubernetes-validations'] as Json[] | undefined) ?? [])
      rules.push({ path, rule: v.rule, message: v.message, fieldPath: v.fieldPath });
    if (node['x-kubernetes-list-type'] === 'map' && Array.isArray(node['x-kubernetes-list-map-keys'])) {
      const keys = node['x-kubernetes-list-map-keys'] as string[];
      const item = node.items ? resolve(node.items, r.stack)?.node : undefined;
      listMaps.push(withDefaults({ path, keys }, item));
    }
    for (const [k, v] of Object.entries((node.properties as Json | undefined) ?? {})) visit(v as Json, [...path, k], r.stack);
    if (node.items && typeof node.items === 'object') visit(node.items, [...path, '*'], r.stack);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') visit(node.additionalProperties, [...path, '*'], r.stack);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const)
      if (Array.isArray(node[key])) for (const s of node[key] as Json[]) visit(s, path, r.stack);
  };
  visit({ $ref: `#/definitions/${root}` }, [], []);
  return { rules, listMaps };
}
