// Every kind we can check, by apiVersion + kind: strict schemas extracted once from the cached upstream files and
// stored per kind in the cache (keyed by the sources' sha256), so a run loads only the kinds it meets.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { sha256, type CacheEntry } from '../schemas/cache.js';
import { strictCrdSchema, strictK8sDefinitions, type CelRule, type ListMap } from './strict-schema.js';

/** Bump when the extraction changes, so caches rebuild. */
const FORMAT = 6;
export const K8S_DOC_ID = 'k8s-definitions';
export const OBJECT_META_REF = `${K8S_DOC_ID}#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`;

/** What the catalog knows of one apiVersion + kind. */
export interface KindEntry {
  /** File (in the catalog folder) holding `{ schema, rules, listMaps }`. */
  readonly file: string;
  /** Source id the schema came from. */
  readonly source: string;
  readonly namespaced: boolean;
}

export interface KindSchema {
  readonly schema: Record<string, unknown>;
  readonly rules: readonly CelRule[];
  readonly listMaps: readonly ListMap[];
}

/** The index of kinds and the loader of their schemas. */
export class SchemaCatalog {
  private readonly loaded = new Map<string, KindSchema>();

  private constructor(
    /** The catalog folder (compiled validators live in its `compiled/`). */
    public readonly dir: string,
    private readonly index: Record<string, KindEntry>,
  ) {}

  /** Opens (building it on first use) the catalog for these cached sources. */
  public static open(cacheDir: string, entries: readonly CacheEntry[]): SchemaCatalog {
    const key = sha256(`${FORMAT}:${entries.map((e) => e.source.sha256).sort().join(',')}`).slice(0, 16);
    const dir = join(cacheDir, `catalog-${key}`);
    const indexFile = join(dir, 'index.json');
    if (!existsSync(indexFile)) build(dir, entries);
    return new SchemaCatalog(dir, JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, KindEntry>);
  }

  /** `apps/v1/Deployment` style key of an apiVersion and kind. */
  public static key(apiVersion: string, kind: string): string {
    return `${apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`}/${kind}`;
  }

  public entry(apiVersion: string, kind: string): KindEntry | undefined {
    return this.index[SchemaCatalog.key(apiVersion, kind)];
  }

  /** The versions the catalog has for a group + kind (to tell a removed version from an unknown kind). */
  public versionsOf(group: string, kind: string): string[] {
    const prefix = `${group === '' ? 'core' : group}/`;
    return Object.keys(this.index)
      .filter((k) => k.startsWith(prefix) && k.endsWith(`/${kind}`) && k.split('/').length === 3)
      .map((k) => k.split('/')[1]!);
  }

  public schema(apiVersion: string, kind: string): KindSchema {
    const key = SchemaCatalog.key(apiVersion, kind);
    let s = this.loaded.get(key);
    if (!s) {
      s = JSON.parse(readFileSync(join(this.dir, this.index[key]!.file), 'utf8')) as KindSchema;
      this.loaded.set(key, s);
    }
    return s;
  }

  /** The strict Kubernetes definitions document (referenced by every schema for ObjectMeta). */
  public k8sDefinitions(): Record<string, unknown> {
    return JSON.parse(readFileSync(join(this.dir, 'k8s-definitions.json'), 'utf8')) as Record<string, unknown>;
  }
}

function build(dir: string, entries: readonly CacheEntry[]): void {
  // the `yaml` library is needed only here, once per set of sources
  const { parseAllDocuments } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const tmp = `${dir}.${process.pid}.tmp`;
  mkdirSync(tmp, { recursive: true });
  const index: Record<string, KindEntry> = {};
  const write = (key: string, source: string, namespaced: boolean, value: KindSchema): void => {
    const file = `${key.replace(/[/.]/g, '_')}.json`;
    writeFileSync(join(tmp, file), JSON.stringify(value));
    index[key] = { file, source, namespaced };
  };
  for (const { source, path } of entries) {
    const text = readFileSync(path, 'utf8');
    if (source.format === 'k8s-definitions') {
      const defs = (JSON.parse(text) as { definitions: Record<string, any> }).definitions;
      writeFileSync(join(tmp, 'k8s-definitions.json'), JSON.stringify({ $id: K8S_DOC_ID, definitions: strictK8sDefinitions(defs) }));
      for (const [name, def] of Object.entries(defs)) {
        for (const gvk of (def['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[] | undefined) ?? []) {
          const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
          if (!def.properties?.apiVersion) continue;
          write(SchemaCatalog.key(apiVersion, gvk.kind), source.id, !CLUSTER_SCOPED_CORE.has(gvk.kind), {
            schema: { $ref: `${K8S_DOC_ID}#/definitions/${name}` },
            rules: [],
            listMaps: [],
          });
        }
      }
      continue;
    }
    for (const doc of parseAllDocuments(text)) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions ?? []) {
        if (version.served === false || !version.schema?.openAPIV3Schema) continue;
        const { schema, rules, listMaps } = strictCrdSchema(version.schema.openAPIV3Schema, OBJECT_META_REF);
        write(SchemaCatalog.key(`${crd.spec.group}/${version.name}`, crd.spec.names.kind), source.id, crd.spec.scope === 'Namespaced', { schema, rules, listMaps });
      }
    }
  }
  writeFileSync(join(tmp, 'index.json'), JSON.stringify(index));
  try {
    renameSync(tmp, dir);
  } catch {
    // another process built it meanwhile: theirs is as good as ours
    rmSync(tmp, { recursive: true, force: true });
  }
}

const CLUSTER_SCOPED_CORE = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass',
  'CustomResourceDefinition', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'IngressClass',
  'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CertificateSigningRequest', 'PodSecurityPolicy',
]);
