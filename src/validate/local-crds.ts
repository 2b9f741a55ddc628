// CustomResourceDefinitions given for one run (`validate --crd <path|url>`, like kubectl-validate's --local-crds) and
// those in the validated input itself: their custom resources are checked against them (schema, list-map keys, CEL),
// before the pinned CRDs. They are stored content-addressed in the cache, so their compiled validators are reused.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { sha256, type CacheEntry } from '../schemas/cache.js';
import { crdStructureErrors } from './crd-structure.js';
import { readManifests, readManifestText } from './read-manifests.js';
import type { ManifestDoc, Problem } from './types.js';

/** The CRDs of a run as one cache entry (undefined when there are none), and the problems of invalid input CRDs. */
export interface LocalCrds {
  readonly entry: CacheEntry | undefined;
  readonly problems: Problem[];
}

const isCrd = (o: Record<string, unknown>): boolean => o.apiVersion === 'apiextensions.k8s.io/v1' && o.kind === 'CustomResourceDefinition';

/**
 * Reads the `--crd` arguments (files, directories, `http(s)://` or `file://` URLs) and takes the CRDs of `docs`.
 * @throws InputError when an argument holds no CRD or an invalid one (a CRD the API server would refuse)
 */
export async function localCrds(args: readonly string[], docs: readonly ManifestDoc[], cacheDir: string): Promise<LocalCrds> {
  const crds: Record<string, unknown>[] = [];
  const refused: string[] = [];
  for (const arg of args) {
    const found = (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg) ? readManifestText(await fetchText(arg), arg) : readManifests([arg])).filter((d) =>
      isCrd(d.object),
    );
    if (found.length === 0) throw new InputError(`--crd ${arg}: no apiextensions.k8s.io/v1 CustomResourceDefinition in it`);
    for (const d of found) {
      const errors = crdStructureErrors(d.object);
      if (errors.length === 0) crds.push(d.object);
      else refused.push(...errors.map((e) => `${d.file}:${d.lineOf?.(e.pointer) ?? d.line} ${crdName(d.object)}: ${e.pointer}: ${e.message}`));
    }
  }
  if (refused.length > 0)
    throw new InputError(
      `--crd: ${refused.length} error${refused.length > 1 ? 's' : ''} in CustomResourceDefinitions (the API server would refuse them)`,
      refused,
    );
  const problems: Problem[] = [];
  for (const d of docs) {
    if (!isCrd(d.object)) continue;
    const errors = crdStructureErrors(d.object);
    if (errors.length === 0) crds.push(d.object);
    for (const e of errors)
      problems.push({
        severity: 'error',
        file: d.file,
        line: d.line,
        kind: 'CustomResourceDefinition',
        namespace: '',
        name: crdName(d.object),
        path: e.pointer,
        message: e.message,
      });
  }
  return { entry: crds.length === 0 ? undefined : store(crds, cacheDir), problems };
}

function crdName(crd: Record<string, unknown>): string {
  const name = (crd.metadata as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : '?';
}

/** The CRDs as one file in the cache, named by its sha256. */
function store(crds: readonly Record<string, unknown>[], cacheDir: string): CacheEntry {
  const text = crds.map((c) => JSON.stringify(c)).join('\n---\n');
  const hash = sha256(text);
  const dir = join(cacheDir, 'local-crds');
  const path = join(dir, `${hash}.yaml`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${path}.${process.pid}.tmp`, text);
    renameSync(`${path}.${process.pid}.tmp`, path);
  }
  const source = {
    id: `local/${hash.slice(0, 12)}`,
    project: 'local',
    version: '',
    format: 'crd',
    url: '',
    sha256: hash,
    bytes: Buffer.byteLength(text),
  } as const;
  return { source, path, from: 'cache' };
}

async function fetchText(url: string): Promise<string> {
  try {
    if (url.startsWith('file://')) return readFileSync(fileURLToPath(url), 'utf8');
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.text();
  } catch (e) {
    throw new InputError(`--crd ${url}: cannot read (${(e as Error).message})`);
  }
}
