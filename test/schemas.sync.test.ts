import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSchemas } from '../src/schemas/cache.js';
import { readLock } from '../src/schemas/lock.js';
import { REPO, runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';
import { mirrorDirs } from './support/mirror.js';

const SHARED = mirrorDirs()[0]!;
const lock = readLock();
const tmp = () => tempDir('eg-sync-');
/** No mirror, no downloads, an empty cache: a new user's machine without the network. */
const offline = () => ({ ELASTIC_GITOPS_CACHE: tmp(), ELASTIC_GITOPS_MIRROR: '', ELASTIC_GITOPS_OFFLINE: '1' });

describe('ELASTIC_GITOPS_MIRROR', () => {
  const saved = process.env.ELASTIC_GITOPS_MIRROR;
  afterEach(() => {
    process.env.ELASTIC_GITOPS_MIRROR = saved;
  });

  it('searches every directory of a colon-separated list', async () => {
    const keda = lock.filter((s) => s.id.startsWith('keda/'));
    const argo = lock.filter((s) => s.id.startsWith('argo-cd/') && s.bytes < 500_000);
    const [a, b] = [tmp(), tmp()];
    for (const s of keda) cpSync(join(SHARED, 'crds', s.id), join(a, s.id));
    for (const s of argo) cpSync(join(SHARED, 'crds', s.id), join(b, 'nested', s.id));
    process.env.ELASTIC_GITOPS_MIRROR = `${a}:${b}`;
    const entries = await ensureSchemas([...keda, ...argo], { cacheDir: tmp(), download: false });
    expect(entries.map((e) => e.from)).toEqual([...keda, ...argo].map(() => 'mirror'));
    process.env.ELASTIC_GITOPS_MIRROR = a;
    await expect(ensureSchemas(argo, { cacheDir: tmp(), download: false })).rejects.toThrow(/unavailable/);
  });
});

describe('schemas sync: the command', () => {
  it('fills the cache from a mirror, says where each file came from, and uses the cache the second time', () => {
    const cache = tmp();
    const env = { ELASTIC_GITOPS_CACHE: cache, ELASTIC_GITOPS_MIRROR: '' };
    const first = runCli(['schemas', 'sync', '--offline', '--mirror', SHARED], REPO, env);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`mirror   ${lock[0]!.id}\n`);
    expect(first.stdout).toMatch(new RegExp(`\\n${lock.length} schema sources in ${cache}\\n$`));
    const second = runCli(['schemas', 'sync', '--offline'], REPO, env);
    expect(second.status).toBe(0);
    expect(second.stdout.split('\n').filter((l) => l.startsWith('cache    '))).toHaveLength(lock.length);
  });

  it('exits 2 saying what to do when offline with no mirror', () => {
    const r = runCli(['schemas', 'sync', '--offline'], REPO, { ELASTIC_GITOPS_CACHE: tmp(), ELASTIC_GITOPS_MIRROR: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${lock.length} schema sources unavailable. Run \`elastic-gitops schemas sync --mirror <dir>\` (or set ELASTIC_GITOPS_MIRROR)`,
    );
    expect(r.stderr).toContain(`${lock[0]!.id}: not in the mirrors (none given)`);
    expect(r.stdout).toBe('');
  });
});

describe('synth and validate offline with no mirror', () => {
  it('validate exits 2 saying what to do', () => {
    const r = runCli(['validate', join(REPO, 'test/fixtures/validate/valid.yaml')], REPO, offline());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/schema sources unavailable\. Run `elastic-gitops schemas sync --mirror <dir>` \(or set ELASTIC_GITOPS_MIRROR\)/);
    expect(r.stdout).toBe('');
  });

  it('synth exits 2 saying what to do, and writes nothing', () => {
    const out = join(tmp(), 'dist');
    const r = runCli(['synth', '--out-dir', out], REPO, offline());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/schema sources unavailable\. Run `elastic-gitops schemas sync --mirror <dir>`/);
    expect(existsSync(out)).toBe(false);
  });
});
