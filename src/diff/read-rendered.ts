// Rendered output as text → the files and parsed documents that diffRenders compares (for renders of another process).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { readYamlFast } from '../validate/fast-yaml.js';
import type { ManifestDoc } from '../validate/types.js';

const KUSTOMIZATION = 'kustomization.yaml';

/** Every environment folder (one holding a kustomization.yaml) that synth wrote under `outDir`, sorted by name. */
export function readRenderedOutput(outDir: string): SerializedEnvironment[] {
  if (!existsSync(outDir)) return [];
  const envs = readdirSync(outDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(outDir, d.name, KUSTOMIZATION)))
    .map((d) => d.name)
    .sort();
  return envs.map((env) => {
    const files = new Map(filesUnder(join(outDir, env)).map(([name, path]) => [name, readFileSync(path, 'utf8')]));
    return parseEnvironment(env, files);
  });
}

/**
 * Every file under `dir`, subfolders included (synth writes `argocd/` and `operators/` beside the environment's
 * files), as [path relative to `dir` with `/` separators, absolute path], sorted by relative path.
 */
function filesUnder(dir: string, prefix = ''): [string, string][] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry): [string, string][] => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path, `${prefix}${entry.name}/`);
      return entry.isFile() ? [[`${prefix}${entry.name}`, path]] : [];
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The documents of the files each folder's kustomization.yaml lists (the environment's and those of its subfolders,
 * each applied on its own), in their order, each with file and line.
 */
export function parseEnvironment(env: string, files: ReadonlyMap<string, string>): SerializedEnvironment {
  const folders = [...files.keys()].filter((name) => name === KUSTOMIZATION || name.endsWith(`/${KUSTOMIZATION}`)).sort();
  const docs = folders.flatMap((path) => {
    const folder = path.slice(0, -KUSTOMIZATION.length);
    const kustomization = parseDocuments(files.get(path) ?? '', `${env}/${path}`)[0]?.object;
    const resources = Array.isArray(kustomization?.resources) ? kustomization.resources.map(String) : [];
    return resources.flatMap((name) => parseDocuments(files.get(`${folder}${name}`) ?? '', `${env}/${folder}${name}`));
  });
  return { env, files, docs };
}

/** The mapping documents of a YAML stream, each with the line where its content starts. */
function parseDocuments(text: string, file: string): ManifestDoc[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const fast = readYamlFast(text);
  if (fast) return fast.flatMap(({ value, line }) => (isObject(value) ? [{ object: value, file, line }] : []));
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { lineCounter }).flatMap((doc) => {
    const object = doc.toJS() as unknown;
    if (!isObject(object)) return [];
    return [{ object, file, line: lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line }];
  });
}
