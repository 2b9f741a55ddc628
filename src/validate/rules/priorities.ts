// Priority of pods as the scheduler computes it, and Cluster Autoscaler's expendable cutoff.
import { isPlaceholder } from '../../capacity/capacity-plan.js';
import { arr, type ObjectIndex, type Resource } from '../../manifest/object-index.js';
import { containers, type PodTemplate } from '../../manifest/workloads.js';

export const BUILT_IN_CLASSES: ReadonlyMap<string, number> = new Map([
  ['system-cluster-critical', 2000000000],
  ['system-node-critical', 2000001000],
]);

/** Cluster Autoscaler's default `--expendable-pods-priority-cutoff`. */
export const DEFAULT_EXPENDABLE_CUTOFF = -10;

export interface PodPriority {
  readonly value: number;
  /** The class's (or the pod's) preemptionPolicy. */
  readonly preemptionPolicy: string;
  /** Class name ('' when the pod names none and no globalDefault exists). */
  readonly className: string;
}

/** Priority of the pods of a template; undefined when it names a class that is not in the set. */
export function podPriority(index: ObjectIndex, t: PodTemplate): PodPriority | undefined {
  const name = t.spec.priorityClassName;
  const own = typeof t.spec.preemptionPolicy === 'string' ? t.spec.preemptionPolicy : undefined;
  if (typeof name === 'string' && name !== '') {
    const builtIn = BUILT_IN_CLASSES.get(name);
    if (builtIn !== undefined) return { value: builtIn, preemptionPolicy: own ?? 'PreemptLowerPriority', className: name };
    const pc = index.get('scheduling.k8s.io', 'PriorityClass', '', name);
    return pc ? fromClass(pc, own) : undefined;
  }
  const def = index.of('scheduling.k8s.io', 'PriorityClass').find((c) => c.body.globalDefault === true);
  return def ? fromClass(def, own) : { value: 0, preemptionPolicy: own ?? 'PreemptLowerPriority', className: '' };
}

function fromClass(pc: Resource, own: string | undefined): PodPriority {
  return {
    value: typeof pc.body.value === 'number' ? pc.body.value : 0,
    preemptionPolicy: own ?? pc.body.preemptionPolicy ?? 'PreemptLowerPriority',
    className: pc.name,
  };
}

/** The cutoff from a Cluster Autoscaler Deployment's flags, if one is in the set. */
export function expendableCutoff(index: ObjectIndex): { value: number; source?: Resource } {
  for (const d of index.of('apps', 'Deployment')) {
    for (const c of containers(d.body.spec?.template?.spec ?? {})) {
      const words = [...arr(c.command), ...arr(c.args)].map(String);
      if (!(String(c.image ?? '').includes('cluster-autoscaler') || words.some((w) => w.endsWith('cluster-autoscaler')))) continue;
      for (const [i, w] of words.entries()) {
        const m = /^--expendable-pods-priority-cutoff(?:=(.*))?$/.exec(w);
        if (m) return { value: Number(m[1] ?? words[i + 1]), source: d };
      }
      return { value: DEFAULT_EXPENDABLE_CUTOFF, source: d };
    }
  }
  return { value: DEFAULT_EXPENDABLE_CUTOFF };
}

/** Splits pod templates into overprovisioning placeholders and real workloads (DaemonSets excluded from both). */
export function splitPlaceholders(templates: readonly PodTemplate[], index: ObjectIndex): { placeholders: PodTemplate[]; workloads: PodTemplate[] } {
  const placeholders: PodTemplate[] = [];
  const workloads: PodTemplate[] = [];
  for (const t of templates) {
    if (t.owner.kind === 'DaemonSet') continue;
    (isPlaceholder(t, index) ? placeholders : workloads).push(t);
  }
  return { placeholders, workloads };
}
