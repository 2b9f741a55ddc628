// Every kind we can check, by apiVersion + kind: strict schemas extracted once from the cached upstream files and
// stored per kind in the cache (in folders keyed by the sources' sha256), so a run loads only the kinds it meets.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { sha256, type CacheEntry } from '../schemas/cache.js';
import { defaultsTree, type DefaultsTree } from './crd-defaults.js';
import { kindExtras, mergeOpenApiV3 } from './k8s-openapi.js';
import { strictCrdSchema, strictK8sDefinitions, type CelRule, type ListMap } from './strict-schema.js';

/** Bump when the extraction changes, so caches rebuild. */
const FORMAT = 11;
export const K8S_DOC_ID = 'k8s-definitions';
export const OBJECT_META_REF = `${K8S_DOC_ID}#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`;

/** What the catalog knows of one apiVersion + kind. */
export interface KindEntry {
  /** File (in its layer's folder) holding `{ schema, rules, listMaps }`. */
  readonly file: string;
  /** Source id the schema came from. */
  readonly source: string;
  readonly namespaced: boolean;
}

export interface KindSchema {
  readonly schema: Record<string, unknown>;
  readonly rules: readonly CelRule[];
  readonly listMaps: readonly ListMap[];
  /** A CRD's defaults (none for built-in kinds, whose defaulting is Go code: src/validate/apiserver). */
  readonly defaults?: DefaultsTree;
}

/** One folder of the catalog: its kinds, and their compiled validators in its `compiled/`. */
interface Layer {
  readonly dir: string;
  readonly index: Record<string, KindEntry>;
}

/**
 * The index of kinds and the loader of their schemas, in layers: the CRDs given for a run (`--crd`, or found in the
 * input), the pinned CRDs, and the Kubernetes API of one version; a kind is taken from the first layer that has it.
 * The CRD layers do not depend on the Kubernetes version (only on the ObjectMeta they reference, by its hash), so
 * every version shares their compiled validators.
 */
export class SchemaCatalog {
  private readonly loaded = new Map<string, KindSchema>();

  private constructor(
    /** The Kubernetes minor version whose OpenAPI the catalog holds (`1.35`). */
    public readonly kubernetesVersion: string,
    /** First match wins; the last is the Kubernetes layer. */
    private readonly layers: readonly Layer[],
  ) {}

  /**
   * Opens (building each layer on first use) the catalog of one Kubernetes version for these cached sources, with
   * `localCrds` (CRD files given for this run) before the pinned ones.
   */
  public static open(
    cacheDir: string,
    entries: readonly CacheEntry[],
    kubernetesVersion: string,
    localCrds: readonly CacheEntry[] = [],
  ): SchemaCatalog {
    const k8s = entries.filter((e) => e.source.format !== 'crd');
    const k8sDir = join(cacheDir, `catalog-${layerKey(`${kubernetesVersion}`, k8s)}`);
    if (!existsSync(join(k8sDir, 'index.json'))) buildLayer(k8sDir, (write, tmp) => writeKubernetes(write, tmp, k8s, kubernetesVersion));
    const metaHash = readFileSync(join(k8sDir, 'object-meta.sha256'), 'utf8');
    const crdLayer = (crds: readonly CacheEntry[]): Layer => {
      const dir = join(cacheDir, `catalog-${layerKey(`crd:${metaHash}`, crds)}`);
      if (!existsSync(join(dir, 'index.json'))) buildLayer(dir, (write) => writeCrds(write, crds));
      return { dir, index: readIndex(dir) };
    };
    const layers = [crdLayer(entries.filter((e) => e.source.format === 'crd')), { dir: k8sDir, index: readIndex(k8sDir) }];
    if (localCrds.length > 0) layers.unshift(crdLayer(localCrds));
    return new SchemaCatalog(kubernetesVersion, layers);
  }

  /** The folder of the Kubernetes layer (its `k8s-definitions.json`). */
  public get dir(): string {
    return this.layers[this.layers.length - 1]!.dir;
  }

  /** `apps/v1/Deployment` style key of an apiVersion and kind. */
  public static key(apiVersion: string, kind: string): string {
    return `${apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`}/${kind}`;
  }

  /** Every kind key the catalog serves. */
  public keys(): string[] {
    return [...new Set(this.layers.flatMap((l) => Object.keys(l.index)))];
  }

  public entry(apiVersion: string, kind: string): KindEntry | undefined {
    return this.layerOf(SchemaCatalog.key(apiVersion, kind))?.index[SchemaCatalog.key(apiVersion, kind)];
  }

  /** The versions the catalog has for a group + kind (to tell a removed version from an unknown kind). */
  public versionsOf(group: string, kind: string): string[] {
    const prefix = `${group === '' ? 'core' : group}/`;
    return this.keys()
      .filter((k) => k.startsWith(prefix) && k.endsWith(`/${kind}`) && k.split('/').length === 3)
      .map((k) => k.split('/')[1]!);
  }

  public schema(apiVersion: string, kind: string): KindSchema {
    const key = SchemaCatalog.key(apiVersion, kind);
    let s = this.loaded.get(key);
    if (!s) {
      const layer = this.layerOf(key)!;
      s = JSON.parse(readFileSync(join(layer.dir, layer.index[key]!.file), 'utf8')) as KindSchema;
      this.loaded.set(key, s);
    }
    return s;
  }

  /** Where the compiled validator of a kind is kept (in the folder of the layer that serves it). */
  public compiledFile(apiVersion: string, kind: string): string {
    const key = SchemaCatalog.key(apiVersion, kind);
    return join(this.layerOf(key)!.dir, 'compiled', `${key.replace(/[/.]/g, '_')}.cjs`);
  }

  /** The strict Kubernetes definitions document (referenced by every schema for ObjectMeta). */
  public k8sDefinitions(): Record<string, unknown> {
    return JSON.parse(readFileSync(join(this.dir, 'k8s-definitions.json'), 'utf8')) as Record<string, unknown>;
  }

  private layerOf(key: string): Layer | undefined {
    return this.layers.find((l) => Object.hasOwn(l.index, key));
  }
}

const layerKey = (kind: string, entries: readonly CacheEntry[]): string =>
  sha256(
    `${FORMAT}:${kind}:${entries
      .map((e) => e.source.sha256)
      .sort()
      .join(',')}`,
  ).slice(0, 16);

const readIndex = (dir: string): Record<string, KindEntry> => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Record<string, KindEntry>;

type Write = (key: string, source: string, namespaced: boolean, value: KindSchema) => void;

/** Writes a layer into a temporary folder and moves it into place (another process may have done so meanwhile). */
function buildLayer(dir: string, fill: (write: Write, tmp: string) => void): void {
  const tmp = `${dir}.${process.pid}.tmp`;
  mkdirSync(tmp, { recursive: true });
  const index: Record<string, KindEntry> = {};
  const write: Write = (key, source, namespaced, value) => {
    if (key in index) return;
    const file = `${key.replace(/[/.]/g, '_')}.json`;
    writeFileSync(join(tmp, file), JSON.stringify(value));
    index[key] = { file, source, namespaced };
  };
  fill(write, tmp);
  writeFileSync(join(tmp, 'index.json'), JSON.stringify(index));
  try {
    renameSync(tmp, dir);
  } catch {
    // another process built it meanwhile: theirs is as good as ours
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The Kubernetes layer: strict definitions, the kinds they serve, and the hash of what CRD schemas reference. */
function writeKubernetes(write: Write, tmp: string, entries: readonly CacheEntry[], kubernetesVersion: string): void {
  const openapi = entries.filter((e) => e.source.format === 'k8s-openapi-v3' || e.source.format === 'openapi');
  const legacy = entries.find((e) => e.source.format === 'k8s-definitions');
  const fallback = legacy && {
    source: legacy.source.id,
    definitions: (JSON.parse(readFileSync(legacy.path, 'utf8')) as { definitions: Record<string, any> }).definitions,
  };
  const docs = openapi.map((e) => ({ source: e.source.id, text: readFileSync(e.path, 'utf8') }));
  const { definitions, kinds } = mergeOpenApiV3(docs, kubernetesVersion, fallback);
  const strict = strictK8sDefinitions(definitions);
  writeFileSync(join(tmp, 'k8s-definitions.json'), JSON.stringify({ $id: K8S_DOC_ID, definitions: strict }));
  writeFileSync(
    join(tmp, 'object-meta.sha256'),
    sha256(JSON.stringify(closure(strict, OBJECT_META_REF.slice(OBJECT_META_REF.lastIndexOf('/') + 1)))),
  );
  for (const k of kinds) {
    write(SchemaCatalog.key(k.apiVersion, k.kind), k.source, k.namespaced ?? !CLUSTER_SCOPED_CORE.has(k.kind), {
      schema: { $ref: `${K8S_DOC_ID}#/definitions/${k.definition}` },
      ...kindExtras(definitions, k.definition),
    });
  }
}

/** The definitions a definition refers to, itself included, by name (sorted). */
function closure(definitions: Record<string, any>, root: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (name: string): void => {
    if (name in out || !(name in definitions)) return;
    out[name] = definitions[name];
    for (const m of JSON.stringify(definitions[name]).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) visit(m[1]!);
  };
  visit(root);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A CRD layer: each served version of each CustomResourceDefinition in the files. */
function writeCrds(write: Write, entries: readonly CacheEntry[]): void {
  // the `yaml` library is needed only here, once per set of sources
  const { parseAllDocuments } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  for (const { source, path } of entries) {
    for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const crd = doc.toJS() as any;
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const version of crd.spec.versions ?? []) {
        if (version.served === false || !version.schema?.openAPIV3Schema) continue;
        const { schema, rules, listMaps } = strictCrdSchema(version.schema.openAPIV3Schema, OBJECT_META_REF);
        const defaults = defaultsTree(version.schema.openAPIV3Schema);
        write(SchemaCatalog.key(`${crd.spec.group}/${version.name}`, crd.spec.names.kind), source.id, crd.spec.scope === 'Namespaced', {
          schema,
          rules,
          listMaps,
          ...(defaults ? { defaults } : {}),
        });
      }
    }
  }
}

const CLUSTER_SCOPED_CORE = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'PriorityClass',
  'StorageClass',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'CertificateSigningRequest',
  'PodSecurityPolicy',
  // kinds only the fallback definitions serve, which carry no paths to tell their scope
  'ClusterCIDR',
  'ClusterTrustBundle',
  'ComponentStatus',
  'FlowSchema',
  'IPAddress',
  'PriorityLevelConfiguration',
  'ResourceClass',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
  'SelfSubjectRulesReview',
  'StorageVersion',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
]);
