// Compiled validators are cached per kind as ajv standalone code (with V8's code cache) in a catalog folder keyed by the
// sources' sha256: a later run loads that code instead of compiling, and other sources get another folder.
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSchemas } from '../src/schemas/cache.js';
import { readLock, sourcesFor } from '../src/schemas/lock.js';
import { SchemaCatalog } from '../src/validate/schema-catalog.js';
import { SchemaChecker } from '../src/validate/schema-check.js';
import type { ManifestDoc } from '../src/validate/types.js';
import { tempDir } from './support/temp-dir.js';
import { mirrorDirs } from './support/mirror.js';

const cacheDir = tempDir('eg-compiled-');
const { version, sources } = sourcesFor(readLock());
const entries = await ensureSchemas(sources, { cacheDir, mirrors: mirrorDirs(), download: false });
const doc = (object: Record<string, unknown>): ManifestDoc => ({ object, file: 'x.yaml', line: 1 });
const namespace = doc({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labells: {} } });
const nodePool = doc({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'p' },
  spec: { template: { spec: { requirements: [], nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'x' } } } },
});

describe('compiled validator cache', () => {
  const catalog = SchemaCatalog.open(cacheDir, entries, version);
  const compiled = join(catalog.dir, 'compiled');
  const crdCompiled = dirname(catalog.compiledFile('karpenter.sh/v1', 'NodePool'));

  it('compiles only the kinds a run meets, and stores their code and V8 code cache', () => {
    const first = new SchemaChecker(catalog).check([namespace, nodePool], false);
    expect(first.problems.map((p) => `${p.kind} ${p.path} ${p.message}`)).toEqual(['Namespace /metadata/labells unknown field "labells"']);
    expect(readdirSync(compiled).sort()).toEqual(['core_v1_Namespace.cjs', 'core_v1_Namespace.cjs.v8']);
    expect(readdirSync(crdCompiled).sort()).toEqual(['karpenter_sh_v1_NodePool.cjs', 'karpenter_sh_v1_NodePool.cjs.v8']);
  });

  it('runs the cached code on later runs instead of compiling again', () => {
    // replace the cached Namespace validator: a new checker must run the replacement, proving it does not recompile
    writeFileSync(
      join(compiled, 'core_v1_Namespace.cjs'),
      'module.exports = function v() { v.errors = [{ keyword: "x", instancePath: "/cached", params: {}, message: "from the cache" }]; return false; };',
    );
    const second = new SchemaChecker(catalog).check([namespace, nodePool], false);
    expect(second.problems.map((p) => `${p.path} ${p.message}`)).toEqual(['/cached from the cache']);
  });

  it('keys the catalog by the sources sha256', () => {
    expect(basename(catalog.dir)).toMatch(/^catalog-[0-9a-f]{16}$/);
    expect(SchemaCatalog.open(cacheDir, entries, version).dir).toBe(catalog.dir);
    const k8s = entries.filter((e) => e.source.format !== 'crd');
    const changed = k8s.map((e, i) => (i === 0 ? { ...e, source: { ...e.source, sha256: '0'.repeat(64) } } : e));
    expect(SchemaCatalog.open(cacheDir, changed, version).dir).not.toBe(catalog.dir);
  });

  it('keeps each pattern of a freshly compiled validator apart', async () => {
    const fresh = tempDir('eg-compiled-');
    const checker = new SchemaChecker(
      SchemaCatalog.open(fresh, await ensureSchemas(sources, { cacheDir: fresh, mirrors: mirrorDirs(), download: false }), version),
    );
    const pool = (consolidateAfter: string, cpu: string) =>
      doc({ ...nodePool.object, spec: { ...(nodePool.object.spec as object), disruption: { consolidateAfter }, limits: { cpu } } });
    expect(checker.check([pool('1m', '100'), pool('Never', '2k')], false).problems).toEqual([]);
    expect(checker.check([pool('soon', '100')], false).problems.map((p) => p.path)).toEqual(['/spec/disruption/consolidateAfter']);
  });

  it('shares the compiled validators of CRDs between Kubernetes versions', async () => {
    const older = sourcesFor(readLock(), '1.28');
    const other = SchemaCatalog.open(
      cacheDir,
      await ensureSchemas(older.sources, { cacheDir, mirrors: mirrorDirs(), download: false }),
      older.version,
    );
    expect(other.dir).not.toBe(catalog.dir);
    expect(other.compiledFile('karpenter.sh/v1', 'NodePool')).toBe(catalog.compiledFile('karpenter.sh/v1', 'NodePool'));
  });
});
