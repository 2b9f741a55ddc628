// Where each value of a merged environment came from: file, line and column, by JSON pointer.
import { isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A position in an environment file. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** Origins by JSON pointer; `<pointer>#key` holds the position of a map key. */
export type OriginMap = Map<string, Origin>;

/** Records the position of every value (and map key) under `node`, keyed by JSON pointer. */
export function collectOrigins(node: Node | null | undefined, file: string, lines: LineCounter, pointer = '', out: OriginMap = new Map()): OriginMap {
  if (!node || isAlias(node)) return out;
  const at = (offset: number): Origin => {
    const { line, col } = lines.linePos(offset);
    return { file, line, col };
  };
  if (node.range) out.set(pointer, at(node.range[0]));
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const child = `${pointer}/${escapePointer(String(pair.key.value))}`;
      if (pair.key.range) out.set(`${child}#key`, at(pair.key.range[0]));
      if (pair.value) collectOrigins(pair.value as Node, file, lines, child, out);
      else if (pair.key.range) out.set(child, at(pair.key.range[0]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectOrigins(item as Node, file, lines, `${pointer}/${i}`, out));
  }
  return out;
}

/** The origin of `pointer`, or of its nearest ancestor that has one. */
export function originOf(origins: OriginMap, pointer: string, preferKey = false): Origin | undefined {
  if (preferKey) {
    const key = origins.get(`${pointer}#key`);
    if (key) return key;
  }
  let p = pointer;
  for (;;) {
    const o = origins.get(p);
    if (o) return o;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/apps/1/autoscaling/maxReplicas` → `apps[1].autoscaling.maxReplicas`. */
export function displayPath(pointer: string): string {
  if (pointer === '') return '(root)';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = unescapePointer(raw);
    if (/^[0-9]+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
