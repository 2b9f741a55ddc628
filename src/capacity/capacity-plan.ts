// Worst-case demand of every scalable workload and what each node pool must host: shared by the capacity rules
// and the `plan` command.
import { autoscalers, targetKey, type Autoscaler } from '../manifest/autoscalers.js';
import type { ObjectIndex } from '../manifest/object-index.js';
import { addResources, containers, podResources, podTemplateOf, ZERO, type PodTemplate, type Resources } from '../manifest/workloads.js';
import { allocatable, type InstanceType } from './ec2-instance-types.js';
import { nodePools, type NodePool } from './node-pools.js';
import { PoolLanding } from './placement.js';

/** One workload that runs replicas of a pod. */
export interface WorkloadDemand {
  readonly template: PodTemplate;
  /** Autoscalers targeting it (normally one). */
  readonly autoscalers: readonly Autoscaler[];
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Per pod. */
  readonly requests: Resources;
  /** Per pod (a container without a limit counts 0). */
  readonly limits: Resources;
  /** maxReplicas × requests. */
  readonly worstCase: Resources;
  /** An overprovisioning placeholder (see isPlaceholder). */
  readonly placeholder: boolean;
  /** Pools the pod can land on (empty when there are none in the set or none accepts it). */
  readonly pools: readonly NodePool[];
}

/** One pool and what it must host. */
export interface PoolPlan {
  readonly pool: NodePool;
  /** Requests of the DaemonSet pods that land on each of its nodes. */
  readonly daemonsetOverhead: Resources;
  /** Σ worst cases of the workloads (not placeholders) that can land on it. */
  readonly demand: Resources;
  /** Σ replicas × requests of the placeholders that can land on it. */
  readonly overprovisioning: Resources;
  /** The largest known instance type it allows (by cpu, then memory). */
  readonly largest?: InstanceType;
}

/** Pools that share workloads, with their summed limits and demand. */
export interface PoolGroup {
  readonly pools: readonly NodePool[];
  /** Σ pool limits; Infinity when a pool of the group has no limit for the resource. */
  readonly limits: Resources;
  /** Σ worst cases plus overprovisioning of the workloads that can only land in this group. */
  readonly demand: Resources;
  readonly overprovisioning: Resources;
}

export interface CapacityPlan {
  readonly workloads: readonly WorkloadDemand[];
  readonly pools: readonly PoolPlan[];
  readonly groups: readonly PoolGroup[];
  /** The plans of the pools a pod of this spec can land on, in pool order. */
  readonly landing: (podSpec: Record<string, any>) => readonly PoolPlan[];
  /** The pool's instance types a pod of this spec can run on (typesForPod), once per pool and scheduling constraint. */
  readonly types: (pool: NodePool, podSpec: Record<string, any>) => readonly InstanceType[];
}

const WORKLOAD_KINDS: readonly (readonly [string, string])[] = [
  ['apps', 'Deployment'],
  ['apps', 'StatefulSet'],
  ['apps', 'ReplicaSet'],
  ['', 'ReplicationController'],
  ['argoproj.io', 'Rollout'],
  ['', 'Pod'],
];

/** A pause image (`pause`, `registry.k8s.io/pause:3.9`, `.../pause@sha256:...`); tested only on images naming pause. */
const PAUSE_IMAGE = /(^|\/)pause([:@]|$)/;

/**
 * Whether a pod template is an overprovisioning placeholder: every container runs the pause image, and it runs at a
 * negative priority or its name, namespace, priority class or labels say overprovisioning/placeholder (a pause
 * Deployment such as Karpenter's `inflate` load test is a workload).
 */
export function isPlaceholder(t: PodTemplate, index: ObjectIndex): boolean {
  const cs = containers(t.spec);
  if (cs.length === 0 || !cs.every((c) => typeof c.image === 'string' && c.image.includes('pause') && PAUSE_IMAGE.test(c.image))) return false;
  const cls = t.spec.priorityClassName;
  const value = typeof cls === 'string' ? index.get('scheduling.k8s.io', 'PriorityClass', '', cls)?.body.value : undefined;
  if (typeof value === 'number' && value < 0) return true;
  return /overprovision|placeholder/i.test([t.owner.name, t.owner.namespace, cls, ...Object.values(t.labels)].join(' '));
}

/** Builds the capacity plan of a set of objects. */
export function capacityPlan(index: ObjectIndex): CapacityPlan {
  const pools = nodePools(index);
  const landing = PoolLanding.of(pools);
  const byTarget = new Map<string, Autoscaler[]>();
  for (const a of autoscalers(index)) {
    const k = targetKey(a.resource.namespace, a.target);
    byTarget.set(k, [...(byTarget.get(k) ?? []), a]);
  }
  const workloads: WorkloadDemand[] = [];
  for (const r of index.ofAny(WORKLOAD_KINDS)) {
    const template = podTemplateOf(r);
    if (!template) continue;
    const scalers = byTarget.get(targetKey(r.namespace, { group: r.group, kind: r.kind, name: r.name })) ?? [];
    const fixed = r.kind === 'Pod' ? 1 : typeof r.body.spec?.replicas === 'number' ? r.body.spec.replicas : 1;
    const minReplicas = scalers.length > 0 ? Math.min(...scalers.map((s) => s.min)) : fixed;
    const maxReplicas = scalers.length > 0 ? Math.max(...scalers.map((s) => s.max)) : fixed;
    const requests = podResources(template.spec);
    workloads.push({
      template,
      autoscalers: scalers,
      minReplicas,
      maxReplicas,
      requests,
      limits: podResources(template.spec, 'limits'),
      worstCase: { cpu: requests.cpu * maxReplicas, memory: requests.memory * maxReplicas },
      placeholder: isPlaceholder(template, index),
      pools: landing.poolsFor(template.spec),
    });
  }
  // workloads of one scheduling constraint share their pools' array: sum them once per constraint, then per pool
  const byConstraint = new Map<readonly NodePool[], { demand: Resources; overprovisioning: Resources }>();
  for (const w of workloads) {
    const sums = byConstraint.get(w.pools) ?? { demand: ZERO, overprovisioning: ZERO };
    if (w.placeholder) sums.overprovisioning = addResources(sums.overprovisioning, w.worstCase);
    else sums.demand = addResources(sums.demand, w.worstCase);
    byConstraint.set(w.pools, sums);
  }
  const hosted = new Map<NodePool, { demand: Resources; overprovisioning: Resources }>();
  for (const [on, sums] of byConstraint)
    for (const p of on) {
      const h = hosted.get(p) ?? { demand: ZERO, overprovisioning: ZERO };
      hosted.set(p, { demand: addResources(h.demand, sums.demand), overprovisioning: addResources(h.overprovisioning, sums.overprovisioning) });
    }
  const overhead = new Map<NodePool, Resources>();
  for (const r of index.of('apps', 'DaemonSet')) {
    const d = podTemplateOf(r);
    if (d) for (const p of landing.poolsFor(d.spec)) overhead.set(p, addResources(overhead.get(p) ?? ZERO, podResources(d.spec)));
  }
  const poolPlans = pools.map((pool): PoolPlan => {
    const largest = [...pool.types].sort((a, b) => b.vcpu - a.vcpu || b.memoryGiB - a.memoryGiB)[0];
    return {
      pool,
      daemonsetOverhead: overhead.get(pool) ?? ZERO,
      demand: hosted.get(pool)?.demand ?? ZERO,
      overprovisioning: hosted.get(pool)?.overprovisioning ?? ZERO,
      ...(largest ? { largest } : {}),
    };
  });
  const planOf = new Map(poolPlans.map((p) => [p.pool, p]));
  const plansOf = new Map<readonly NodePool[], readonly PoolPlan[]>();
  const plans = (on: readonly NodePool[]): readonly PoolPlan[] => {
    let out = plansOf.get(on);
    if (!out) plansOf.set(on, (out = on.map((p) => planOf.get(p)!)));
    return out;
  };
  return {
    workloads,
    pools: poolPlans,
    groups: groupPools(pools, workloads),
    landing: (spec) => plans(landing.poolsFor(spec)),
    types: (pool, spec) => landing.typesFor(pool, spec),
  };
}

/** Whether a pod of `requests` fits on one of `types`, after the pool's DaemonSet overhead. */
export function fitsOne(types: readonly InstanceType[], requests: Resources, overhead: Resources): boolean {
  const need = addResources(requests, overhead);
  return types.some((t) => {
    const a = allocatable(t);
    return need.cpu <= a.cpu + 1e-9 && need.memory <= a.memory;
  });
}

/** Connected groups of pools (two pools are connected when a workload can land on both). */
function groupPools(pools: readonly NodePool[], workloads: readonly WorkloadDemand[]): PoolGroup[] {
  const parent = new Map<NodePool, NodePool>(pools.map((p) => [p, p]));
  const find = (p: NodePool): NodePool => {
    while (parent.get(p) !== p) {
      const up = parent.get(parent.get(p)!)!; // path halving: finds stay near constant on long chains
      parent.set(p, up);
      p = up;
    }
    return p;
  };
  const joined = new Set<readonly NodePool[]>(); // workloads of one constraint share their pools' array
  for (const w of workloads) {
    if (joined.has(w.pools)) continue;
    joined.add(w.pools);
    for (const p of w.pools.slice(1)) parent.set(find(p), find(w.pools[0]!));
  }
  const groups = new Map<NodePool, { members: NodePool[]; workloads: WorkloadDemand[] }>();
  for (const p of pools) {
    const root = find(p);
    if (!groups.has(root)) groups.set(root, { members: [], workloads: [] });
    groups.get(root)!.members.push(p);
  }
  for (const w of workloads) if (w.pools.length > 0) groups.get(find(w.pools[0]!))!.workloads.push(w);
  return [...groups.values()].map(({ members, workloads: inGroup }) => {
    const sum = (sel: (w: WorkloadDemand) => boolean): Resources => inGroup.filter(sel).reduce((acc, w) => addResources(acc, w.worstCase), ZERO);
    return {
      pools: members,
      limits: {
        cpu: members.reduce((acc, p) => acc + (p.limits.cpu ?? Infinity), 0),
        memory: members.reduce((acc, p) => acc + (p.limits.memory ?? Infinity), 0),
      },
      demand: addResources(
        sum((w) => !w.placeholder),
        sum((w) => w.placeholder),
      ),
      overprovisioning: sum((w) => w.placeholder),
    };
  });
}
