// The environment JSON Schema as written to environments/schema.json: TypeBox's schema made friendlier for
// editors and error messages (unions of constants become enums, tagged unions get a discriminator).
import { EnvironmentSchema } from './model/environment.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The JSON Schema of an environment file (draft-07 compatible, ajv discriminator keyword). */
export function environmentJsonSchema(): Record<string, Json> {
  const plain = JSON.parse(JSON.stringify(EnvironmentSchema)) as Record<string, Json>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...(simplify(plain) as Record<string, Json>) };
}

function simplify(node: Json): Json {
  if (Array.isArray(node)) return node.map(simplify);
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) out[k] = simplify(v);
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
  return typeof t.const === 'string' ? t.const : typeof t.enum === 'object' && Array.isArray(t.enum) && t.enum.length === 1 ? String(t.enum[0]) : undefined;
}
