// A cluster's identity in a multi-cluster Istio mesh: the names istiod, the checks and the remote secrets share.
import type { Environment } from './model/environment.js';

type MultiCluster = NonNullable<Environment['mesh']['multiCluster']>;

/** The trust domain of a mesh that names none (istiod's meshConfig.trustDomain default, `cluster.local`). */
export const DEFAULT_TRUST_DOMAIN = 'cluster.local';

/** The fields a cluster's mesh name comes from (an Environment, or the merged file the peers check reads). */
export interface MeshClusterFields {
  readonly cluster: { readonly name: string };
  readonly mesh: { readonly multiCluster?: { readonly clusterName?: string } };
}

/** istiod's global.multiCluster.clusterName: `mesh.multiCluster.clusterName`, else `cluster.name`. */
export function meshClusterName(env: MeshClusterFields): string {
  return env.mesh.multiCluster?.clusterName ?? env.cluster.name;
}

/**
 * The Secret in istio-system holding the credentials of another cluster: `istio-remote-secret-<cluster>` unless named,
 * as `istioctl create-remote-secret` names it (istioctl/pkg/multicluster/remote_secret.go remoteSecretNameFromClusterName).
 */
export function remoteSecretName(ref: MultiCluster['remoteSecrets'][number]): string {
  return ref.name ?? `istio-remote-secret-${ref.cluster}`;
}
