// Names and places shared by the GitOps charts and the sync-wave step.
import type { Environment } from '../../src/config/model/environment.js';
import { namespacesOf } from '../platform/namespaces-chart.js';
import { ISTIO_NAMESPACE } from '../platform/istio-system.js';
import { operatorReleases } from './operators.js';

/** Namespace of Argo CD or Flux. */
export function gitopsNamespace(env: Environment): string {
  return env.gitops?.namespace ?? (env.gitops?.engine === 'flux' ? 'flux-system' : 'argocd');
}

/** Folder of the environment in the deploy repository. */
export function deployPath(env: Environment): string {
  return env.gitops?.repo.path ?? `dist/${env.envName}`;
}

/**
 * Subfolder of the environment folder holding the operators under Flux: its own Kustomization applies it first, so
 * the custom resources of the environment folder never reach a server-side dry run before their CRDs exist.
 */
export const FLUX_OPERATORS_FOLDER = 'operators';

/** Argo CD writes OCI Helm repositories without the scheme. */
export function argoRepoUrl(repo: string): string {
  return repo.replace(/^oci:\/\//, '');
}

/** Every namespace the environment's own charts render objects into (the project's destinations). */
export function renderedNamespaces(env: Environment): string[] {
  const out = new Set<string>([...namespacesOf(env).keys(), gitopsNamespace(env)]);
  for (const app of env.apps) out.add(app.namespace ?? app.name);
  if (env.monitoring.enabled) out.add(env.monitoring.namespace);
  if (env.mesh.enabled) out.add(ISTIO_NAMESPACE);
  if (env.nodes.provisioner === 'cluster-autoscaler') out.add('kube-system');
  if (env.apps.some((a) => a.autoscaling.triggers.some((t) => t.type === 'pods'))) out.add(env.monitoring.namespace);
  return [...out].sort();
}

/** Namespaces the operators are installed into. */
export function operatorNamespaces(env: Environment): string[] {
  return [...new Set(operatorReleases(env).map((o) => o.chart.namespace))].sort();
}
