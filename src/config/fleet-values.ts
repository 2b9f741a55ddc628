// The per-cluster values of a fleet (`gitops.fleet`) and the Argo CD cluster Secret label or annotation each is read
// from: the schema a platform team labels its clusters by (charts/gitops/fleet-values.ts templates them).

/** Where a per-cluster value is read from: a label (at most 63 characters, no `:` or `/`) or an annotation (anything). */
export interface FleetValue {
  readonly from: 'label' | 'annotation';
  readonly key: string;
  /** What it sets, for the environment schema's description. */
  readonly sets: string;
}

/** The per-cluster values a fleet templates, and the cluster Secret key each reads: the schema users label clusters by. */
export const FLEET_VALUES = {
  clusterName: {
    from: 'annotation',
    key: 'elastic-gitops.dev/cluster-name',
    sets: "the cluster's own name: Karpenter settings.clusterName (settings.aws.clusterName for v1alpha5), istiod global.multiCluster.clusterName",
  },
  karpenterRoleArn: {
    from: 'annotation',
    key: 'elastic-gitops.dev/karpenter-role-arn',
    sets: "the Karpenter controller's IRSA role (its ServiceAccount's eks.amazonaws.com/role-arn), when nodes.karpenter.controllerRoleArn is set",
  },
  interruptionQueue: {
    from: 'annotation',
    key: 'elastic-gitops.dev/karpenter-interruption-queue',
    sets: "Karpenter's settings.interruptionQueue (aws.interruptionQueueName), when nodes.karpenter.interruptionQueue is set",
  },
  network: {
    from: 'label',
    key: 'topology.istio.io/network',
    sets: "the cluster's Istio network: istiod global.network, the east-west gateway's labels and ISTIO_META_REQUESTED_NETWORK_VIEW, the istio-system namespace label",
  },
} as const satisfies Record<string, FleetValue>;

export type FleetValueId = keyof typeof FLEET_VALUES;

/** One line per value, for the environment schema's description. */
export function fleetValuesDoc(): string {
  return Object.values(FLEET_VALUES)
    .map((v) => `${v.from} ${v.key}: ${v.sets}`)
    .join('; ');
}
