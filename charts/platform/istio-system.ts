// Where the Istio control plane runs: the mesh root namespace (mesh-wide PeerAuthentication) and istiod's monitors.

/** The Istio root namespace. */
export const ISTIO_NAMESPACE = 'istio-system';
