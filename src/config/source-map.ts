// Where each value of a merged environment came from: file, line and column, by JSON pointer.
import { escapePointer, unescapePointer } from '../json-pointer.js';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type LineCounter, type Node } from 'yaml';

/** A position in an environment file. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** Origins by JSON pointer; `<pointer>#key` holds the position of a map key. */
export interface OriginMap {
  get(pointer: string): Origin | undefined;
}

/**
 * The positions in one parsed file, found on demand by walking the YAML tree along the pointer: only diagnostics
 * ask for positions, so a valid file pays nothing for them. A map key's own position is asked for as `<pointer>#key`;
 * a key without a value is located at the key; aliases are not followed (the nearest ancestor answers).
 */
export class DocumentOrigins implements OriginMap {
  public constructor(
    private readonly root: Node | null | undefined,
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  public get(pointer: string): Origin | undefined {
    const atKey = pointer.endsWith('#key');
    const segments = (atKey ? pointer.slice(0, -'#key'.length) : pointer).split('/').slice(1).map(unescapePointer);
    let node: unknown = this.root;
    for (const [i, segment] of segments.entries()) {
      const last = i === segments.length - 1;
      if (!isNode(node) || isAlias(node)) return undefined;
      if (isMap(node)) {
        const pair = lastPair(node.items, segment);
        if (!pair) return undefined;
        if (last && (atKey || !pair.value)) return this.at(pair.key);
        node = pair.value;
      } else if (isSeq(node) && !(last && atKey) && /^(0|[1-9][0-9]*)$/.test(segment)) {
        node = node.items[Number(segment)];
      } else {
        return undefined;
      }
    }
    if (atKey || !isNode(node) || isAlias(node)) return undefined;
    return this.at(node);
  }

  private at(node: Node): Origin | undefined {
    if (!node.range) return undefined;
    const { line, col } = this.lines.linePos(node.range[0]);
    return { file: this.file, line, col };
  }
}

/** A map key that repeats an earlier key of the same map. */
export interface DuplicateKey {
  /** JSON pointer of the repeated key. */
  readonly pointer: string;
  readonly key: string;
  /** Source offset of the first occurrence. */
  readonly firstOffset: number;
}

/** The duplicate map key whose source starts at `offset` (where the parser reports DUPLICATE_KEY), if any. */
export function duplicateKeyAt(node: unknown, offset: number, pointer = ''): DuplicateKey | undefined {
  if (isMap(node)) {
    const seen = new Map<string, number>();
    for (const p of node.items) {
      if (!isScalar(p.key) || !p.key.range) continue;
      const key = String(p.key.value);
      const here = `${pointer}/${escapePointer(key)}`;
      const first = seen.get(key);
      if (p.key.range[0] === offset && first !== undefined) return { pointer: here, key, firstOffset: first };
      if (first === undefined) seen.set(key, p.key.range[0]);
      const found = duplicateKeyAt(p.value, offset, here);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const found = duplicateKeyAt(item, offset, `${pointer}/${i}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The last pair of a map with this (scalar) key: the one whose value the parsed object holds. */
function lastPair(items: readonly unknown[], key: string): { key: Node; value: unknown } | undefined {
  for (let i = items.length - 1; i >= 0; i--) {
    const p = items[i];
    if (isPair(p) && isScalar(p.key) && String(p.key.value) === key) return { key: p.key, value: p.value };
  }
  return undefined;
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
