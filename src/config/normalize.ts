// Defaults that depend on other fields (a JSON Schema default cannot express them).
import type { Environment } from './model/environment.js';

/** An environment as the schema check leaves it: defaults applied, derived ones still missing. */
type Unnormalized = Omit<Environment, 'apps' | 'gitops'> & {
  readonly apps: (Omit<Environment['apps'][number], 'namespace'> & { readonly namespace?: string })[];
  readonly gitops?: Omit<NonNullable<Environment['gitops']>, 'namespace'> & { readonly namespace?: string };
};

/** Fills derived defaults: app namespaces, the gitops namespace, the Pod Security version (the cluster's minor). */
export function normalize(env: Unnormalized): Environment {
  return {
    ...env,
    podSecurity: { ...env.podSecurity, version: env.podSecurity.version ?? `v${env.cluster.kubernetesVersion}` },
    apps: env.apps.map((app) => ({ ...app, namespace: app.namespace ?? app.name })),
    gitops: env.gitops && { ...env.gitops, namespace: env.gitops.namespace ?? (env.gitops.engine === 'flux' ? 'flux-system' : 'argocd') },
  };
}
