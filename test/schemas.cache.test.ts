import { createServer, type Server } from 'node:http';
import { appendFileSync, cpSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemas, sha256 } from '../src/schemas/cache.js';
import { readLock, type SchemaSource } from '../src/schemas/lock.js';
import { tempDir } from './support/temp-dir.js';
import { mirrorDirs } from './support/mirror.js';

const SHARED = mirrorDirs()[0]!;
const lock = readLock();
const small = lock.filter((s) => s.id.startsWith('keda/') && s.bytes < 30_000);
const tmp = () => tempDir('eg-cache-');

describe('schema cache: mirrors', () => {
  it('finds every pinned file in a mirror by sha256, searching recursively', async () => {
    const entries = await ensureSchemas(lock, { cacheDir: tmp(), mirrors: [SHARED], download: false });
    expect(entries).toHaveLength(lock.length);
    expect(new Set(entries.map((e) => e.from))).toEqual(new Set(['mirror']));
  });

  it('uses the cache afterwards without looking at mirrors', async () => {
    const cacheDir = tmp();
    await ensureSchemas(small, { cacheDir, mirrors: [SHARED], download: false });
    const again = await ensureSchemas(small, { cacheDir, mirrors: [], download: false });
    expect(again.map((e) => e.from)).toEqual(small.map(() => 'cache'));
  });

  it('refuses a mirror file whose sha256 differs, and says what to do', async () => {
    const mirror = tmp();
    const source = small[0]!;
    const name = source.id.split('/').pop()!;
    const original = readFileSync(join(SHARED, 'crds', source.id));
    writeFileSync(join(mirror, name), Buffer.concat([original.subarray(0, original.length - 1), Buffer.from('#')]));
    await expect(ensureSchemas([source], { cacheDir: tmp(), mirrors: [mirror], download: false })).rejects.toThrow(
      new RegExp(`refused .*${name}: sha256 [0-9a-f]{64} differs from the pinned ${source.sha256}`),
    );
    await expect(ensureSchemas([source], { cacheDir: tmp(), mirrors: [mirror], download: false })).rejects.toThrow(/schemas sync --mirror <dir>/);
  });
});

/** The same bytes with the last one changed: same size, other sha256. */
const sameSizeTamper = (data: Buffer): Buffer =>
  Buffer.concat([data.subarray(0, data.length - 1), Buffer.from(data[data.length - 1] === 0x23 ? '\n' : '#')]);

describe('schema cache: tampered mirror files', () => {
  const source = small[0]!;
  const name = source.id.split('/').pop()!;
  const original = readFileSync(join(SHARED, 'crds', source.id));

  it.each([
    ['same size', sameSizeTamper(original)],
    ['another size', Buffer.concat([original, Buffer.from('\n# tampered\n')])],
  ])('reports a same-named mirror file of %s as refused, with its path and both sha256', async (_, tampered) => {
    const mirror = tmp();
    writeFileSync(join(mirror, name), tampered);
    const error = await ensureSchemas([source], { cacheDir: tmp(), mirrors: [mirror], download: false }).catch(
      (e: Error & { details?: string[] }) => e,
    );
    const text = `${(error as Error).message}\n${((error as { details?: string[] }).details ?? []).join('\n')}`;
    expect(text).toContain(`${source.id}: refused ${join(mirror, name)}: sha256 ${sha256(tampered)} differs from the pinned ${source.sha256}`);
    expect(text).not.toMatch(/not in the mirrors/);
  });

  it('uses the good copy of a second mirror directory over a tampered one in the first', async () => {
    const bad = tmp();
    writeFileSync(join(bad, name), Buffer.concat([original, Buffer.from('#')]));
    const entries = await ensureSchemas([source], { cacheDir: tmp(), mirrors: [bad, join(SHARED, 'crds')], download: false });
    expect(entries.map((e) => e.from)).toEqual(['mirror']);
    expect(sha256(readFileSync(entries[0]!.path))).toBe(source.sha256);
  });
});

describe('schema cache: tampered cache files', () => {
  const source = small[0]!;
  const warm = async (): Promise<{ cacheDir: string; path: string }> => {
    const cacheDir = tmp();
    const [entry] = await ensureSchemas([source], { cacheDir, mirrors: [SHARED], download: false });
    return { cacheDir, path: entry!.path };
  };
  const tampers: [string, (path: string) => void][] = [
    [
      'same size, mtime set back',
      (path) => {
        const { atime, mtime } = statSync(path);
        writeFileSync(path, sameSizeTamper(readFileSync(path)));
        utimesSync(path, atime, mtime);
      },
    ],
    ['another size', (path) => appendFileSync(path, '\n# tampered\n')],
  ];

  it.each(tampers)('refuses a cached file changed after it was verified (%s) when no good copy can be had', async (_, tamper) => {
    const { cacheDir, path } = await warm();
    expect(existsSync(`${path}.stamp`)).toBe(true);
    tamper(path);
    const got = sha256(readFileSync(path));
    const error = (await ensureSchemas([source], { cacheDir, mirrors: [], download: false }).catch((e: unknown) => e)) as { details?: string[] };
    expect(error.details).toContain(`${source.id}: refused the cached ${path}: sha256 ${got} differs from the pinned ${source.sha256}`);
  });

  it.each(tampers)('replaces a tampered cached file (%s) from the mirror', async (_, tamper) => {
    const { cacheDir, path } = await warm();
    tamper(path);
    const entries = await ensureSchemas([source], { cacheDir, mirrors: [SHARED], download: false });
    expect(entries.map((e) => e.from)).toEqual(['mirror']);
    expect(sha256(readFileSync(path))).toBe(source.sha256);
    expect((await ensureSchemas([source], { cacheDir, mirrors: [], download: false })).map((e) => e.from)).toEqual(['cache']);
  });

  it('verifies a cached file without a stamp by hashing it, and stamps it', async () => {
    const { cacheDir, path } = await warm();
    writeFileSync(`${path}.stamp`, '{}');
    expect((await ensureSchemas([source], { cacheDir, mirrors: [], download: false })).map((e) => e.from)).toEqual(['cache']);
    expect(JSON.parse(readFileSync(`${path}.stamp`, 'utf8'))).toMatchObject({ sha256: source.sha256, size: source.bytes });
  });
});

describe('schema cache: downloads', () => {
  let server: Server;
  let base = '';
  const served = tmp();

  beforeAll(async () => {
    cpSync(join(SHARED, 'crds', 'keda'), join(served, 'keda'), { recursive: true });
    server = createServer((req, res) => {
      try {
        res.end(readFileSync(join(served, decodeURIComponent(req.url ?? '/'))));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const at = (s: SchemaSource, path: string): SchemaSource => ({ ...s, url: `${base}/${path}` });

  it('downloads from the pinned URL when no mirror has the file', async () => {
    const sources = small.map((s) => at(s, s.id.replace(/^keda\//, 'keda/')));
    const entries = await ensureSchemas(sources, { cacheDir: tmp(), mirrors: [] });
    expect(entries.map((e) => e.from)).toEqual(sources.map(() => 'download'));
  });

  it('refuses a tampered download and never caches it', async () => {
    const source = small[0]!;
    writeFileSync(join(served, 'tampered.yaml'), `${readFileSync(join(SHARED, 'crds', source.id), 'utf8')}\n# tampered\n`);
    const cacheDir = tmp();
    await expect(ensureSchemas([at(source, 'tampered.yaml')], { cacheDir, mirrors: [] })).rejects.toThrow(
      /refused http:\/\/127\.0\.0\.1:\d+\/tampered\.yaml: sha256 [0-9a-f]{64} differs/,
    );
    await expect(ensureSchemas([at(source, 'tampered.yaml')], { cacheDir, mirrors: [], download: false })).rejects.toThrow(/not in the mirrors/);
  });

  it('downloads a good copy over a tampered cached file', async () => {
    const source = at(small[0]!, small[0]!.id);
    const cacheDir = tmp();
    const [entry] = await ensureSchemas([source], { cacheDir, mirrors: [] });
    appendFileSync(entry!.path, '# tampered\n');
    const again = await ensureSchemas([source], { cacheDir, mirrors: [] });
    expect(again.map((e) => e.from)).toEqual(['download']);
    expect(sha256(readFileSync(entry!.path))).toBe(source.sha256);
  });

  it('reports an unreachable URL with the HTTP status', async () => {
    await expect(ensureSchemas([at(small[0]!, 'missing.yaml')], { cacheDir: tmp(), mirrors: [] })).rejects.toThrow(
      /cannot download .*missing\.yaml \(HTTP 404\)/,
    );
  });
});
