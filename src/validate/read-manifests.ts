// Reads YAML (and JSON) files, directories (recursively) or stdin into documents with their file and line.
import { appendPointer, unescapePointer } from '../json-pointer.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';
import { readYamlFast } from './fast-yaml.js';
import { goRegExp, type GoRegExp } from './go-regexp.js';
import { listItems } from './list-items.js';
import { isManifestFile } from './manifest-files.js';
import type { ManifestDoc } from './types.js';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';

/** The `yaml` library, loaded only for text the fast reader leaves to it (rendered manifests never need it). */
const yamlLibrary = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/** The name stdin (`-`) has in problems and reports. */
export const STDIN = '<stdin>';

/** How files are found. */
export interface ReadOptions {
  /**
   * Go regular expressions: a file whose path (as walked, e.g. `dist/dev/crds.yaml`) matches one anywhere is not
   * read, given by name or found in a folder (kubeconform's -ignore-filename-pattern, pkg/resource/files.go).
   * @default none
   */
  readonly ignoreFilenamePatterns?: readonly string[];
}

/** What the paths held. */
export interface ManifestInput {
  /** The objects, List items expanded; unreadable documents (a duplicate key) are marked `unreadable`. */
  readonly docs: ManifestDoc[];
  /** The files read (stdin as `<stdin>`), with documents or not. */
  readonly files: readonly string[];
  /** The documents in them (a List is one), empty ones not counted. */
  readonly documents: number;
}

/**
 * Every Kubernetes object in `paths` (`-` is stdin), the items of `kind: List` documents as objects of their own;
 * kustomization files are not objects and are left out.
 * @throws InputError when a document is not YAML (a syntax error, an alias without its anchor) or cannot be read
 */
export function readManifests(paths: readonly string[]): ManifestDoc[] {
  const { docs } = readInput(paths);
  const unreadable = docs.filter((d) => d.unreadable);
  if (unreadable.length > 0)
    throw new InputError(
      'cannot read the input',
      unreadable.map((d) => `${d.file}:${d.lineOf?.(d.unreadable!.path) ?? d.line} ${d.unreadable!.message}`),
    );
  return docs;
}

/**
 * The objects of `paths` with the files and documents read; a document with a duplicate key is marked unreadable (it
 * is reported, the others are still checked).
 * @throws InputError when a document is not YAML (a syntax error, an alias without its anchor) or a path is missing
 */
export function readInput(paths: readonly string[], opts: ReadOptions = {}): ManifestInput {
  const ignore = (opts.ignoreFilenamePatterns ?? []).map((p) => {
    try {
      return goRegExp(p);
    } catch (e) {
      throw new InputError(`--ignore-filename-pattern (${JSON.stringify(p)}) is not a Go regular expression: ${(e as Error).message}`);
    }
  });
  const docs: ManifestDoc[] = [];
  const files: string[] = [];
  const problems: string[] = [];
  let documents = 0;
  const add = (text: string, file: string): void => {
    files.push(file);
    const parsed = parse(text, file, problems);
    documents += parsed.length;
    for (const d of parsed) docs.push(...(d.unreadable ? [d] : listItems(d, problems)));
  };
  for (const p of paths) {
    if (p === '-') add(readFileSync(0, 'utf8'), STDIN);
    else for (const file of manifestFiles(p, ignore, problems)) add(readFileSync(file, 'utf8'), file);
  }
  if (problems.length > 0) throw new InputError('cannot read the input', problems);
  return { docs, files, documents };
}

/** The Kubernetes documents of a text read from elsewhere (a URL), named `name` in problems. */
export function readManifestText(text: string, name: string): ManifestDoc[] {
  const problems: string[] = [];
  const docs = parse(text, name, problems);
  for (const d of docs) if (d.unreadable) problems.push(`${name}:${d.lineOf?.(d.unreadable.path) ?? d.line} ${d.unreadable.message}`);
  if (problems.length > 0) throw new InputError(`cannot read ${name}`, problems);
  return docs;
}

function manifestFiles(path: string, ignore: readonly GoRegExp[], problems: string[]): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    problems.push(`${path}: no such file or directory`);
    return [];
  }
  if (st.isFile()) return ignore.some((re) => re.test(path)) ? [] : [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(path, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...manifestFiles(p, ignore, problems));
    else if (entry.isFile() && isManifestFile(entry.name) && !ignore.some((re) => re.test(p))) out.push(p);
  }
  return out;
}

function parse(text: string, file: string, problems: string[]): ManifestDoc[] {
  const fast = readYamlFast(text);
  if (fast) {
    const out: ManifestDoc[] = [];
    for (const { value, line, lineOf } of fast) {
      if (value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) problems.push(`${file}:${line} a Kubernetes document must be a mapping`);
      else out.push({ object: value as Record<string, unknown>, file, line, lineOf });
    }
    return out;
  }
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lineCounter = new LineCounter();
  const out: ManifestDoc[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter })) {
    const at = (offset: number): string => {
      const { line, col } = lineCounter.linePos(offset);
      return `${file}:${line}:${col}`;
    };
    // a duplicate key leaves the document readable (the last value wins): it is reported on its own, as the API server
    // (sigs.k8s.io/yaml, strict) refuses it, and the other documents are still checked
    const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
    const fatal = doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY');
    if (fatal.length > 0) {
      for (const e of fatal) problems.push(`${at(e.pos[0])} ${e.message.split('\n')[0]}`);
      continue;
    }
    let object: unknown;
    try {
      object = doc.toJS();
    } catch (e) {
      // an alias without an anchor before it in its own document (anchors never cross `---`), or too many aliases
      const alias = unresolvedAlias(doc);
      problems.push(
        alias
          ? `${at(alias.range[0])} alias *${alias.source} has no anchor &${alias.source} before it in this document (anchors do not cross ---)`
          : `${at(doc.range[0])} ${(e as Error).message}`,
      );
      continue;
    }
    if (object === null || object === undefined) continue;
    if (typeof object !== 'object' || Array.isArray(object)) {
      problems.push(`${file}:${lineCounter.linePos(doc.range[0]).line} a Kubernetes document must be a mapping`);
      continue;
    }
    const start = doc.contents?.range[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    const lineOf = (pointer: string): number => nodeLine(doc, pointer, lineCounter) ?? line;
    const d: ManifestDoc = { object: object as Record<string, unknown>, file, line, lineOf };
    if (!duplicate) out.push(d);
    else {
      const path = pointerAt(doc.contents, duplicate.pos[0], '') ?? '';
      const key = path.slice(path.lastIndexOf('/') + 1);
      out.push({ ...d, unreadable: { path, message: `duplicate key "${unescapePointer(key)}": the keys of a mapping must be unique` } });
    }
  }
  return out;
}

/** The first alias of `doc` whose anchor is not defined before it in the document. */
function unresolvedAlias(doc: Document): { source: string; range: [number, number, number] } | undefined {
  const { visit } = yamlLibrary();
  let found: { source: string; range: [number, number, number] } | undefined;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined && alias.range) {
        found = { source: alias.source, range: alias.range };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The JSON pointer of the map key that starts at `offset` under `node`. */
function pointerAt(node: unknown, offset: number, pointer: string): string | undefined {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  const inside = (n: unknown): boolean => {
    const r = (n as YamlNode | null)?.range;
    return r !== undefined && r !== null && r[0] <= offset && offset <= r[2];
  };
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const here = appendPointer(pointer, key);
      if ((pair.key as YamlNode | null)?.range?.[0] === offset) return here;
      if (inside(pair.value)) return pointerAt(pair.value, offset, here);
    }
  } else if (isSeq(node)) {
    const i = node.items.findIndex(inside);
    if (i !== -1) return pointerAt(node.items[i], offset, appendPointer(pointer, i));
  }
  return undefined;
}

/** The line of the node at a JSON pointer in a parsed document (a map entry's key line), or its nearest ancestor's. */
function nodeLine(doc: Document, pointer: string, lineCounter: LineCounter): number | undefined {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  let node: unknown = doc.contents;
  let at: number | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const key = unescapePointer(raw);
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === key);
      if (!pair) break;
      at = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item: unknown = node.items[Number(key)];
      if (item === undefined) break;
      at = (item as { range?: [number, number, number] }).range?.[0] ?? at;
      node = item;
    } else break;
  }
  return at === undefined ? undefined : lineCounter.linePos(at).line;
}
