// Reads YAML files, directories (recursively) or stdin into documents with their file and line.
import { unescapePointer } from '../json-pointer.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { createRequire } from 'node:module';
import { InputError } from '../errors.js';
import { readYamlFast } from './fast-yaml.js';
import { listItems } from './list-items.js';
import type { ManifestDoc } from './types.js';
import type { Document, LineCounter } from 'yaml';

/** The `yaml` library, loaded only for text the fast reader leaves to it (rendered manifests never need it). */
const yamlLibrary = (): typeof import('yaml') => createRequire(import.meta.url)('yaml') as typeof import('yaml');

/**
 * Every Kubernetes object in `paths` (`-` is stdin), the items of `kind: List` documents as objects of their own;
 * kustomization files are not objects and are left out.
 */
export function readManifests(paths: readonly string[]): ManifestDoc[] {
  const docs: ManifestDoc[] = [];
  const problems: string[] = [];
  const add = (parsed: ManifestDoc[]): void => {
    for (const d of parsed) docs.push(...listItems(d, problems));
  };
  for (const p of paths) {
    if (p === '-') add(parse(readFileSync(0, 'utf8'), '<stdin>', problems));
    else for (const file of yamlFiles(p, problems)) add(parse(readFileSync(file, 'utf8'), file, problems));
  }
  if (problems.length > 0) throw new InputError('cannot read the input', problems);
  return docs;
}

/** The Kubernetes documents of a text read from elsewhere (a URL), named `name` in problems. */
export function readManifestText(text: string, name: string): ManifestDoc[] {
  const problems: string[] = [];
  const docs = parse(text, name, problems);
  if (problems.length > 0) throw new InputError(`cannot read ${name}`, problems);
  return docs;
}

function yamlFiles(path: string, problems: string[]): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    problems.push(`${path}: no such file or directory`);
    return [];
  }
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(path, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...yamlFiles(p, problems));
    else if (entry.isFile() && ['.yaml', '.yml'].includes(extname(entry.name)) && !/^kustomization\.ya?ml$/.test(entry.name)) out.push(p);
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
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        problems.push(`${file}:${line}:${col} ${e.message.split('\n')[0]}`);
      }
      continue;
    }
    const object = doc.toJS() as unknown;
    if (object === null || object === undefined) continue;
    if (typeof object !== 'object' || Array.isArray(object)) {
      problems.push(`${file}:${lineCounter.linePos(doc.range[0]).line} a Kubernetes document must be a mapping`);
      continue;
    }
    const start = doc.contents?.range[0] ?? doc.range[0];
    const line = lineCounter.linePos(start).line;
    out.push({ object: object as Record<string, unknown>, file, line, lineOf: (pointer) => nodeLine(doc, pointer, lineCounter) ?? line });
  }
  return out;
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
