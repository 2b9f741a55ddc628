// Fields of built-in kinds the API server refuses to change on update: the sync fails with "field is immutable"
// until the object is deleted and recreated. Each rule names the upstream function (kubernetes/kubernetes) it mirrors.
import { parseQuantity } from '../../manifest/quantity.js';
import { at, differsAt, fieldName } from './pointer.js';

/** One immutable field of some kinds (`group/Kind`, core group written `core`). */
interface ImmutableField {
  readonly kinds: readonly string[];
  readonly pointer: string;
  /** The upstream validation that refuses the change. */
  readonly upstream: string;
  /** Only these changes are refused (default: any difference). */
  readonly refused?: (before: Record<string, unknown>, after: Record<string, unknown>) => boolean;
  /** The message (default: `<field> is immutable`). */
  readonly message?: string;
}

const WORKLOADS_SELECTOR: readonly [string, string][] = [
  // pkg/registry/apps/deployment/strategy.go deploymentStrategy.ValidateUpdate (apps/v1: ValidateImmutableField on
  // spec.selector; ValidateDeploymentUpdate itself still allows it for extensions/v1beta1)
  ['apps/Deployment', 'pkg/registry/apps/deployment/strategy.go ValidateUpdate, after ValidateDeploymentUpdate'],
  ['apps/ReplicaSet', 'pkg/registry/apps/replicaset/strategy.go ValidateUpdate, after ValidateReplicaSetUpdate'],
  ['apps/DaemonSet', 'pkg/registry/apps/daemonset/strategy.go ValidateUpdate, after ValidateDaemonSetUpdate'],
];

/** Service types whose clusterIP may change on update (ExternalName has none). */
const externalName = (o: Record<string, unknown>) => at(o, '/spec/type') === 'ExternalName';

const FIELDS: readonly ImmutableField[] = [
  ...WORKLOADS_SELECTOR.map(([kind, upstream]) => ({ kinds: [kind], pointer: '/spec/selector', upstream })),
  // pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate: "updates to statefulset spec for fields other than
  // 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'
  // and 'minReadySeconds' are forbidden"
  ...['/spec/selector', '/spec/volumeClaimTemplates', '/spec/serviceName', '/spec/podManagementPolicy'].map((pointer) => ({
    kinds: ['apps/StatefulSet'],
    pointer,
    upstream: 'ValidateStatefulSetUpdate (pkg/apis/apps/validation)',
  })),
  // pkg/apis/core/validation/validation.go ValidateServiceUpdate: clusterIP(s) may change only to or from ExternalName
  ...['/spec/clusterIP', '/spec/clusterIPs'].map((pointer) => ({
    kinds: ['core/Service'],
    pointer,
    upstream: 'ValidateServiceUpdate (pkg/apis/core/validation)',
    refused: (b: Record<string, unknown>, a: Record<string, unknown>) => !externalName(b) && !externalName(a),
  })),
  // pkg/apis/batch/validation/validation.go ValidateJobUpdate (ValidateJobSpecUpdate)
  ...['/spec/selector', '/spec/template', '/spec/completionMode'].map((pointer) => ({
    kinds: ['batch/Job'],
    pointer,
    upstream: 'ValidateJobUpdate (pkg/apis/batch/validation)',
  })),
  // pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate: the spec is immutable but for
  // resources.requests (grow only) and volumeAttributesClassName
  ...[
    '/spec/storageClassName',
    '/spec/accessModes',
    '/spec/volumeMode',
    '/spec/volumeName',
    '/spec/selector',
    '/spec/dataSource',
    '/spec/dataSourceRef',
  ].map((pointer) => ({
    kinds: ['core/PersistentVolumeClaim'],
    pointer,
    upstream: 'ValidatePersistentVolumeClaimUpdate (pkg/apis/core/validation)',
  })),
  {
    kinds: ['core/PersistentVolumeClaim'],
    pointer: '/spec/resources/requests/storage',
    upstream: 'ValidatePersistentVolumeClaimUpdate (pkg/apis/core/validation)',
    refused: (b, a) =>
      (parseQuantity(at(a, '/spec/resources/requests/storage')) ?? Infinity) <
      (parseQuantity(at(b, '/spec/resources/requests/storage')) ?? -Infinity),
    message: 'spec.resources.requests.storage can not be less than its previous value (a volume never shrinks)',
  },
  // pkg/apis/scheduling/validation/validation.go ValidatePriorityClassUpdate: "may not be changed in an update"
  ...['/value', '/preemptionPolicy'].map((pointer) => ({
    kinds: ['scheduling.k8s.io/PriorityClass'],
    pointer,
    upstream: 'ValidatePriorityClassUpdate (pkg/apis/scheduling/validation)',
  })),
  // pkg/apis/storage/validation/validation.go ValidateStorageClassUpdate
  ...['/provisioner', '/parameters', '/reclaimPolicy', '/volumeBindingMode'].map((pointer) => ({
    kinds: ['storage.k8s.io/StorageClass'],
    pointer,
    upstream: 'ValidateStorageClassUpdate (pkg/apis/storage/validation)',
  })),
  // pkg/apis/rbac/validation/validation.go ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate: "cannot change roleRef"
  {
    kinds: ['rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding'],
    pointer: '/roleRef',
    upstream: 'ValidateRoleBindingUpdate (pkg/apis/rbac/validation)',
  },
  // pkg/apis/core/validation/validation.go ValidateConfigMapUpdate / ValidateSecretUpdate: an `immutable: true` object
  ...['/data', '/binaryData', '/stringData'].map((pointer) => ({
    kinds: ['core/ConfigMap', 'core/Secret'],
    pointer,
    upstream: 'ValidateConfigMapUpdate / ValidateSecretUpdate (pkg/apis/core/validation)',
    refused: (b: Record<string, unknown>) => b.immutable === true,
    message: `${fieldName(pointer)} of an object marked immutable cannot change`,
  })),
  { kinds: ['core/Secret'], pointer: '/type', upstream: 'ValidateSecretUpdate (pkg/apis/core/validation)' },
];

const byKind = new Map<string, ImmutableField[]>();
for (const f of FIELDS) for (const k of f.kinds) byKind.set(k, [...(byKind.get(k) ?? []), f]);

/** A refused change: the field and why. */
export interface ImmutableChange {
  readonly path: string;
  readonly message: string;
}

/** The changes from `before` to `after` (one object, `group/Kind`) that the API server refuses on update. */
export function immutableChanges(groupKind: string, before: Record<string, unknown>, after: Record<string, unknown>): ImmutableChange[] {
  const out: ImmutableChange[] = [];
  for (const f of byKind.get(groupKind) ?? []) {
    if (!differsAt(before, after, f.pointer)) continue;
    if (f.refused ? !f.refused(before, after) : false) continue;
    out.push({ path: f.pointer, message: `${f.message ?? `${fieldName(f.pointer)} is immutable`} (${f.upstream})` });
  }
  return out;
}

/** Whether a Service switches to ExternalName (its cluster IP is released: clients that resolved it lose it). */
export function becomesExternalName(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return !externalName(before) && externalName(after);
}
