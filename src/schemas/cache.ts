// Fills the git-ignored schema cache from the pinned URLs, or offline from mirror directories found by sha256.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { repoRoot } from '../repo-root.js';
import type { SchemaSource } from './lock.js';

/** Where to look for schema files. */
export interface CacheOptions {
  /** Cache directory. @default $ELASTIC_GITOPS_CACHE or <repo>/.cache/schemas */
  readonly cacheDir?: string;
  /** Mirror directories searched recursively for files with the pinned sha256. @default $ELASTIC_GITOPS_MIRROR (colon-separated) */
  readonly mirrors?: readonly string[];
  /** Whether downloading from the upstream URL is allowed when no mirror has the file. @default true */
  readonly download?: boolean;
}

/** How one source was obtained. */
export interface CacheEntry {
  readonly source: SchemaSource;
  readonly path: string;
  readonly from: 'cache' | 'mirror' | 'download';
}

export function cacheDir(options: CacheOptions = {}): string {
  return options.cacheDir ?? process.env.ELASTIC_GITOPS_CACHE ?? join(repoRoot(), '.cache', 'schemas');
}

export function mirrorDirs(options: CacheOptions = {}): string[] {
  if (options.mirrors) return [...options.mirrors];
  return (process.env.ELASTIC_GITOPS_MIRROR ?? '').split(':').filter((d) => d !== '');
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Makes every source available in the cache; throws InputError saying what to do when one cannot be had. */
export async function ensureSchemas(sources: readonly SchemaSource[], options: CacheOptions = {}): Promise<CacheEntry[]> {
  const dir = cacheDir(options);
  mkdirSync(dir, { recursive: true });
  const entries: CacheEntry[] = [];
  const missing: SchemaSource[] = [];
  for (const source of sources) {
    const path = cachedPath(dir, source);
    if (existsSync(path)) entries.push({ source, path, from: 'cache' });
    else missing.push(source);
  }
  if (missing.length === 0) return entries;
  const mirrors = mirrorDirs(options);
  const index = indexMirrors(mirrors, new Set(missing.map((m) => m.bytes)));
  const failures: string[] = [];
  for (const source of missing) {
    const path = cachedPath(dir, source);
    const { data: local, refused } = findInMirrors(index, source);
    if (local) {
      store(path, local);
      entries.push({ source, path, from: 'mirror' });
      continue;
    }
    if (options.download === false) {
      failures.push(`${source.id}: not in the mirrors (${mirrors.join(', ') || 'none given'})`, ...refused);
      continue;
    }
    try {
      const data = await fetchBytes(source.url);
      const got = sha256(data);
      if (got !== source.sha256) {
        failures.push(`${source.id}: refused ${source.url}: sha256 ${got} differs from the pinned ${source.sha256}`);
        continue;
      }
      store(path, data);
      entries.push({ source, path, from: 'download' });
    } catch (e) {
      failures.push(`${source.id}: cannot download ${source.url} (${(e as Error).message})`, ...refused);
    }
  }
  if (failures.length > 0) {
    throw new InputError(
      `${failures.length} schema source${failures.length > 1 ? 's' : ''} unavailable. Run \`elastic-gitops schemas sync --mirror <dir>\` (or set ELASTIC_GITOPS_MIRROR) with a directory holding the pinned files, or go online`,
      failures,
    );
  }
  return entries;
}

function cachedPath(dir: string, source: SchemaSource): string {
  return join(dir, `${source.sha256}${source.format === 'crd' ? '.yaml' : '.json'}`);
}

function store(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Files of the mirrors whose size matches a wanted one, by size (hashing only candidates). */
function indexMirrors(mirrors: readonly string[], sizes: ReadonlySet<number>): Map<number, string[]> {
  const bySize = new Map<number, string[]>();
  const walk = (dir: string, depth: number): void => {
    if (depth > 8 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') walk(p, depth + 1);
      } else if (entry.isFile()) {
        const size = statSync(p).size;
        if (sizes.has(size)) bySize.set(size, [...(bySize.get(size) ?? []), p]);
      }
    }
  };
  for (const m of mirrors) walk(m, 0);
  return bySize;
}

/** The mirror file with the pinned sha256, and the same-named files that were refused for another sha256. */
function findInMirrors(index: Map<number, string[]>, source: SchemaSource): { data?: Buffer; refused: string[] } {
  const refused: string[] = [];
  for (const candidate of index.get(source.bytes) ?? []) {
    const data = readFileSync(candidate);
    const got = sha256(data);
    if (got === source.sha256) return { data, refused };
    if (candidate.endsWith(`/${source.id.split('/').pop()}`)) {
      refused.push(`${source.id}: refused ${candidate}: sha256 ${got} differs from the pinned ${source.sha256}`);
    }
  }
  return { refused };
}

async function fetchBytes(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
