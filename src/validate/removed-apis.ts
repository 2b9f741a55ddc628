// API versions that are no longer served, with the release that stopped serving them and what to use instead.
// Kubernetes entries follow the "Removed APIs by release" list of the Deprecated API Migration Guide
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/, v1.16 to v1.32); an object is reported when the
// Kubernetes version validated for is that release or later. Operator entries apply whatever the Kubernetes version.
import { compareMinor } from '../schemas/lock.js';

interface Removal {
  /** Kubernetes minor version that stopped serving it, or the operator release (always removed). */
  readonly removedIn: { readonly kubernetes: string } | { readonly release: string };
  readonly use: string;
}

const k8s = (version: string, use: string, entries: Record<string, readonly string[]>): [string, Removal][] =>
  Object.entries(entries).flatMap(([apiVersion, kinds]) =>
    kinds.map((kind): [string, Removal] => [`${apiVersion}/${kind}`, { removedIn: { kubernetes: version }, use }]),
  );

const REMOVED = new Map<string, Removal>([
  // v1.32
  ...k8s('1.32', 'flowcontrol.apiserver.k8s.io/v1', { 'flowcontrol.apiserver.k8s.io/v1beta3': ['FlowSchema', 'PriorityLevelConfiguration'] }),
  // v1.29
  ...k8s('1.29', 'flowcontrol.apiserver.k8s.io/v1', { 'flowcontrol.apiserver.k8s.io/v1beta2': ['FlowSchema', 'PriorityLevelConfiguration'] }),
  // v1.27
  ...k8s('1.27', 'storage.k8s.io/v1', { 'storage.k8s.io/v1beta1': ['CSIStorageCapacity'] }),
  // v1.26
  ...k8s('1.26', 'flowcontrol.apiserver.k8s.io/v1', { 'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'] }),
  ...k8s('1.26', 'autoscaling/v2', { 'autoscaling/v2beta2': ['HorizontalPodAutoscaler'] }),
  // v1.25
  ...k8s('1.25', 'batch/v1', { 'batch/v1beta1': ['CronJob'] }),
  ...k8s('1.25', 'discovery.k8s.io/v1', { 'discovery.k8s.io/v1beta1': ['EndpointSlice'] }),
  ...k8s('1.25', 'events.k8s.io/v1', { 'events.k8s.io/v1beta1': ['Event'] }),
  ...k8s('1.25', 'autoscaling/v2', { 'autoscaling/v2beta1': ['HorizontalPodAutoscaler'] }),
  ...k8s('1.25', 'policy/v1', { 'policy/v1beta1': ['PodDisruptionBudget'] }),
  ...k8s('1.25', 'Pod Security Admission', { 'policy/v1beta1': ['PodSecurityPolicy'] }),
  ...k8s('1.25', 'node.k8s.io/v1', { 'node.k8s.io/v1beta1': ['RuntimeClass'] }),
  // v1.22
  ...k8s('1.22', 'admissionregistration.k8s.io/v1', {
    'admissionregistration.k8s.io/v1beta1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  }),
  ...k8s('1.22', 'apiextensions.k8s.io/v1', { 'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'] }),
  ...k8s('1.22', 'apiregistration.k8s.io/v1', { 'apiregistration.k8s.io/v1beta1': ['APIService'] }),
  ...k8s('1.22', 'authentication.k8s.io/v1', { 'authentication.k8s.io/v1beta1': ['TokenReview'] }),
  ...k8s('1.22', 'authorization.k8s.io/v1', {
    'authorization.k8s.io/v1beta1': ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'],
  }),
  ...k8s('1.22', 'certificates.k8s.io/v1', { 'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'] }),
  ...k8s('1.22', 'coordination.k8s.io/v1', { 'coordination.k8s.io/v1beta1': ['Lease'] }),
  ...k8s('1.22', 'networking.k8s.io/v1', { 'extensions/v1beta1': ['Ingress'], 'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'] }),
  ...k8s('1.22', 'rbac.authorization.k8s.io/v1', {
    'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  }),
  ...k8s('1.22', 'scheduling.k8s.io/v1', { 'scheduling.k8s.io/v1beta1': ['PriorityClass'] }),
  ...k8s('1.22', 'storage.k8s.io/v1', { 'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'] }),
  // v1.16
  ...k8s('1.16', 'networking.k8s.io/v1', { 'extensions/v1beta1': ['NetworkPolicy'] }),
  ...k8s('1.16', 'policy/v1beta1', { 'extensions/v1beta1': ['PodSecurityPolicy'] }),
  ...k8s('1.16', 'apps/v1', {
    'extensions/v1beta1': ['DaemonSet', 'Deployment', 'ReplicaSet'],
    'apps/v1beta1': ['Deployment', 'StatefulSet', 'ReplicaSet'],
    'apps/v1beta2': ['DaemonSet', 'Deployment', 'StatefulSet', 'ReplicaSet'],
  }),
  // operators (always removed: the pinned releases no longer serve them)
  ['keda.k8s.io/v1alpha1/ScaledObject', { removedIn: { release: 'KEDA 2.0' }, use: 'keda.sh/v1alpha1' }],
  ['karpenter.sh/v1beta1/NodePool', { removedIn: { release: 'Karpenter 1.1' }, use: 'karpenter.sh/v1' }],
  ['karpenter.k8s.aws/v1beta1/EC2NodeClass', { removedIn: { release: 'Karpenter 1.1' }, use: 'karpenter.k8s.aws/v1' }],
]);

/** Why `apiVersion`/`kind` is not served on Kubernetes `kubernetesVersion` (a minor version, `1.33`), or undefined. */
export function removedApi(apiVersion: string, kind: string, kubernetesVersion: string): string | undefined {
  const r = REMOVED.get(`${apiVersion}/${kind}`);
  if (!r) return undefined;
  if ('release' in r.removedIn) return `${apiVersion} ${kind} was removed in ${r.removedIn.release}: use ${r.use}`;
  if (compareMinor(kubernetesVersion, r.removedIn.kubernetes) < 0) return undefined;
  return `${apiVersion} ${kind} was removed in Kubernetes ${r.removedIn.kubernetes} (validating for ${kubernetesVersion}): use ${r.use}`;
}
