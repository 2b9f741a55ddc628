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
