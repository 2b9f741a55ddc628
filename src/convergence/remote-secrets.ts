// Istio remote secrets: a multi-cluster istiod reads the other clusters' API server credentials from Secrets in its
// namespace (labelled istio/multiCluster=true, made by `istioctl create-remote-secret`). They hold credentials, so they
// are never rendered: the namespace names them, and the convergence check reports them as external, not verified.
import type { Resource } from '../manifest/object-index.js';
import { key, type Need } from './dependencies.js';
import type { Finding } from './simulate.js';

/** Annotation of the istiod namespace: the remote secrets (names, comma-separated, in that namespace) istiod reads. */
export const ISTIO_REMOTE_SECRETS = 'elastic-gitops.dev/istio-remote-secrets';

/** Where that annotation is in the Namespace, as a JSON pointer. */
export const REMOTE_SECRETS_PATH = `/metadata/annotations/${ISTIO_REMOTE_SECRETS.replaceAll('/', '~1')}`;

/** The label that makes a namespace the control plane of one network of a multi-network mesh. */
const NETWORK_LABEL = 'topology.istio.io/network';

const isMeshMember = (r: Resource): boolean => r.group === '' && r.kind === 'Namespace' && r.labels[NETWORK_LABEL] !== undefined;

/** The names of the remote secrets a multi-network istiod namespace names. */
function namesOf(r: Resource): string[] {
  if (!isMeshMember(r)) return [];
  return (r.annotations[ISTIO_REMOTE_SECRETS] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The remote secrets (`namespace/name`) a multi-network istiod namespace names: external by definition. */
export function remoteSecretsOf(r: Resource): string[] {
  return namesOf(r).map((name) => `${r.name}/${name}`);
}

/** The remote secrets as needs of the namespace: istiod discovers the other clusters' endpoints only through them. */
export function remoteSecretNeeds(r: Resource): Need[] {
  return namesOf(r).map((name) => ({
    kind: 'secret',
    keys: [key.secret(r.name, name)],
    what: `Secret ${r.name}/${name} (an Istio remote secret: istioctl create-remote-secret)`,
    path: REMOTE_SECRETS_PATH,
    timing: 'healthy',
  }));
}

/** A multi-network member that names no remote secret: istiod sees its own cluster only, which nothing reports else. */
export function remoteSecretFindings(namespaces: readonly Resource[]): Finding[] {
  return namespaces
    .filter((r) => isMeshMember(r) && namesOf(r).length === 0)
    .map((r) => ({
      severity: 'warning',
      resource: r,
      path: `/metadata/labels/${NETWORK_LABEL.replaceAll('/', '~1')}`,
      message: `Namespace ${r.name} is on network "${r.labels[NETWORK_LABEL]}" of a multi-network mesh but names no remote secret (annotation ${ISTIO_REMOTE_SECRETS}, from mesh.multiCluster.remoteSecrets): istiod discovers only its own cluster's endpoints; create them with istioctl create-remote-secret and reference them`,
    }));
}
