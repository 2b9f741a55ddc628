// JSON pointers into rendered objects: read a value, and test whether two versions differ below a pointer.
import { isDeepStrictEqual } from 'node:util';

/** The value at a JSON pointer (`/spec/selector`), undefined when absent. */
export function at(object: unknown, pointer: string): unknown {
  let node = object;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Whether the two versions differ at `pointer` (absent on both sides is no difference). */
export function differsAt(before: unknown, after: unknown, pointer: string): boolean {
  return !isDeepStrictEqual(at(before, pointer), at(after, pointer));
}

/** `/spec/template/spec` → `spec.template.spec`: a pointer as the API server's messages name the field. */
export function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
