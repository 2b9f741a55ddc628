// Changes that apply fine but disturb what runs: every pod of a workload restarts, Karpenter replaces nodes (drift),
// fewer pods must stay available, an app may scale to zero, a Service loses its cluster IP.
import { at, differsAt, fieldName } from './pointer.js';
import { becomesExternalName } from './immutable-fields.js';

/** One disturbance: the field and what happens. */
export interface Disruption {
  readonly path: string;
  readonly message: string;
}

/** Kinds whose pod template change rolls every pod (a new ReplicaSet, revision or controller revision). */
export const POD_TEMPLATE_KINDS: ReadonlySet<string> = new Set([
  'apps/Deployment',
  'apps/DaemonSet',
  'apps/StatefulSet',
  'apps/ReplicaSet',
  'argoproj.io/Rollout',
]);
/** Kinds scaled by `spec.replicas`. */
const SCALED_KINDS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/ReplicaSet', 'argoproj.io/Rollout']);

/**
 * Karpenter marks nodes drifted, and replaces them, when what made them changes: a v1 NodePool's `spec.template`, a
 * v1alpha5 Provisioner's node settings, a node class (EC2NodeClass, AWSNodeTemplate) at all. Limits, weight and
 * disruption settings cause no drift (karpenter docs, "Disruption › Drift").
 */
export const DRIFT: ReadonlyMap<string, readonly string[]> = new Map([
  ['karpenter.sh/NodePool', ['/spec/template']],
  [
    'karpenter.sh/Provisioner',
    [
      '/spec/requirements',
      '/spec/labels',
      '/spec/taints',
      '/spec/startupTaints',
      '/spec/providerRef',
      '/spec/provider',
      '/spec/kubeletConfiguration',
    ],
  ],
  ['karpenter.k8s.aws/EC2NodeClass', ['/spec']],
  ['karpenter.k8s.aws/AWSNodeTemplate', ['/spec']],
]);

/** The disruptions of an update of one object (`group/Kind`). */
export function disruptions(groupKind: string, before: Record<string, unknown>, after: Record<string, unknown>): Disruption[] {
  const out: Disruption[] = [];
  if (POD_TEMPLATE_KINDS.has(groupKind) && differsAt(before, after, '/spec/template')) {
    out.push({ path: '/spec/template', message: 'the pod template changes: every pod restarts (a rolling update)' });
  }
  if (groupKind === 'serving.knative.dev/Service' && differsAt(before, after, '/spec/template')) {
    out.push({ path: '/spec/template', message: 'the revision template changes: a new revision rolls out' });
  }
  if (SCALED_KINDS.has(groupKind) && at(after, '/spec/replicas') === 0 && at(before, '/spec/replicas') !== 0) {
    out.push({ path: '/spec/replicas', message: 'replicas become 0: no pod runs' });
  }
  for (const pointer of DRIFT.get(groupKind) ?? []) {
    if (differsAt(before, after, pointer))
      out.push({ path: pointer, message: `${fieldName(pointer)} changes: Karpenter marks the nodes it made drifted and replaces them` });
  }
  if (groupKind === 'policy/PodDisruptionBudget') out.push(...lowerBudget(before, after));
  out.push(...scaleToZero(groupKind, before, after));
  if (groupKind === 'core/Service' && becomesExternalName(before, after)) {
    out.push({ path: '/spec/type', message: 'the Service becomes ExternalName: its cluster IP is released (clients that resolved it lose it)' });
  }
  return out;
}

/** A removed PodDisruptionBudget: nothing keeps a drain from evicting every pod at once. */
export function removedBudget(groupKind: string): Disruption | undefined {
  return groupKind === 'policy/PodDisruptionBudget'
    ? { path: '', message: 'the PodDisruptionBudget goes: a node drain may evict every pod at once' }
    : undefined;
}

/** A budget that keeps fewer pods available: minAvailable lowered or maxUnavailable raised (compared in the same form). */
function lowerBudget(before: Record<string, unknown>, after: Record<string, unknown>): Disruption[] {
  const out: Disruption[] = [];
  const cmp = (pointer: string, lower: boolean) => {
    const b = budget(at(before, pointer));
    const a = budget(at(after, pointer));
    if (!b || !a || b.percent !== a.percent || a.value === b.value) return;
    if (lower ? a.value < b.value : a.value > b.value) {
      out.push({ path: pointer, message: `${fieldName(pointer)} ${format(b)} → ${format(a)}: fewer pods must stay available during a drain` });
    }
  };
  cmp('/spec/minAvailable', true);
  cmp('/spec/maxUnavailable', false);
  return out;
}

function budget(v: unknown): { value: number; percent: boolean } | undefined {
  if (typeof v === 'number') return { value: v, percent: false };
  if (typeof v === 'string' && /^\d+%$/.test(v)) return { value: Number(v.slice(0, -1)), percent: true };
  return undefined;
}

function format(b: { value: number; percent: boolean }): string {
  return b.percent ? `${b.value}%` : String(b.value);
}

/**
 * An autoscaler whose minimum becomes 0: the app may have no pod (cold starts; requests fail until it activates).
 * KEDA's minReplicaCount defaults to 0 and idleReplicaCount scales to it when idle; an HPA's minReplicas defaults to 1.
 */
function scaleToZero(groupKind: string, before: Record<string, unknown>, after: Record<string, unknown>): Disruption[] {
  const fields: Record<string, { pointer: string; absent: number }[]> = {
    'keda.sh/ScaledObject': [
      { pointer: '/spec/minReplicaCount', absent: 0 },
      { pointer: '/spec/idleReplicaCount', absent: NaN },
    ],
    'autoscaling/HorizontalPodAutoscaler': [{ pointer: '/spec/minReplicas', absent: 1 }],
  };
  const out: Disruption[] = [];
  for (const { pointer, absent } of fields[groupKind] ?? []) {
    const value = (o: Record<string, unknown>) => (typeof at(o, pointer) === 'number' ? (at(o, pointer) as number) : absent);
    if (value(after) === 0 && value(before) !== 0)
      out.push({ path: pointer, message: `${fieldName(pointer)} becomes 0: the app scales to zero (no pod until a request or event activates it)` });
  }
  return out;
}
