// Whether a CustomResourceDefinition's schemas are valid structural schemas, as the API server checks when the CRD is
// created: k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation (ValidateCustomResourceDefinitionOpenAPISchema:
// the `type` values, `pattern`s that compile) and pkg/apiserver/schema/validation.go (validateStructuralInvariants: a `type` on every node
// outside the logical junctors, `items` on arrays), and list-map keys that are required or defaulted.
import { goRegExpError } from './go-regexp.js';

type Json = Record<string, any>;

/** One error: the JSON pointer of the offending field inside the CRD, and the API server's wording. */
export interface CrdStructureError {
  readonly pointer: string;
  readonly message: string;
}

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/** The structural errors of every version's `schema.openAPIV3Schema` of a CRD object. */
export function crdStructureErrors(crd: Json): CrdStructureError[] {
  const out: CrdStructureError[] = [];
  const versions = (crd.spec?.versions as Json[] | undefined) ?? [];
  versions.forEach((v, i) => {
    const schema = v?.schema?.openAPIV3Schema;
    if (schema === undefined) return;
    walk(schema, `/spec/versions/${i}/schema/openAPIV3Schema`, false, out);
  });
  return out;
}

function walk(node: unknown, pointer: string, inJunctor: boolean, out: CrdStructureError[]): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const n = node as Json;
  const intOrString = n['x-kubernetes-int-or-string'] === true;
  const preserve = n['x-kubernetes-preserve-unknown-fields'] === true;
  if (n.type !== undefined) {
    if (!TYPES.includes(n.type))
      out.push({
        pointer: `${pointer}/type`,
        message: `Unsupported value: ${JSON.stringify(n.type)}: supported values: ${TYPES.map((t) => `"${t}"`).join(', ')}`,
      });
  } else if (!inJunctor && !intOrString && !preserve) {
    out.push({ pointer: `${pointer}/type`, message: 'Required value: must not be empty for specified object fields' });
  }
  if (typeof n.pattern === 'string') {
    const error = goRegExpError(n.pattern);
    if (error)
      out.push({
        pointer: `${pointer}/pattern`,
        message: `Invalid value: ${JSON.stringify(n.pattern)}: must be a valid regular expression, but isn't: ${error}`,
      });
  }
  if (n.type === 'array' && n.items === undefined) out.push({ pointer: `${pointer}/items`, message: 'Required value: must be specified' });
  if (n['x-kubernetes-list-type'] === 'map' && Array.isArray(n['x-kubernetes-list-map-keys']) && n.items && typeof n.items === 'object') {
    const required = new Set<string>((n.items.required as string[] | undefined) ?? []);
    for (const key of n['x-kubernetes-list-map-keys'] as string[]) {
      const prop = (n.items.properties as Json | undefined)?.[key];
      if (prop === undefined)
        out.push({
          pointer: `${pointer}/x-kubernetes-list-map-keys`,
          message: `Invalid value: ${JSON.stringify(key)}: entries must all be names of item properties`,
        });
      else if (!required.has(key) && prop.default === undefined) {
        out.push({
          pointer: `${pointer}/items/properties/${escape(key)}`,
          message: `Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property`,
        });
      }
    }
  }
  for (const [k, v] of Object.entries((n.properties as Json | undefined) ?? {})) walk(v, `${pointer}/properties/${escape(k)}`, inJunctor, out);
  if (n.items && typeof n.items === 'object') walk(n.items, `${pointer}/items`, inJunctor, out);
  if (n.additionalProperties && typeof n.additionalProperties === 'object')
    walk(n.additionalProperties, `${pointer}/additionalProperties`, inJunctor, out);
  for (const j of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(n[j])) (n[j] as unknown[]).forEach((s, i) => walk(s, `${pointer}/${j}/${i}`, true, out));
  }
  if (n.not && typeof n.not === 'object') walk(n.not, `${pointer}/not`, true, out);
}

function escape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}
