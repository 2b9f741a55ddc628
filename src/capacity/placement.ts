// Which node pools a pod can land on: nodeSelector and required node affinity against pool labels and
// requirements, tolerations against pool taints; and which of the pool's instance types remain.
import { arr, isRecord } from '../manifest/object-index.js';
import { INSTANCE_LABEL_KEYS, instanceLabels, normalizeLabelKey, type InstanceType } from './ec2-instance-types.js';
import { readRequirements, satisfies, type NodePool, type Requirement, type Taint } from './node-pools.js';

/**
 * The pool's instance types a pod with this spec can run on; empty when the pod cannot land on the pool
 * (an untolerated NoSchedule/NoExecute taint, a selector no node of the pool matches).
 */
export function typesForPod(pool: NodePool, podSpec: Record<string, any>): InstanceType[] {
  const tolerations = arr(podSpec.tolerations).filter(isRecord);
  if (!pool.taints.every((t) => t.effect === 'PreferNoSchedule' || tolerations.some((tol) => tolerates(tol, t)))) return [];
  const selector: Requirement[] = isRecord(podSpec.nodeSelector)
    ? Object.entries(podSpec.nodeSelector).map(([k, v]) => ({ key: normalizeLabelKey(k), operator: 'In', values: [String(v)] }))
    : [];
  const terms = arr(podSpec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms)
    .filter(isRecord)
    .map((t) => readRequirements(t.matchExpressions));
  const alternatives = terms.length > 0 ? terms.map((t) => [...selector, ...t]) : [selector];
  const out = new Set<InstanceType>();
  for (const reqs of alternatives) {
    if (!reqs.every((r) => INSTANCE_LABEL_KEYS.has(r.key) || nodeLabelCompatible(pool, r))) continue;
    const own = reqs.filter((r) => INSTANCE_LABEL_KEYS.has(r.key));
    if (own.length === 0) return [...pool.types]; // nothing narrows the types: every one qualifies
    for (const t of pool.types) {
      const labels = instanceLabels(t);
      if (own.every((r) => satisfies(labels[r.key], r))) out.add(t);
    }
  }
  return pool.types.filter((t) => out.has(t));
}

/** Whether a pod can land on the pool at all (see typesForPod); pools with unknown types count by labels and taints. */
export function podCanLand(pool: NodePool, podSpec: Record<string, any>): boolean {
  if (typesForPod(pool, podSpec).length > 0) return true;
  if (pool.typesKnown) return false;
  return typesForPod({ ...pool, types: [UNKNOWN_TYPE] }, stripInstanceRequirements(podSpec)).length > 0;
}

/**
 * The pools each pod can land on, for many pods against many pools: the answer of `pools.filter((p) => podCanLand(p,
 * spec))`, in pool order, computed once per distinct scheduling constraint (nodeSelector, tolerations, required node
 * affinity) and only over the pools that carry every label the nodeSelector asks for (pools indexed by label), so a
 * fleet of pods selecting one pool each costs pods + pools, not pods × pools. Pod specs are parsed YAML or JSON.
 */
export class PoolLanding {
  /** Every label key a pool sets on its nodes. */
  public readonly labelKeys: ReadonlySet<string>;
  /** Per scheduling constraint (constraintKey): the pools, and the types of each pool asked about (typesForPod). */
  private readonly answers = new Map<string, Answer>();
  private readonly bySpec = new WeakMap<object, Answer>();
  /** Per label key: positions of the pools whose nodes have a value (by value), and of those allowing any value. */
  private readonly byLabel = new Map<string, { readonly byValue: Map<unknown, number[]>; readonly any: number[] }>();

  /** The index of a list of pools, shared by everything that asks about that list (nodePools returns one per set). */
  public static of(pools: readonly NodePool[]): PoolLanding {
    let landing = LANDINGS.get(pools);
    if (!landing) LANDINGS.set(pools, (landing = new PoolLanding(pools)));
    return landing;
  }

  public constructor(public readonly pools: readonly NodePool[]) {
    this.labelKeys = new Set(pools.flatMap((p) => Object.keys(p.labels)));
  }

  /** The pools a pod of `podSpec` can land on (podCanLand), in pool order. */
  public poolsFor(podSpec: Record<string, any>): readonly NodePool[] {
    if (this.pools.length === 0) return this.pools;
    return this.answer(podSpec).pools;
  }

  /** typesForPod(pool, podSpec), computed once per pool and scheduling constraint. */
  public typesFor(pool: NodePool, podSpec: Record<string, any>): readonly InstanceType[] {
    const { types } = this.answer(podSpec);
    let out = types.get(pool);
    if (!out) types.set(pool, (out = typesForPod(pool, podSpec)));
    return out;
  }

  /** What is known of the constraint of `podSpec`, looked up once per spec object. */
  private answer(podSpec: Record<string, any>): Answer {
    let answer = this.bySpec.get(podSpec);
    if (!answer) {
      const key = constraintKey(podSpec);
      answer = this.answers.get(key);
      if (!answer) {
        answer = { pools: this.candidates(podSpec).filter((p) => podCanLand(p, podSpec)), types: new Map() };
        this.answers.set(key, answer);
      }
      this.bySpec.set(podSpec, answer);
    }
    return answer;
  }

  /** The pools having each non-instance label of the nodeSelector (the fewest of them): no other pool can take the pod. */
  private candidates(podSpec: Record<string, any>): readonly NodePool[] {
    let best: readonly NodePool[] = this.pools;
    if (!isRecord(podSpec.nodeSelector)) return best;
    for (const [k, v] of Object.entries(podSpec.nodeSelector)) {
      const key = normalizeLabelKey(k);
      if (INSTANCE_LABEL_KEYS.has(key)) continue;
      const { byValue, any } = this.labelIndex(key);
      const at = mergeSorted(byValue.get(String(v)) ?? [], any);
      if (at.length < best.length) best = at.map((i) => this.pools[i]!);
    }
    return best;
  }

  private labelIndex(key: string): { readonly byValue: Map<unknown, number[]>; readonly any: number[] } {
    let index = this.byLabel.get(key);
    if (!index) {
      index = { byValue: new Map(), any: [] };
      for (const [i, pool] of this.pools.entries()) {
        const values = nodeValues(pool, key);
        if (values === 'any') index.any.push(i);
        else
          for (const v of new Set(values)) {
            const at = index.byValue.get(v);
            if (at) at.push(i);
            else index.byValue.set(v, [i]);
          }
      }
      this.byLabel.set(key, index);
    }
    return index;
  }
}

const LANDINGS = new WeakMap<readonly NodePool[], PoolLanding>();

interface Answer {
  readonly pools: readonly NodePool[];
  readonly types: Map<NodePool, readonly InstanceType[]>;
}

/** What podCanLand reads of a pod spec, as a string. */
function constraintKey(spec: Record<string, any>): string {
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return `${serialize(spec.nodeSelector)}|${serialize(spec.tolerations)}|${serialize(required)}`;
}

/** JSON, except that undefined, NaN and ±Infinity stay distinct from null (strings are quoted, so nothing collides). */
function serialize(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === undefined) return 'u';
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(serialize).join(',')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${JSON.stringify(k)}:${serialize(x)}`)
    .join(',')}}`;
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!);
  return out;
}

const UNKNOWN_TYPE: InstanceType = { name: 'unknown.unknown', vcpu: 0, memoryGiB: 0, maxPods: 0, arch: 'amd64' };

function stripInstanceRequirements(spec: Record<string, any>): Record<string, any> {
  const nodeSelector = isRecord(spec.nodeSelector)
    ? Object.fromEntries(Object.entries(spec.nodeSelector).filter(([k]) => !INSTANCE_LABEL_KEYS.has(normalizeLabelKey(k))))
    : undefined;
  return { ...spec, nodeSelector, affinity: undefined };
}

function tolerates(tol: Record<string, any>, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
}

/** Values a node of the pool has for a non-instance label: a list, 'any' (unconstrained), or undefined (absent). */
function nodeValues(pool: NodePool, key: string): readonly string[] | 'any' | undefined {
  if (Object.hasOwn(pool.labels, key)) return [pool.labels[key]!];
  if (key === 'karpenter.sh/nodepool' && pool.api === 'v1') return [pool.resource.name];
  if (key === 'karpenter.sh/provisioner-name' && pool.api === 'v1alpha5') return [pool.resource.name];
  const own = pool.requirements.filter((r) => r.key === key);
  const within = own.find((r) => r.operator === 'In');
  if (within) return within.values.filter((v) => own.every((r) => satisfies(v, r)));
  if (own.some((r) => r.operator === 'DoesNotExist')) return undefined;
  if (key === 'karpenter.sh/capacity-type')
    return own.length > 0 ? ['on-demand', 'spot'].filter((v) => own.every((r) => satisfies(v, r))) : ['on-demand'];
  if (own.length > 0 || key === 'topology.kubernetes.io/zone' || key === 'kubernetes.io/hostname') return 'any';
  return undefined;
}

function nodeLabelCompatible(pool: NodePool, req: Requirement): boolean {
  const values = nodeValues(pool, req.key);
  if (values === undefined) return satisfies(undefined, req);
  if (values === 'any') return req.operator !== 'DoesNotExist';
  return values.some((v) => satisfies(v, req));
}
