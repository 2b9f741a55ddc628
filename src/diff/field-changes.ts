// Field-level differences between two versions of a resource: JSON pointer, old value, new value.
import { escapePointer } from '../json-pointer.js';

/** One field that differs. `before` absent: the field was added; `after` absent: it was removed. */
export interface FieldChange {
  /** JSON pointer, e.g. `/spec/triggers/0/metadata/threshold`. */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * The leaf-level differences between two JSON values, in key order. Objects are compared key by key, arrays index
 * by index (extra items are added or removed); anything else that differs is one change.
 */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  const out: FieldChange[] = [];
  collect(before, after, path, out);
  return out;
}

function collect(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (before === after) return;
  if (isObject(before) && isObject(after)) {
    const keys = Object.keys(before);
    for (const k of Object.keys(after)) if (!Object.hasOwn(before, k)) keys.push(k);
    for (const k of keys) collect(before[k], after[k], `${path}/${escapePointer(k)}`, out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) collect(before[i], after[i], `${path}/${i}`, out);
    return;
  }
  if (before === undefined) out.push({ path, after });
  else if (after === undefined) out.push({ path, before });
  else out.push({ path, before, after });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
