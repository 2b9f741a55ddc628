// Pod templates of workload objects and the requests of the pods they create.
import { parseQuantity } from './quantity.js';
import { arr, isRecord, type ObjectIndex, type Resource } from './object-index.js';

/** A pod template found in an object. */
export interface PodTemplate {
  readonly owner: Resource;
  /** The pod spec. */
  readonly spec: Record<string, any>;
  /** Labels of the pods. */
  readonly labels: Readonly<Record<string, string>>;
  /** Annotations of the pods. */
  readonly annotations: Readonly<Record<string, string>>;
  /** JSON pointer to the pod spec inside the owner, e.g. `/spec/template/spec`. */
  readonly path: string;
}

/** CPU (cores) and memory (bytes). */
export interface Resources {
  readonly cpu: number;
  readonly memory: number;
}

export const ZERO: Resources = { cpu: 0, memory: 0 };

/** Kinds that carry a pod template, with where it is. */
const TEMPLATE_PATHS: readonly (readonly [group: string, kind: string, path: readonly string[]])[] = [
  ['apps', 'Deployment', ['spec', 'template']],
  ['apps', 'StatefulSet', ['spec', 'template']],
  ['apps', 'ReplicaSet', ['spec', 'template']],
  ['apps', 'DaemonSet', ['spec', 'template']],
  ['', 'ReplicationController', ['spec', 'template']],
  ['batch', 'Job', ['spec', 'template']],
  ['batch', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
  ['argoproj.io', 'Rollout', ['spec', 'template']],
  ['serving.knative.dev', 'Service', ['spec', 'template']],
];

/** TEMPLATE_PATHS by kind, then group, with the JSON pointer of the pod spec (looked up for every object of a set). */
const TEMPLATE_AT = new Map<string, Map<string, { readonly path: readonly string[]; readonly pointer: string }>>();
for (const [group, kind, path] of TEMPLATE_PATHS) {
  if (!TEMPLATE_AT.has(kind)) TEMPLATE_AT.set(kind, new Map());
  TEMPLATE_AT.get(kind)!.set(group, { path, pointer: `/${path.join('/')}/spec` });
}

/** Kinds an HPA (or ScaledObject) can scale: they have a `scale` subresource. */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/ReplicaSet',
  '/ReplicationController',
  'argoproj.io/Rollout',
]);

/** The pod template of `r`, if its kind has one (found once per object: the rules and the capacity plan all ask). */
export function podTemplateOf(r: Resource): PodTemplate | undefined {
  let t = TEMPLATES.get(r);
  if (t === undefined) TEMPLATES.set(r, (t = findPodTemplate(r) ?? null));
  return t ?? undefined;
}

const TEMPLATES = new WeakMap<Resource, PodTemplate | null>();

function findPodTemplate(r: Resource): PodTemplate | undefined {
  if (r.group === '' && r.kind === 'Pod') {
    return isRecord(r.body.spec) ? { owner: r, spec: r.body.spec, labels: r.labels, annotations: r.annotations, path: '/spec' } : undefined;
  }
  const entry = TEMPLATE_AT.get(r.kind)?.get(r.group);
  if (!entry) return undefined;
  let t: any = r.body;
  for (const key of entry.path) t = isRecord(t) ? t[key] : undefined;
  if (!isRecord(t) || !isRecord(t.spec)) return undefined;
  const labels = isRecord(t.metadata?.labels) ? (t.metadata.labels as Record<string, string>) : {};
  const annotations = isRecord(t.metadata?.annotations) ? (t.metadata.annotations as Record<string, string>) : {};
  return { owner: r, spec: t.spec, labels, annotations, path: entry.pointer };
}

/** Every pod template in the set (Deployments, StatefulSets, DaemonSets, Jobs, Pods, Knative Services, ...). */
export function podTemplates(index: ObjectIndex): PodTemplate[] {
  const out: PodTemplate[] = [];
  for (const r of index.all) {
    const t = podTemplateOf(r);
    if (t) out.push(t);
  }
  return out;
}

/** Containers of a pod spec (not init containers). */
export function containers(spec: Record<string, any>): Record<string, any>[] {
  return arr(spec.containers).filter(isRecord);
}

/** Requests (or limits) of one container; a missing request counts 0. */
export function containerResources(c: Record<string, any>, which: 'requests' | 'limits'): Resources {
  const r = c.resources?.[which];
  return { cpu: parseQuantity(r?.cpu) ?? 0, memory: parseQuantity(r?.memory) ?? 0 };
}

/**
 * What the scheduler reserves for one pod: max(Σ containers + Σ sidecars, largest init container) plus pod overhead.
 * With `limits`, the same sum over limits (a container without a limit counts 0).
 */
export function podResources(spec: Record<string, any>, which: 'requests' | 'limits' = 'requests'): Resources {
  let cpu = 0;
  let memory = 0;
  for (const c of containers(spec)) {
    const r = containerResources(c, which);
    cpu += r.cpu;
    memory += r.memory;
  }
  let initCpu = 0;
  let initMemory = 0;
  for (const c of arr(spec.initContainers).filter(isRecord)) {
    const r = containerResources(c, which);
    if (c.restartPolicy === 'Always') {
      cpu += r.cpu;
      memory += r.memory;
    } else {
      initCpu = Math.max(initCpu, r.cpu);
      initMemory = Math.max(initMemory, r.memory);
    }
  }
  const overhead = which === 'requests' ? spec.overhead : undefined;
  return {
    cpu: Math.max(cpu, initCpu) + (parseQuantity(overhead?.cpu) ?? 0),
    memory: Math.max(memory, initMemory) + (parseQuantity(overhead?.memory) ?? 0),
  };
}

export function addResources(a: Resources, b: Resources, times = 1): Resources {
  return { cpu: a.cpu + b.cpu * times, memory: a.memory + b.memory * times };
}
