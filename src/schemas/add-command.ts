// `elastic-gitops schemas add <url>`: pin one more schema file (a team's CRDs, an OpenAPI v3 document) in
// schemas.lock.json with its sha256, so it gets the cache, mirror and offline behaviour of every pinned source.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { crdStructureErrors } from '../validate/crd-structure.js';
import { fetchBytes, sha256, storeInCache } from './cache.js';
import { appendToLock, lockPath, readLock, type SchemaFormat, type SchemaSource } from './lock.js';

export interface SchemasAddOptions {
  /** Id in the lock (`project/version/file`). @default from the URL */
  readonly as?: string;
  /** Take the bytes from this local file (e.g. a mirror's copy) instead of downloading `url`. */
  readonly file?: string;
}

export async function schemasAddCommand(url: string, opts: SchemasAddOptions): Promise<void> {
  if (!/^(https?|file):\/\//.test(url)) throw new InputError(`schemas add needs an http(s):// or file:// URL; got ${JSON.stringify(url)}`);
  let data: Buffer;
  try {
    data = opts.file ? readFileSync(opts.file) : await fetchBytes(url);
  } catch (e) {
    throw new InputError(`cannot read ${opts.file ?? url} (${(e as Error).message})`);
  }
  const format = formatOf(data, opts.file ?? url);
  const id = opts.as ?? idFromUrl(url);
  const [project = id, version = ''] = id.split('/');
  const source: SchemaSource = { id, project, version, format, url, sha256: sha256(data), bytes: data.length };
  const lock = readLock();
  const same = lock.find((s) => s.id === id);
  if (same && same.sha256 === source.sha256) {
    process.stdout.write(`${id} is already pinned (sha256 ${source.sha256})\n`);
    return;
  }
  if (same) throw new InputError(`${id} is already pinned with sha256 ${same.sha256}; pick another id with --as`);
  const twin = lock.find((s) => s.sha256 === source.sha256);
  if (twin) throw new InputError(`the same file is already pinned as ${twin.id}`);
  appendToLock(source);
  storeInCache(source, data);
  process.stdout.write(`pinned ${id} (${format}, ${data.length} bytes, sha256 ${source.sha256}) in ${lockPath()}\n`);
}

/** `crd` when every document is a valid CRD, `openapi` for an OpenAPI v3 document that names kinds; else refused. */
function formatOf(data: Buffer, name: string): SchemaFormat {
  const text = data.toString('utf8');
  try {
    const doc = JSON.parse(text) as { openapi?: unknown; components?: { schemas?: Record<string, Record<string, unknown>> } };
    if (typeof doc.openapi === 'string' && doc.openapi.startsWith('3.')) {
      const kinds = Object.values(doc.components?.schemas ?? {}).filter((s) => Array.isArray(s['x-kubernetes-group-version-kind']));
      if (kinds.length > 0) return 'openapi';
      throw new InputError(`${name}: an OpenAPI document, but none of its components.schemas names a kind (x-kubernetes-group-version-kind)`);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    // not JSON: YAML CRDs below
  }
  const { parseAllDocuments } = yamlLibrary();
  const docs = parseAllDocuments(text)
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((o) => o !== null && o !== undefined);
  const crds = docs.filter((o) => o!.apiVersion === 'apiextensions.k8s.io/v1' && o!.kind === 'CustomResourceDefinition');
  if (crds.length === 0 || crds.length !== docs.length) {
    throw new InputError(`${name}: not a CustomResourceDefinition file (apiextensions.k8s.io/v1 only) nor an OpenAPI v3 document`);
  }
  const errors = crds.flatMap((c) =>
    crdStructureErrors(c!).map((e) => `${String((c!.metadata as { name?: unknown })?.name)}: ${e.pointer}: ${e.message}`),
  );
  if (errors.length > 0) throw new InputError(`${name}: invalid CustomResourceDefinition (the API server would refuse it)`, errors);
  return 'crd';
}

/** `repo/ref/file` for a raw GitHub URL (as the other pinned ids), else `host/path-before-file/file`. */
function idFromUrl(url: string): string {
  const u = new URL(url);
  const parts = u.pathname.split('/').filter((p) => p !== '');
  if (u.hostname === 'raw.githubusercontent.com' && parts.length >= 4) return `${parts[1]}/${parts[2]}/${basename(u.pathname)}`;
  return `${u.hostname || 'local'}/${parts.length > 1 ? parts[parts.length - 2] : 'unversioned'}/${basename(u.pathname)}`;
}

function yamlLibrary(): typeof import('yaml') {
  return createRequire(import.meta.url)('yaml') as typeof import('yaml');
}
