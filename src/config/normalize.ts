// Defaults that depend on other fields (a JSON Schema default cannot express them).
import type { Environment } from './model/environment.js';

/** Fills derived defaults: app namespaces, the gitops namespace, the Pod Security version (the cluster's minor). */
export function normalize(env: Environment): Environment {
  return {
    ...env,
    podSecurity: { ...env.podSecurity, version: env.podSecurity.version ?? `v${env.cluster.kubernetesVersion}` },
    apps: env.apps.map((app) => ({ ...app, namespace: app.namespace ?? app.name })),
    gitops: env.gitops && { ...env.gitops, namespace: env.gitops.namespace ?? (env.gitops.engine === 'flux' ? 'flux-system' : 'argocd') },
  };
}
