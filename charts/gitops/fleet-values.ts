// Values that differ per cluster of a fleet (`gitops.fleet`): read from each cluster's Argo CD cluster Secret by the
// ApplicationSet's Go template, never shared. The Cluster generator passes the Secret's labels and annotations as
// `.metadata.labels.<key>` and `.metadata.annotations.<key>` (argo-cd docs/operator-manual/applicationset/
// Generators-Cluster.md), and renders them into every string of the template, helm.valuesObject included
// (applicationset/utils/utils.go deeplyReplace: "Raw.k8s.io/apimachinery/pkg/runtime").
import type { Environment } from '../../src/config/model/environment.js';

/** Where a per-cluster value is read from: a label (at most 63 characters, no `:` or `/`) or an annotation (anything). */
export interface FleetValue {
  readonly from: 'label' | 'annotation';
  readonly key: string;
  /** What it sets, for the documentation and the errors. */
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

/**
 * `value` for one cluster, or, in a fleet, the Go template that reads it from the cluster Secret and fails that
 * cluster's Application (`fail`, a sprig function) when the Secret lacks it, rather than rendering an empty value.
 */
export function perCluster(env: Environment, id: FleetValueId, value: string): string {
  if (!env.gitops?.fleet) return value;
  const v = FLEET_VALUES[id];
  const map = v.from === 'label' ? '.metadata.labels' : '.metadata.annotations';
  return `{{ $v := index ${map} "${v.key}" }}{{ if eq $v "" }}{{ fail "cluster secret ${v.from} ${v.key} is not set" }}{{ end }}{{ $v }}`;
}
