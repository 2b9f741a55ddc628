// Where the Istio control plane runs: the mesh root namespace (mesh-wide PeerAuthentication) and istiod's monitors.

/** The Istio root namespace. */
export const ISTIO_NAMESPACE = 'istio-system';

/** Labels of istio-system in a multi-network mesh: the network of the cluster's control plane (seed 002; Istio's multi-network install labels it `topology.istio.io/network`). */
export function istioNamespaceLabels(network: string): Record<string, string> {
  return { 'topology.istio.io/network': network };
}
