// The committed list of pinned schema sources (schemas.lock.json).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { repoRoot } from '../repo-root.js';

/**
 * How a pinned file is read: `crd` CustomResourceDefinition YAML; `k8s-openapi-v3` one API group version of the
 * Kubernetes OpenAPI v3 (`api/openapi-spec/v3/*_openapi.json` of a release); `k8s-definitions` swagger-2 style
 * definitions (JSON), used for the API groups the pinned OpenAPI v3 files do not cover; `openapi` any other OpenAPI
 * document whose schemas name their kinds with `x-kubernetes-group-version-kind` (pinned with `schemas add`).
 */
export type SchemaFormat = 'crd' | 'k8s-openapi-v3' | 'k8s-definitions' | 'openapi';

/** One pinned upstream schema file. */
export interface SchemaSource {
  /** Stable id: project/version/file. */
  readonly id: string;
  readonly project: string;
  /** The release; for `k8s-openapi-v3` the Kubernetes minor version (`1.35`). */
  readonly version: string;
  readonly format: SchemaFormat;
  /** Upstream URL at a release tag or commit. */
  readonly url: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The lock file: $ELASTIC_GITOPS_LOCK, or schemas.lock.json of the installation. */
export const lockPath = (): string => process.env.ELASTIC_GITOPS_LOCK ?? join(repoRoot(), 'schemas.lock.json');

/** Reads schemas.lock.json from the repository root (or `path`). */
export function readLock(path = lockPath()): SchemaSource[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { sources: SchemaSource[] }).sources;
}

/** Adds a source to the lock file, keeping everything else of it as it is. */
export function appendToLock(source: SchemaSource, path = lockPath()): void {
  const lock = JSON.parse(readFileSync(path, 'utf8')) as { sources: SchemaSource[] };
  lock.sources.push(source);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(lock, null, 2)}\n`);
  renameSync(tmp, path);
}

/** The Kubernetes minor versions whose OpenAPI v3 is pinned, oldest first. */
export function kubernetesVersions(sources: readonly SchemaSource[]): string[] {
  const versions = new Set(sources.filter((s) => s.format === 'k8s-openapi-v3').map((s) => s.version));
  return [...versions].sort(compareMinor);
}

/** Orders `1.9` before `1.10`. */
export function compareMinor(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number) as [number, number];
  const [bm, bn] = b.split('.').map(Number) as [number, number];
  return am - bm || an - bn;
}

/**
 * The sources that validate for one Kubernetes version: that version's OpenAPI v3 files and every other pinned file.
 * @param version a pinned minor version (`1.33`); @default the newest pinned
 * @throws InputError naming the pinned versions when `version` is not one of them
 */
export function sourcesFor(sources: readonly SchemaSource[], version?: string): { version: string; sources: SchemaSource[] } {
  const versions = kubernetesVersions(sources);
  const chosen = version ?? versions[versions.length - 1];
  if (chosen === undefined || !versions.includes(chosen)) {
    throw new InputError(
      `Kubernetes ${version ?? '(newest)'} has no pinned OpenAPI in schemas.lock.json (pinned: ${versions.join(', ') || 'none'}); pick one of those`,
    );
  }
  return { version: chosen, sources: sources.filter((s) => s.format !== 'k8s-openapi-v3' || s.version === chosen) };
}

/**
 * The minor version a `--kubernetes-version` names: `1.33`, or a patch release `1.33.2` / `v1.33.2` (kubeconform's
 * -kubernetes-version takes `1.27.0`, kubectl-validate's --version `1.27`); `master` (kubeconform's default) is the
 * newest pinned, returned as undefined.
 * @throws InputError when it is none of these
 */
export function minorOf(version: string): string | undefined {
  if (version === 'master') return undefined;
  const m = /^v?(\d+\.\d+)(?:\.\d+)?$/.exec(version);
  if (!m) throw new InputError(`--kubernetes-version (${JSON.stringify(version)}) must be a version such as 1.33 or 1.33.2`);
  return m[1];
}

/**
 * The pinned version nearest to `version` (the oldest for an older one, the newest for a newer one), for objects
 * that name their cluster's version themselves; undefined when `version` is pinned.
 */
export function nearestPinned(sources: readonly SchemaSource[], version: string): string | undefined {
  const versions = kubernetesVersions(sources);
  if (versions.length === 0 || versions.includes(version)) return undefined;
  return compareMinor(version, versions[0]!) < 0 ? versions[0] : versions[versions.length - 1];
}
