// JSON Pointer (RFC 6901) segments: `~` is written `~0` and `/` is written `~1`.

/** `a/b~c` → `a~1b~0c`. */
export function escapePointer(segment: string): string {
  return segment.includes('~') || segment.includes('/') ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment;
}

/** `a~1b~0c` → `a/b~c`. */
export function unescapePointer(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

/** The pointer of `key` (a map key or list index) below `pointer`. */
export function appendPointer(pointer: string, key: string | number): string {
  return `${pointer}/${typeof key === 'number' ? key : escapePointer(key)}`;
}
