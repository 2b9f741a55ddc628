import { fitsOne, type PoolPlan } from '../../capacity/capacity-plan.js';
import { allocatable } from '../../capacity/ec2-instance-types.js';
import { formatCpu, formatMemory } from '../../manifest/quantity.js';
import { podResources } from '../../manifest/workloads.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** A pod must fit on at least one instance type of a pool it can land on. */
export const podFitsInstanceType: Rule = {
  id: 'pod-fits-instance-type',
  severity: 'error',
  doc:
    'A pod that can land on Karpenter pools (NodePool v1 or Provisioner v1alpha5: requirements on ' +
    '`node.kubernetes.io/instance-type`, `karpenter.k8s.aws/instance-family|category|cpu|memory|generation`, ' +
    "`kubernetes.io/arch` with In/NotIn/Exists/Gt/Lt; pool labels and taints against the pod's nodeSelector, " +
    'required node affinity and tolerations) fits on at least one instance type one of those pools allows: its ' +
    "requests plus the DaemonSet pods that also land on the node must not exceed the type's allocatable cpu and " +
    'memory (capacity minus kube-reserved, eviction threshold and VM overhead, as Karpenter estimates them, from the ' +
    'table in `src/capacity/ec2-instance-types.ts`). Otherwise the pod stays Pending forever. Pools that allow types ' +
    'missing from the table, and pods no pool accepts (they may run on other nodes), are not checked.',
  check(ctx) {
    const out: Problem[] = [];
    const plan = ctx.capacity;
    if (plan.pools.length === 0) return out;
    /** Per list of candidate pools (pods of one scheduling constraint share it): whether every pool's types are known. */
    const known = new Map<readonly PoolPlan[], boolean>();
    for (const t of ctx.podTemplates) {
      if (t.owner.kind === 'DaemonSet') continue;
      const candidates = plan.landing(t.spec);
      if (candidates.length === 0) continue;
      let typesKnown = known.get(candidates);
      if (typesKnown === undefined) known.set(candidates, (typesKnown = candidates.every((p) => p.pool.typesKnown)));
      if (!typesKnown) continue;
      const req = podResources(t.spec);
      if (candidates.some((p) => fitsOne(plan.types(p.pool, t.spec), req, p.daemonsetOverhead))) continue;
      const details = candidates.map((p) => {
        const largest = [...plan.types(p.pool, t.spec)].sort((a, b) => b.vcpu - a.vcpu || b.memoryGiB - a.memoryGiB)[0]!;
        const a = allocatable(largest);
        return `${p.pool.resource.kind} "${p.pool.resource.name}" (largest ${largest.name}: allocatable cpu ${formatCpu(a.cpu)}, memory ${formatMemory(a.memory)}; daemonsets cpu ${formatCpu(p.daemonsetOverhead.cpu)}, memory ${formatMemory(p.daemonsetOverhead.memory)})`;
      });
      out.push(
        report(
          this,
          t.owner,
          t.path,
          `pod requests cpu ${formatCpu(req.cpu)}, memory ${formatMemory(req.memory)} fit no instance type of ${details.join(', ')}`,
        ),
      );
    }
    return out;
  },
};
