// Checks a merged environment against the environment JSON Schema (ajv), applying its defaults in place.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { looksLikeSecret } from './checks/secret-key.js';
import type { DiagnosticList } from './diagnostic.js';
import { environmentValidator } from './environment-validator.js';
import { escapePointer } from '../json-pointer.js';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= environmentValidator();
  return compiled;
}

/** A value the schema rejected. */
export interface Rejection {
  /** JSON pointer of the value (of the key, for an unknown key). */
  readonly pointer: string;
  /** The key is not allowed at all, so dropping it changes nothing else. */
  readonly unknownKey: boolean;
  /** For an unknown key: the allowed key it resembles (the did-you-mean hint). */
  readonly resembles?: string;
}

/** Validates `value` (defaults are filled in), adding one diagnostic per problem; returns what it rejected ([] = valid). */
export function checkSchema(value: Record<string, unknown>, out?: DiagnosticList): Rejection[] {
  const validate = validator();
  if (validate(value)) return [];
  return relevant(validate.errors ?? []).map((e) => {
    const [pointer, message, atKey] = describe(e);
    out?.add(pointer, message, atKey);
    if (e.keyword !== 'additionalProperties') return { pointer, unknownKey: false };
    const resembles = closest(
      (e.params as { additionalProperty: string }).additionalProperty,
      Object.keys((e.parentSchema as { properties?: object }).properties ?? {}),
    );
    return { pointer, unknownKey: true, ...(resembles !== undefined ? { resembles } : {}) };
  });
}

/** Drops the per-branch noise of a failed anyOf: the anyOf error itself says what was expected. */
function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'anyOf' || !anyOfAt.has(e.instancePath));
}

function describe(e: ErrorObject): [pointer: string, message: string, atKey: boolean] {
  const got = received(e.data);
  const schema = e.parentSchema as { description?: string } | undefined;
  switch (e.keyword) {
    case 'required': {
      const key = (e.params as { missingProperty: string }).missingProperty;
      return [`${e.instancePath}/${escapePointer(key)}`, 'is required', false];
    }
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      if (looksLikeSecret(key)) {
        const ref = allowed.find((k) => /secret/i.test(k));
        return [
          `${e.instancePath}/${escapePointer(key)}`,
          `"${key}" looks like a credential: never put secret values in environment files; keep them in a Secret and ${ref ? `name it in ${ref}` : 'reference it by name'}`,
          true,
        ];
      }
      const hint = closest(key, allowed);
      return [
        `${e.instancePath}/${escapePointer(key)}`,
        `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`,
        true,
      ];
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return [e.instancePath, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${got}`, false];
    }
    case 'discriminator': {
      const p = e.params as { tag: string; tagValue: unknown; error: string };
      const branches = ((e.parentSchema as { oneOf?: { properties: Record<string, { const?: string }> }[] }).oneOf ?? []).map(
        (b) => b.properties[p.tag]?.const,
      );
      const pointer = p.error === 'tag' && p.tagValue === undefined ? `${e.instancePath}` : `${e.instancePath}/${p.tag}`;
      return [pointer, `${p.tag} must be one of ${branches.map((b) => JSON.stringify(b)).join(', ')}; got ${received(p.tagValue)}`, false];
    }
    case 'anyOf':
      return [
        e.instancePath,
        `must be ${branchNames(e.parentSchema as { anyOf?: Branch[] }) ?? schema?.description ?? 'one of the allowed forms'}; got ${got}`,
        false,
      ];
    case 'pattern':
      return [
        e.instancePath,
        `must be ${schema?.description ?? `a string matching ${(e.params as { pattern: string }).pattern}`}; got ${got}`,
        false,
      ];
    case 'type':
      return [e.instancePath, `must be ${article((e.params as { type: string }).type)}; got ${got}`, false];
    default:
      return [e.instancePath, `${e.message ?? 'is invalid'}; got ${got}`, false];
  }
}

interface Branch {
  readonly const?: unknown;
  readonly type?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly pattern?: string;
}

/** `an integer from 1 to 65535 or "none"`: the branches of an anyOf of constants and plain types, else undefined. */
function branchNames(schema: { anyOf?: readonly Branch[] }): string | undefined {
  const names = (schema.anyOf ?? []).map((b) => {
    if ('const' in b) return JSON.stringify(b.const);
    if (b.type === undefined || b.pattern !== undefined) return undefined;
    const range = b.minimum !== undefined && b.maximum !== undefined ? ` from ${b.minimum} to ${b.maximum}` : '';
    return `${article(b.type)}${range}`;
  });
  if (names.length < 2 || names.some((n) => n === undefined)) return undefined;
  return `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function received(data: unknown): string {
  if (data === undefined) return 'nothing';
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a mapping';
  if (typeof data !== 'string') return JSON.stringify(data);
  const text = JSON.stringify(data);
  // a long string is cut inside its quotes: `string "nginx:xxxxx..."`
  return `string ${text.length > 60 ? `${text.slice(0, 56)}..."` : text}`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    integer: 'an integer',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' or ');
}

/** The allowed key (or name) closest to a misspelt one (edit distance <= maxDistance), if any. */
export function closest(key: string, allowed: readonly string[], maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of allowed) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
