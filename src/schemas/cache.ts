// Fills the git-ignored schema cache from the pinned URLs, or offline from mirror directories found by sha256.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { progress } from '../cli/terminal.js';
import { repoRoot } from '../repo-root.js';
import type { SchemaSource } from './lock.js';

/** Where to look for schema files. */
export interface CacheOptions {
  /** Cache directory. @default $ELASTIC_GITOPS_CACHE or <repo>/.cache/schemas */
  readonly cacheDir?: string;
  /** Mirror directories searched recursively for files with the pinned sha256. @default $ELASTIC_GITOPS_MIRROR (colon-separated) */
  readonly mirrors?: readonly string[];
  /** Whether downloading from the upstream URL is allowed when no mirror has the file. @default true unless $ELASTIC_GITOPS_OFFLINE is set */
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
  /** Cached files refused for another sha256, by source id (reported only if no good copy can be had). */
  const refusedInCache = new Map<string, string>();
  for (const source of sources) {
    const path = cachedPath(dir, source);
    const verdict = verifyCached(path, source);
    if (verdict === 'ok') entries.push({ source, path, from: 'cache' });
    else {
      if (verdict !== 'absent') refusedInCache.set(source.id, verdict);
      missing.push(source);
    }
  }
  if (missing.length === 0) return entries;
  const mirrors = mirrorDirs(options);
  const index = indexMirrors(mirrors, missing);
  const failures: string[] = [];
  const shown = progress('filling the schema cache', missing.length);
  for (const source of missing) {
    shown.tick(source.id);
    const path = cachedPath(dir, source);
    const found = findInMirrors(index, source);
    const local = found.data;
    const refused = refusedInCache.has(source.id) ? [refusedInCache.get(source.id)!, ...found.refused] : found.refused;
    if (local) {
      store(path, local);
      entries.push({ source, path, from: 'mirror' });
      continue;
    }
    if (!(options.download ?? !process.env.ELASTIC_GITOPS_OFFLINE)) {
      // a same-named file with other content is the news; "not in the mirrors" would hide it
      failures.push(...(refused.length > 0 ? refused : [`${source.id}: not in the mirrors (${mirrors.join(', ') || 'none given'})`]));
      continue;
    }
    try {
      const data = await fetchBytes(source.url);
      const got = sha256(data);
      if (got !== source.sha256) {
        failures.push(`${source.id}: refused ${source.url}: sha256 ${got} differs from the pinned ${source.sha256}`, ...refused);
        continue;
      }
      store(path, data);
      entries.push({ source, path, from: 'download' });
    } catch (e) {
      failures.push(`${source.id}: cannot download ${source.url} (${(e as Error).message})`, ...refused);
    }
  }
  shown.done();
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

/** Puts verified bytes of a source into the cache (as `schemas add` does with what it pinned). */
export function storeInCache(source: SchemaSource, data: Buffer, options: CacheOptions = {}): void {
  mkdirSync(cacheDir(options), { recursive: true });
  store(cachedPath(cacheDir(options), source), data);
}

function store(path: string, data: Buffer): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
  writeStamp(path, sha256(data));
}

/**
 * What a stamp records of a cached file when its sha256 was last verified: a file whose size, mtime, ctime (which
 * `touch` cannot set back) and inode still match was not rewritten since, so a warm run checks a stat instead of
 * hashing megabytes.
 */
interface Stamp {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

const stampPath = (path: string): string => `${path}.stamp`;

function stampOf(st: Stats, hash: string): Stamp {
  return { sha256: hash, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

function writeStamp(path: string, hash: string): void {
  const tmp = `${stampPath(path)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(stampOf(statSync(path), hash)));
  renameSync(tmp, stampPath(path));
}

/**
 * Whether the cached copy of `source` may be used: `ok` (its stamp matches, or it hashes to the pinned sha256 and is
 * stamped now), `absent`, or the refusal to report.
 */
function verifyCached(path: string, source: SchemaSource): 'ok' | 'absent' | string {
  let st: Stats;
  try {
    st = statSync(path);
  } catch {
    return 'absent';
  }
  const expected = stampOf(st, source.sha256);
  try {
    const stamp = JSON.parse(readFileSync(stampPath(path), 'utf8')) as Stamp;
    if ((Object.keys(expected) as (keyof Stamp)[]).every((k) => stamp[k] === expected[k])) return 'ok';
  } catch {
    // no stamp, or an unreadable one: hash the file
  }
  const got = sha256(readFileSync(path));
  if (got !== source.sha256) return `${source.id}: refused the cached ${path}: sha256 ${got} differs from the pinned ${source.sha256}`;
  try {
    writeStamp(path, got);
  } catch {
    // a read-only cache: the file is verified again next time
  }
  return 'ok';
}

/**
 * The mirror files that may hold a wanted source: those of a wanted size (hashing only candidates), and those named
 * like a pinned file whatever their size (so a tampered copy is reported as refused, not as missing).
 */
function indexMirrors(mirrors: readonly string[], wanted: readonly SchemaSource[]): { bySize: Map<number, string[]>; byName: Map<string, string[]> } {
  const sizes = new Set(wanted.map((s) => s.bytes));
  const names = new Set(wanted.map(fileName));
  const bySize = new Map<number, string[]>();
  const byName = new Map<string, string[]>();
  const walk = (dir: string, depth: number): void => {
    if (depth > 8 || !existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') walk(p, depth + 1);
      } else if (entry.isFile()) {
        const size = statSync(p).size;
        if (sizes.has(size)) bySize.set(size, [...(bySize.get(size) ?? []), p]);
        else if (names.has(entry.name)) byName.set(entry.name, [...(byName.get(entry.name) ?? []), p]);
      }
    }
  };
  for (const m of mirrors) walk(m, 0);
  return { bySize, byName };
}

/** The file name a pinned source has upstream (and in mirrors). */
function fileName(source: SchemaSource): string {
  return basename(source.id);
}

/** The mirror file with the pinned sha256, and the same-named files that were refused for another sha256. */
function findInMirrors(index: ReturnType<typeof indexMirrors>, source: SchemaSource): { data?: Buffer; refused: string[] } {
  const refused: string[] = [];
  const name = fileName(source);
  const sameSize = (index.bySize.get(source.bytes) ?? []).map((path) => ({ path, data: readFileSync(path) }));
  for (const c of sameSize) if (sha256(c.data) === source.sha256) return { data: c.data, refused };
  const named = [
    ...sameSize.filter((c) => basename(c.path) === name),
    ...(index.byName.get(name) ?? []).map((path) => ({ path, data: readFileSync(path) })),
  ];
  for (const c of named) {
    refused.push(`${source.id}: refused ${c.path}: sha256 ${sha256(c.data)} differs from the pinned ${source.sha256}`);
  }
  return { refused };
}

export async function fetchBytes(url: string): Promise<Buffer> {
  if (url.startsWith('file://')) return readFileSync(fileURLToPath(url));
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
