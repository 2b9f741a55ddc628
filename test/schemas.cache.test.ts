import { createServer, type Server } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemas } from '../src/schemas/cache.js';
import { readLock, type SchemaSource } from '../src/schemas/lock.js';
import { REPO } from './support/run-cli.js';

const SHARED = join(REPO, '..', 'shared');
const lock = readLock();
const small = lock.filter((s) => s.id.startsWith('keda/') && s.bytes < 30_000);
const tmp = () => mkdtempSync(join(tmpdir(), 'eg-cache-'));

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
    await expect(ensureSchemas([at(source, 'tampered.yaml')], { cacheDir, mirrors: [] })).rejects.toThrow(/refused http:\/\/127\.0\.0\.1:\d+\/tampered\.yaml: sha256 [0-9a-f]{64} differs/);
    await expect(ensureSchemas([at(source, 'tampered.yaml')], { cacheDir, mirrors: [], download: false })).rejects.toThrow(/not in the mirrors/);
  });

  it('reports an unreachable URL with the HTTP status', async () => {
    await expect(ensureSchemas([at(small[0]!, 'missing.yaml')], { cacheDir: tmp(), mirrors: [] })).rejects.toThrow(/cannot download .*missing\.yaml \(HTTP 404\)/);
  });
});
