// Names and places shared by the GitOps charts and the apply plan.
import type { Environment } from '../../src/config/model/environment.js';
import { installOf } from '../../src/convergence/operator-installs.js';
import { operatorReleases } from './operators.js';

/** Folder of the environment in the deploy repository. */
export function deployPath(env: Environment): string {
  return env.gitops?.repo.path ?? `dist/${env.envName}`;
}

/**
 * Subfolder of the environment folder holding the operators under Flux: its own Kustomization applies it first, so
 * the custom resources of the environment folder never reach a server-side dry run before their CRDs exist.
 */
export const FLUX_OPERATORS_FOLDER = 'operators';

/**
 * Subfolder of the environment folder holding the Argo CD objects (projects, operator and workloads Applications):
 * the root Application applies it alone, with a project limited to Argo CD kinds in the Argo CD namespace.
 */
export const ARGOCD_FOLDER = 'argocd';

/** Argo CD writes OCI Helm repositories without the scheme. */
export function argoRepoUrl(repo: string): string {
  return repo.replace(/^oci:\/\//, '');
}

/** Namespaces the operators' charts write to: their release namespaces and what their templates add (kube-system, ...: operator-installs.ts). */
export function operatorNamespaces(env: Environment): string[] {
  return [
    ...new Set(operatorReleases(env).flatMap((o) => [o.chart.namespace, ...installOf(o.chart).otherNamespaces.map((n) => n.namespace)])),
  ].sort();
}

/** Subfolder of what Karmada places, applied to the Karmada API server (defined with the convergence model that reads it). */
export { KARMADA_FOLDER } from '../../src/convergence/delivery.js';
