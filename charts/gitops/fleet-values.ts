// Values that differ per cluster of a fleet (`gitops.fleet`): read from each cluster's Argo CD cluster Secret by the
// ApplicationSet's Go template, never shared. The Cluster generator passes the Secret's labels and annotations as
// `.metadata.labels.<key>` and `.metadata.annotations.<key>` (argo-cd docs/operator-manual/applicationset/
// Generators-Cluster.md), and renders them into every string of the template, helm.valuesObject included
// (applicationset/utils/utils.go deeplyReplace: "Raw.k8s.io/apimachinery/pkg/runtime").
import { FLEET_VALUES, type FleetValueId } from '../../src/config/fleet-values.js';
import type { Environment } from '../../src/config/model/environment.js';

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
