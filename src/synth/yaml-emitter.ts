// A direct YAML emitter for the plain JSON objects cdk8s renders: the same text as the `yaml` library's Document
// (with serialize.ts's options), about ten times faster because it builds no node tree. It covers what manifests
// are made of (maps, lists, numbers, booleans, null and single-line strings); for anything else it returns
// undefined and the caller uses the library, so the output never depends on which path was taken.
import { Document } from 'yaml';

/** Characters whose quoting the library decides with rules this emitter does not repeat (control, line breaks, ...). */
const SPECIAL_CHARS = /[\x00-\x1f\x7f-\x9f\u00a0\u2028\u2029\ud800-\udfff]/;
/** Strings the library writes as block scalars or with a document marker check. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/;
/** Where a plain scalar is not allowed (the library's own rule, block context). */
const PLAIN_FORBIDDEN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** The library writes keys longer than this as explicit `? key` entries. */
const MAX_IMPLICIT_KEY = 1024;

/** Plain strings that would read back as another type (`true`, `42`, `0x1f`, `~`, ...): the schema's own tests. */
const RESOLVES_TO_OTHER_TYPE: readonly RegExp[] = (() => {
  const schema = new Document().schema;
  return [...schema.tags, ...(schema.compat ?? [])].filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test).map((t) => t.test!);
})();

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

/** The YAML document for `value` (ending in a newline, no `---`), or undefined if it needs the library. */
export function emitYaml(value: unknown): string | undefined {
  if (!isPlainObject(value) && !Array.isArray(value)) return undefined;
  try {
    return `${block(value, '')}\n`;
  } catch (err) {
    if (err === UNSUPPORTED) return undefined;
    throw err;
  }
}

/** A non-empty map or list in block style, its first line unindented. */
function block(value: Record<string, unknown> | unknown[], indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out += `${i === 0 ? '' : `\n${indent}`}- ${isCollection(item) && !isEmpty(item) ? block(item, inner) : scalar(item, false)}`;
    }
    return out;
  }
  const inner = `${indent}  `;
  let out = '';
  let first = true;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item = value[key];
    if (item === undefined) continue;
    const k = string(key, true);
    if (k.length > MAX_IMPLICIT_KEY) throw UNSUPPORTED;
    out += `${first ? '' : `\n${indent}`}${k}:${isCollection(item) && !isEmpty(item) ? `\n${inner}${block(item, inner)}` : ` ${scalar(item, false)}`}`;
    first = false;
  }
  return first ? '{}' : out;
}

function scalar(value: unknown, key: boolean): string {
  switch (typeof value) {
    case 'string':
      return string(value, key);
    case 'number':
      if (!Number.isFinite(value)) throw UNSUPPORTED;
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (isCollection(value)) return Array.isArray(value) ? '[]' : '{}';
      throw UNSUPPORTED;
    default:
      throw UNSUPPORTED;
  }
}

function string(s: string, key: boolean): string {
  if (SPECIAL_CHARS.test(s) || DOCUMENT_MARKER.test(s) || (key && s.length > MAX_IMPLICIT_KEY)) throw UNSUPPORTED;
  if (!PLAIN_FORBIDDEN.test(s) && !RESOLVES_TO_OTHER_TYPE.some((re) => re.test(s))) return s;
  // the library's choice: single quotes when that avoids escaping a double quote, else JSON-style double quotes
  return s.includes('"') && !s.includes("'") ? `'${s}'` : JSON.stringify(s);
}

function isCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return Array.isArray(v) || isPlainObject(v);
}

function isEmpty(v: Record<string, unknown> | unknown[]): boolean {
  if (Array.isArray(v)) return v.length === 0;
  for (const k in v) if (Object.hasOwn(v, k) && v[k] !== undefined) return false;
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}
