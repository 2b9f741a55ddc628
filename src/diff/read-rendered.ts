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
    const dir = join(outDir, env);
    const files = new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
    return parseEnvironment(env, files);
  });
}

/** The documents of the files the environment's kustomization.yaml lists, in its order, each with file and line. */
export function parseEnvironment(env: string, files: ReadonlyMap<string, string>): SerializedEnvironment {
  const kustomization = parseDocuments(files.get(KUSTOMIZATION) ?? '', `${env}/${KUSTOMIZATION}`)[0]?.object;
  const resources = Array.isArray(kustomization?.resources) ? kustomization.resources.map(String) : [];
  const docs = resources.flatMap((name) => parseDocuments(files.get(name) ?? '', `${env}/${name}`));
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
