// A fast reader for the block-style YAML that manifests are written in (what synth, kubectl and Helm emit): block
// maps and lists, plain and single-line quoted scalars, literal block scalars, comments and `---` separators. It
// builds no node tree, so it reads several times faster than the `yaml` library. Anything else (anchors, tags, flow
// collections, folded or multi-line scalars, tabs, CRLF, duplicate keys, ...) makes it return undefined and the caller
// reads the file with the library, so the result never depends on which path was taken (test/validate.fast-yaml.test.ts).
import { unescapePointer } from '../json-pointer.js';

/** One document of a stream: its value and the 1-based line where its content starts. */
export interface FastYamlDoc {
  readonly value: unknown;
  readonly line: number;
  /** The 1-based line of the node at a JSON pointer (or of its nearest ancestor present), found when asked. */
  readonly lineOf: (pointer: string) => number;
}

class Unsupported extends Error {}
const UNSUPPORTED = new Unsupported();

/** The documents of `text`, or undefined when the text uses YAML this reader leaves to the library. */
export function readYamlFast(text: string): FastYamlDoc[] | undefined {
  if (text.includes('\r') || text.includes('\t') || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    const lines = text.split('\n');
    return new Reader(lines).stream().map(({ value, line }) => ({ value, line, lineOf: (pointer: string) => lineOf(lines, line - 1, pointer) }));
  } catch (err) {
    if (err === UNSUPPORTED) return undefined;
    throw err;
  }
}

/** The core schema's plain scalars that are not strings (the `yaml` library's own tests, YAML 1.2). */
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/**
 * Whether a plain scalar or key may not start so (indicators; quotes and `|` are handled before this test): the
 * regular expression /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?: |$))/, by character code (it runs on every key and scalar).
 */
export function startsWithIndicator(s: string): boolean {
  switch (s.charCodeAt(0)) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return true;
    case 45: // -
    case 63: // ?
    case 58: // :
      return s.length === 1 || s.charCodeAt(1) === 32;
    default:
      return false;
  }
}
/** A literal block scalar header: `|`, `|-` or `|+`, optionally followed by a comment. */
const LITERAL_HEADER = /^\|([-+]?)(?:\s+#.*)?$/;

function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // only strings starting with a digit, sign, dot, ~, n/N, t/T, f/F can resolve to something else
  if (!(c <= 57 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  // a letter first: only null (n/N) or a boolean (t/T/f/F) can match (keys such as `name` and `template` are many)
  if (c === 110 || c === 78) return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
  if (c === 116 || c === 84) return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
  if (c === 102 || c === 70) return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
  if (s === '~') return null;
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_OCT.test(s)) return parseInt(s.slice(2), 8);
  if (INT_HEX.test(s)) return parseInt(s.slice(2), 16);
  if (FLOAT.test(s) || FLOAT_EXP.test(s)) return parseFloat(s);
  if (FLOAT_SPECIAL.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  return s;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

class Reader {
  private i = 0;
  /** The indentation of the line the last nextContent() returned. */
  private ind = 0;

  public constructor(private readonly lines: string[]) {}

  public stream(): { value: unknown; line: number }[] {
    const docs: { value: unknown; line: number }[] = [];
    let explicit = false;
    for (;;) {
      const start = this.nextContent();
      if (start === -1) {
        // an explicit `---` with nothing after it is an empty (null) document
        if (explicit) docs.push({ value: null, line: this.lines.length });
        return docs;
      }
      const line = this.lines[start]!;
      if (isMarker(line)) {
        if (explicit) docs.push({ value: null, line: start + 1 });
        explicit = true;
        this.i = start + 1;
        continue;
      }
      const indent = indentOf(line);
      docs.push({ value: this.node(indent), line: start + 1 });
      explicit = false;
      const next = this.nextContent();
      if (next === -1) return docs;
      if (!isMarker(this.lines[next]!)) throw UNSUPPORTED;
    }
  }

  /** The index of the next line that is neither blank nor a comment (-1 at the end); `---` lines count as content. */
  private nextContent(): number {
    const { lines } = this;
    for (let j = this.i; j < lines.length; j++) {
      const l = lines[j]!;
      const ind = indentOf(l);
      if (ind === l.length || l.charCodeAt(ind) === 35) continue; // blank or `#` comment
      if (ind === 0 && (l[0] === '%' || l === '...' || l.startsWith('... '))) throw UNSUPPORTED;
      this.i = j;
      this.ind = ind;
      return j;
    }
    this.i = lines.length;
    return -1;
  }

  /** The block node (map or list) whose first line is the current line, at `indent`. */
  private node(indent: number): unknown {
    const text = this.lines[this.i]!.slice(indent);
    if (isItem(text)) return this.list(indent);
    return this.map(indent, text);
  }

  private list(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.i]!;
      const text = line.slice(indent);
      if (!isItem(text)) throw UNSUPPORTED;
      const rest = yamlTrimStartFrom(text, 1);
      if (rest === '' || rest[0] === '#') {
        this.i++;
        out.push(this.childOrNull(indent, false));
      } else if (isItem(rest)) {
        throw UNSUPPORTED;
      } else if (startsEntry(rest)) {
        // `- key: value`: a map whose first entry shares the dash's line, indented to the key's column
        out.push(this.map(line.length - rest.length, rest));
      } else {
        out.push(this.scalar(rest, indent));
      }
      const next = this.nextContent();
      if (next === -1) return out;
      const l = this.lines[next]!;
      const ind = this.ind;
      // a shallower line, or a map key at the list's own indentation (`key:` followed by an unindented list), ends it
      if (ind < indent || isMarker(l) || (ind === indent && !isItem(l.slice(ind)))) return out;
      if (ind > indent) throw UNSUPPORTED;
    }
  }

  private map(indent: number, first: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let text = first;
    for (;;) {
      let key: string;
      let rest: string;
      if (text[0] === '"' || text[0] === "'") {
        const [k, after] = text[0] === '"' ? doubleQuoted(text) : singleQuoted(text);
        if (after[0] !== ':' || (after.length > 1 && after[1] !== ' ')) throw UNSUPPORTED;
        key = k;
        rest = yamlTrimStartFrom(after, 1);
      } else {
        const end = keyEnd(text);
        if (end === -1) throw UNSUPPORTED;
        const raw = text.slice(0, end);
        if (startsWithIndicator(raw) || raw.includes(' #') || raw.endsWith(' ') || raw === '<<') throw UNSUPPORTED;
        key = plainKey(raw);
        rest = yamlTrimStartFrom(text, end + 1);
      }
      if (Object.hasOwn(out, key) || key === '__proto__') throw UNSUPPORTED;
      if (rest === '' || rest[0] === '#') {
        this.i++;
        out[key] = this.childOrNull(indent, true);
      } else {
        out[key] = this.scalar(rest, indent);
      }
      const next = this.nextContent();
      if (next === -1) return out;
      const l = this.lines[next]!;
      const ind = this.ind;
      if (ind < indent || isMarker(l)) return out;
      if (ind > indent) throw UNSUPPORTED;
      text = l.slice(indent);
      // a list item at the map's indentation is an error the caller reports (by handing the text to the library)
      if (isItem(text)) return out;
    }
  }

  /**
   * The value of an entry whose line ends after `key:` or `-`: the block node on the following lines when more
   * indented (or, for a map entry, a list at the same indentation), else null.
   */
  private childOrNull(indent: number, inMap: boolean): unknown {
    const next = this.nextContent();
    if (next === -1) return null;
    const l = this.lines[next]!;
    const ind = this.ind;
    if (isMarker(l)) return null;
    if (ind > indent) return this.node(ind);
    if (inMap && ind === indent && isItem(l.slice(ind))) return this.list(ind);
    return null;
  }

  /** A scalar written on the current line after `key: ` or `- ` (or a literal block scalar starting there). */
  private scalar(rest: string, parentIndent: number): unknown {
    const c = rest[0];
    if (c === '"' || c === "'") {
      const [value, after] = c === '"' ? doubleQuoted(rest) : singleQuoted(rest);
      if (after !== '' && after[0] !== '#') throw UNSUPPORTED;
      this.i++;
      return value;
    }
    if (c === '|') {
      const header = LITERAL_HEADER.exec(rest);
      if (!header) throw UNSUPPORTED;
      this.i++;
      return this.literal(parentIndent, header[1]!);
    }
    if (c === '[' || c === '{') {
      const body = rest.replace(/\s+#.*$/, '');
      if (body !== '[]' && body !== '{}') throw UNSUPPORTED;
      this.i++;
      return body === '[]' ? [] : {};
    }
    if (startsWithIndicator(rest)) throw UNSUPPORTED;
    const hash = rest.indexOf(' #');
    const value = yamlTrimEnd(hash === -1 ? rest : rest.slice(0, hash));
    if (value.includes(': ') || value.endsWith(':')) throw UNSUPPORTED;
    this.i++;
    return resolvePlain(value);
  }

  /** The lines of a `|` block scalar more indented than `parentIndent`, chomped as `chomp` says. */
  private literal(parentIndent: number, chomp: string): string {
    const { lines } = this;
    let blockIndent = -1;
    const content: string[] = [];
    let j = this.i;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const ind = indentOf(l);
      if (ind === l.length) {
        // an empty (or spaces only) line; before the first content line, spaces would need the library's rules
        if (blockIndent === -1 && ind > 0) throw UNSUPPORTED;
        content.push(blockIndent === -1 ? '' : l.slice(blockIndent));
        continue;
      }
      if (blockIndent === -1) {
        if (ind <= parentIndent) break;
        blockIndent = ind;
      } else if (ind < blockIndent) break;
      content.push(l.slice(blockIndent));
    }
    if (blockIndent === -1) throw UNSUPPORTED;
    // trailing empty lines belong to the chomping, and lines after the block that were only spaces to nothing
    let end = content.length;
    while (end > 0 && content[end - 1] === '') end--;
    for (let k = 0; k < end; k++) if (content[k] !== '' && isYamlBlank(content[k]!)) throw UNSUPPORTED;
    this.i = j;
    const body = content.slice(0, end).join('\n');
    if (end === 0) return '';
    if (chomp === '-') return body;
    if (chomp === '+') throw UNSUPPORTED;
    return `${body}\n`;
  }
}

/**
 * The 1-based line of the node at `pointer` in the document whose content starts at line index `start` (a map entry:
 * its key's line), or of its nearest ancestor present. Only called for documents with problems, on text the reader
 * read, so it follows the same block structure line by line instead of recording positions while reading.
 */
function lineOf(lines: readonly string[], start: number, pointer: string): number {
  /** The line of the deepest node found so far (a map entry's key line). */
  let line = start;
  /** The current node: its first line, and the column its keys or items start at. */
  let at = start;
  let column = indentOf(lines[start]!);
  const content = (j: number): boolean => {
    const l = lines[j]!;
    const ind = indentOf(l);
    return ind !== l.length && l.charCodeAt(ind) !== 35;
  };
  /** The node a key or item on line `j` holds, whose text starts at `col`: on the same line or the next block. */
  const valueOf = (j: number, rest: string, col: number, inMap: boolean): boolean => {
    if (rest !== '' && rest[0] !== '#') {
      if (inMap) return false; // a scalar
      at = j;
      column = col;
      return startsEntry(rest);
    }
    for (let k = j + 1; k < lines.length; k++) {
      if (!content(k)) continue;
      const ind = indentOf(lines[k]!);
      if (isMarker(lines[k]!) || ind < column || (ind === column && !(inMap && isItem(lines[k]!.slice(ind))))) return false;
      at = k;
      column = ind;
      return true;
    }
    return false;
  };
  for (const raw of pointer.split('/').slice(1)) {
    const key = unescapePointer(raw);
    const first = lines[at]!.slice(column);
    /** Whether the node at this segment was found and has a block (or inline map) node inside to descend into. */
    let found = false;
    if (isItem(first)) {
      let n = Number(key);
      for (let j = at; j < lines.length && Number.isInteger(n) && n >= 0; j++) {
        if (!content(j)) continue;
        const l = lines[j]!;
        const ind = indentOf(l);
        if (isMarker(l) || ind < column || (ind === column && !isItem(l.slice(ind)))) break;
        if (ind > column) continue;
        if (n-- > 0) continue;
        const rest = yamlTrimStartFrom(l, column + 1);
        found = valueOf(j, rest, l.length - rest.length, false);
        // an item whose node starts on the next line is where that node is (as the library says)
        line = found ? at : j;
        break;
      }
    } else {
      for (let j = at; j < lines.length; j++) {
        if (!content(j)) continue;
        const l = lines[j]!;
        const ind = indentOf(l);
        if (j !== at && (isMarker(l) || ind < column)) break;
        if (j !== at && ind > column) continue;
        const text = l.slice(column);
        const [k, after] = entryKey(text);
        if (k !== key) continue;
        line = j;
        found = valueOf(j, after, column, true);
        break;
      }
    }
    if (!found) break;
  }
  return line + 1;
}

/** The key of a `key: value` text and what follows the colon (trimmed); undefined key when the text is no entry. */
function entryKey(text: string): [string | undefined, string] {
  if (text[0] === '"' || text[0] === "'") {
    const [k, after] = text[0] === '"' ? doubleQuoted(text) : singleQuoted(text);
    return after[0] === ':' ? [k, yamlTrimStartFrom(after, 1)] : [undefined, ''];
  }
  const end = keyEnd(text);
  return end === -1 ? [undefined, ''] : [plainKey(text.slice(0, end)), yamlTrimStartFrom(text, end + 1)];
}

/** Whether a line is a `---` document marker (content after the marker on the same line is left to the library). */
function isMarker(line: string): boolean {
  if (!line.startsWith('---')) return false;
  const rest = line.slice(3);
  if (rest === '' || /^ +(?:#.*)?$/.test(rest)) return true;
  if (rest[0] === ' ') throw UNSUPPORTED;
  return false;
}

/** Whether a list item's text starts a map entry (`key: ...`, `"key": ...`) rather than being a scalar. */
function startsEntry(text: string): boolean {
  if (text[0] === '"' || text[0] === "'") {
    const after = (text[0] === '"' ? doubleQuoted(text) : singleQuoted(text))[1];
    return after[0] === ':';
  }
  return keyEnd(text) !== -1;
}

function isItem(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

/** Where the `:` of a plain `key: value` line is (-1 if the line is no such entry). */
function keyEnd(text: string): number {
  for (let k = text.indexOf(':'); k !== -1; k = text.indexOf(':', k + 1)) {
    if (k + 1 === text.length || text[k + 1] === ' ') return k;
  }
  return -1;
}

function plainKey(raw: string): string {
  const value = resolvePlain(raw);
  if (typeof value === 'string') return value;
  // numeric keys (e.g. port numbers) read back as the same text; anything else is left to the library
  if (typeof value === 'number' && INT.test(raw) && String(value) === raw) return raw;
  throw UNSUPPORTED;
}

/** A single-line double-quoted scalar at the start of `text`: its value and what follows (trimmed). */
function doubleQuoted(text: string): [string, string] {
  let out = '';
  let k = 1;
  for (;;) {
    const q = text.indexOf('"', k);
    const b = text.indexOf('\\', k);
    if (q === -1) throw UNSUPPORTED;
    if (b === -1 || q < b) {
      out += text.slice(k, q);
      return [out, yamlTrimStartFrom(text, q + 1)];
    }
    out += text.slice(k, b);
    const e = text[b + 1];
    if (e === undefined) throw UNSUPPORTED;
    const n = HEX_LENGTH[e];
    if (n !== undefined) {
      const hex = text.slice(b + 2, b + 2 + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) throw UNSUPPORTED;
      out += String.fromCodePoint(parseInt(hex, 16));
      k = b + 2 + n;
    } else {
      const r = ESCAPES[e];
      if (r === undefined) throw UNSUPPORTED;
      out += r;
      k = b + 2;
    }
  }
}

/** A single-line single-quoted scalar at the start of `text`: its value and what follows (trimmed). */
function singleQuoted(text: string): [string, string] {
  let out = '';
  let k = 1;
  for (;;) {
    const q = text.indexOf("'", k);
    if (q === -1) throw UNSUPPORTED;
    out += text.slice(k, q);
    if (text[q + 1] === "'") {
      out += "'";
      k = q + 2;
      continue;
    }
    return [out, yamlTrimStartFrom(text, q + 1)];
  }
}

/**
 * YAML's white space is space and tab only (YAML 1.2, production s-white): other Unicode spaces (U+3000, U+00A0,
 * ...) are content, which JavaScript's trimStart/trimEnd would strip. `s` from `from` on, its leading white space cut.
 */
function yamlTrimStartFrom(s: string, from: number): string {
  let i = from;
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return s.slice(i);
}

function yamlTrimEnd(s: string): string {
  let i = s.length;
  while (i > 0 && (s[i - 1] === ' ' || s[i - 1] === '\t')) i--;
  return i === s.length ? s : s.slice(0, i);
}

function isYamlBlank(s: string): boolean {
  return yamlTrimStartFrom(s, 0) === '';
}
