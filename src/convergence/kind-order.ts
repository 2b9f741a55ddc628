// Argo CD's order of the objects of one Application: phase, then sync wave, then kind, then name.
import type { Resource } from '../manifest/object-index.js';

/** The sync-wave annotation (default 0). */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** Argo CD's hook annotation: an object with it runs in that phase (PreSync, Sync, PostSync, SyncFail). */
export const ARGO_HOOK = 'argocd.argoproj.io/hook';

/**
 * Kinds in the order Argo CD applies them within a wave; any other kind (custom resources) comes after them.
 * gitops-engine pkg/sync/sync_tasks.go `kindOrder` (itself Helm's releaseutil/kind_sorter.go).
 */
export const ARGO_KIND_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

/** Phases in order (gitops-engine sync_tasks.go `syncPhaseOrder`); objects without a hook are in Sync. */
export const SYNC_PHASES = ['PreSync', 'Sync', 'PostSync'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** Helm hooks Argo CD maps to its phases (argo-cd docs user-guide/helm.md "Helm Hooks"). */
const HELM_HOOK_PHASES: Readonly<Record<string, SyncPhase>> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};

/** Position of a kind within a wave: negative for the listed kinds, 0 (last) for every other kind, as in gitops-engine. */
export function argoKindRank(kind: string): number {
  const i = ARGO_KIND_ORDER.indexOf(kind);
  return i === -1 ? 0 : i - ARGO_KIND_ORDER.length;
}

/** The object's sync wave: its annotation as an integer, 0 without one (or with one that is not an integer). */
export function syncWaveOf(r: Resource): number {
  const v = r.annotations[SYNC_WAVE];
  return v !== undefined && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : 0;
}

/** The phase the object is applied in: its Argo CD hook, else its Helm hook, else Sync. */
export function syncPhaseOf(r: Resource): SyncPhase {
  const argo = r.annotations[ARGO_HOOK]?.split(',')
    .map((s) => s.trim())
    .find((h): h is SyncPhase => (SYNC_PHASES as readonly string[]).includes(h));
  if (argo) return argo;
  const helm = r.annotations['helm.sh/hook']
    ?.split(',')
    .map((s) => HELM_HOOK_PHASES[s.trim()])
    .find((p) => p !== undefined);
  return helm ?? 'Sync';
}

/** Argo CD's order of two objects of one Application (phase, wave, kind, name). */
export function compareArgo(a: Resource, b: Resource): number {
  return (
    SYNC_PHASES.indexOf(syncPhaseOf(a)) - SYNC_PHASES.indexOf(syncPhaseOf(b)) ||
    syncWaveOf(a) - syncWaveOf(b) ||
    argoKindRank(a.kind) - argoKindRank(b.kind) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
}
