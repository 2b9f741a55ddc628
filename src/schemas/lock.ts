// The committed list of pinned schema sources (schemas.lock.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root.js';

/** One pinned upstream schema file. */
export interface SchemaSource {
  /** Stable id: project/version/file. */
  readonly id: string;
  readonly project: string;
  readonly version: string;
  /** `crd`: CustomResourceDefinition YAML; `k8s-definitions`: swagger-2 style Kubernetes definitions (JSON). */
  readonly format: 'crd' | 'k8s-definitions';
  /** Upstream URL at a release tag or commit. */
  readonly url: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** Reads schemas.lock.json from the repository root (or `path`). */
export function readLock(path = join(repoRoot(), 'schemas.lock.json')): SchemaSource[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { sources: SchemaSource[] }).sources;
}
