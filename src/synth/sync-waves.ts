// Argo CD ordering: every rendered object gets a sync wave, so namespaces, priority classes and the operators that
// own CRDs come first, the workloads' Application after them, and custom resources only after their CRDs exist.
import { OPERATOR_LABEL, WORKLOADS_LABEL } from '../../charts/gitops/argocd-project.js';
import { groupOf } from '../manifest/object-index.js';
import type { RenderedFile } from './render.js';

const WAVE = 'argocd.argoproj.io/sync-wave';
const OPTIONS = 'argocd.argoproj.io/sync-options';

/** Waves, lowest first. */
export const WAVES = { foundation: -30, operators: -20, access: -10, workloads: 0, customResources: 10 } as const;

const KUBERNETES_GROUPS = new Set([
  '', 'apps', 'batch', 'policy', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'scheduling.k8s.io',
  'storage.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'node.k8s.io',
]);

/** The wave of one object. */
export function syncWave(o: Record<string, unknown>): number {
  const group = groupOf(o.apiVersion);
  const kind = String(o.kind);
  const labels = ((o.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {}) as Record<string, string>;
  if (group === 'argoproj.io') {
    // the root Application syncs the operators' Applications, then (once they are healthy: see the README) the workloads'
    if (labels[OPERATOR_LABEL]) return WAVES.operators; // an Application, or a fleet's ApplicationSet
    if (labels[WORKLOADS_LABEL]) return WAVES.workloads;
    return WAVES.foundation;
  }
  if (kind === 'Namespace' || kind === 'PriorityClass') return WAVES.foundation;
  if (!KUBERNETES_GROUPS.has(group)) return WAVES.customResources;
  if (['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding', 'ConfigMap', 'Secret'].includes(kind)) return WAVES.access;
  return WAVES.workloads;
}

/** Annotates every object with its wave; custom resources also skip the dry run while their CRD does not exist yet. */
export function withSyncWaves(files: readonly RenderedFile[]): RenderedFile[] {
  return files.map((f) => ({
    name: f.name,
    objects: f.objects.map((o) => {
      const wave = syncWave(o);
      const annotations: Record<string, string> = { [WAVE]: String(wave) };
      if (wave === WAVES.customResources) annotations[OPTIONS] = 'SkipDryRunOnMissingResource=true';
      return annotate(o, annotations);
    }),
  }));
}

function annotate(o: Record<string, unknown>, add: Record<string, string>): Record<string, unknown> {
  const metadata = (o.metadata ?? {}) as Record<string, unknown>;
  const annotations = sorted({ ...((metadata.annotations ?? {}) as Record<string, string>), ...add });
  return { ...o, metadata: sorted({ ...metadata, annotations }) };
}

function sorted<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}
