// Compiled validators are cached per kind as ajv standalone code (with V8's code cache) in a catalog folder keyed by the
// sources' sha256: a later run loads that code instead of compiling, and other sources get another folder.
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureSchemas } from '../src/schemas/cache.js';
import { readLock } from '../src/schemas/lock.js';
import { SchemaCatalog } from '../src/validate/schema-catalog.js';
import { SchemaChecker } from '../src/validate/schema-check.js';
import type { ManifestDoc } from '../src/validate/types.js';
import { tempDir } from './support/temp-dir.js';
import { mirrorDirs } from './support/mirror.js';

const cacheDir = tempDir('eg-compiled-');
const entries = await ensureSchemas(readLock(), { cacheDir, mirrors: mirrorDirs(), download: false });
const doc = (object: Record<string, unknown>): ManifestDoc => ({ object, file: 'x.yaml', line: 1 });
const namespace = doc({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', labells: {} } });
const nodePool = doc({ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'p' }, spec: { template: { spec: { requirements: [], nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'x' } } } } });

describe('compiled validator cache', () => {
  const catalog = SchemaCatalog.open(cacheDir, entries);
  const compiled = join(catalog.dir, 'compiled');

  it('compiles only the kinds a run meets, and stores their code and V8 code cache', () => {
    const first = new SchemaChecker(catalog).check([namespace, nodePool], false);
    expect(first.problems.map((p) => `${p.kind} ${p.path} ${p.message}`)).toEqual(['Namespace /metadata/labells unknown field "labells"']);
    expect(readdirSync(compiled).sort()).toEqual(['core_v1_Namespace.cjs', 'core_v1_Namespace.cjs.v8', 'karpenter_sh_v1_NodePool.cjs', 'karpenter_sh_v1_NodePool.cjs.v8']);
  });

  it('runs the cached code on later runs instead of compiling again', () => {
    // replace the cached Namespace validator: a new checker must run the replacement, proving it does not recompile
    writeFileSync(join(compiled, 'core_v1_Namespace.cjs'), 'module.exports = function v() { v.errors = [{ keyword: "x", instancePath: "/cached", params: {}, message: "from the cache" }]; return false; };');
    const second = new SchemaChecker(catalog).check([namespace, nodePool], false);
    expect(second.problems.map((p) => `${p.path} ${p.message}`)).toEqual(['/cached from the cache']);
  });

  it('keys the catalog by the sources sha256', () => {
    expect(basename(catalog.dir)).toMatch(/^catalog-[0-9a-f]{16}$/);
    expect(SchemaCatalog.open(cacheDir, entries).dir).toBe(catalog.dir);
    const small = entries.filter((e) => e.source.id.startsWith('keda/'));
    const changed = small.map((e, i) => (i === 0 ? { ...e, source: { ...e.source, sha256: '0'.repeat(64) } } : e));
    expect(SchemaCatalog.open(cacheDir, changed).dir).not.toBe(SchemaCatalog.open(cacheDir, small).dir);
  });
});
