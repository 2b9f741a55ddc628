// The environment JSON Schema as written to environments/schema.json: TypeBox's schema made friendlier for
// editors and error messages (unions of constants become enums, tagged unions get a discriminator).
import { EnvironmentSchema } from './model/environment.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The JSON Schema of an environment file (draft-07 compatible, ajv discriminator keyword). */
export function environmentJsonSchema(): Record<string, Json> {
  const plain = JSON.parse(JSON.stringify(EnvironmentSchema)) as Record<string, Json>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...(simplify(plain) as Record<string, Json>) };
}

/**
 * Bounds of every value that sets none tighter: an integer becomes an int32 field in Kubernetes (replicas, ports,
 * seconds, uids: k8s.io/apimachinery validation IsValidUserID is 0..MaxInt32 too), a number must be exact as a
 * double, and a string is at most 4096 characters (images, names, env values and queries set their own bound).
 */
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const STRING_MAX_LENGTH = 4096;

function bounded(node: { [k: string]: Json }): { [k: string]: Json } {
  if (node.type === 'integer') return { ...node, minimum: node.minimum ?? INT32_MIN, maximum: node.maximum ?? INT32_MAX };
  if (node.type === 'number') return { ...node, minimum: node.minimum ?? -Number.MAX_SAFE_INTEGER, maximum: node.maximum ?? Number.MAX_SAFE_INTEGER };
  if (node.type === 'string' && node.enum === undefined && node.const === undefined)
    return { ...node, maxLength: node.maxLength ?? STRING_MAX_LENGTH };
  return node;
}

function simplify(node: Json): Json {
  if (Array.isArray(node)) return node.map(simplify);
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) out[k] = simplify(v);
  Object.assign(out, bounded(out));
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf)) {
    const consts = anyOf.map((s) => (s && typeof s === 'object' && !Array.isArray(s) ? s.const : undefined));
    if (consts.every((c) => typeof c === 'string' || typeof c === 'boolean' || typeof c === 'number')) {
      const { anyOf: _drop, ...rest } = out;
      const types = [...new Set(consts.map((c) => typeof c))];
      return { ...rest, ...(types.length === 1 ? { type: types[0] as string } : {}), enum: consts as Json[] };
    }
    const tags = anyOf.map((s) => tagOf(s));
    if (tags.every((t) => t !== undefined) && new Set(tags).size === tags.length) {
      const { anyOf: branches, ...rest } = out;
      return { ...rest, type: 'object', required: ['type'], discriminator: { propertyName: 'type' }, oneOf: branches as Json[] };
    }
  }
  return out;
}

/** The constant of a branch's `type` property, when the branch is an object tagged by `type`. */
function tagOf(s: Json): string | undefined {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return undefined;
  const props = s.properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return undefined;
  const t = props.type;
  if (!t || typeof t !== 'object' || Array.isArray(t)) return undefined;
  return typeof t.const === 'string'
    ? t.const
    : typeof t.enum === 'object' && Array.isArray(t.enum) && t.enum.length === 1
      ? String(t.enum[0])
      : undefined;
}
