import { formatCpu, formatMemory } from '../../manifest/quantity.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** Worst-case demand of the pods a pool must host, plus overprovisioning, stays within the pool's limits. */
export const poolLimitsHeadroom: Rule = {
  id: 'pool-limits-headroom',
  severity: 'warning',
  doc:
    'For every Karpenter pool (or group of pools that can host the same pods), Σ(maxReplicas × requests) of the ' +
    'workloads that can land there (maxReplicas from their HPA or ScaledObject, else `replicas`), plus the ' +
    "overprovisioning placeholders, stays within the pools' `limits`. Above them Karpenter stops adding nodes " +
    'before the autoscalers reach their maximum, and the extra replicas stay Pending at the worst moment. The ' +
    'warning gives the numbers; `elastic-gitops plan` shows the whole table.',
  check(ctx) {
    const out: Problem[] = [];
    for (const g of ctx.capacity.groups) {
      const over: string[] = [];
      if (g.demand.cpu > g.limits.cpu)
        over.push(
          `cpu ${formatCpu(g.demand.cpu)} (of which overprovisioning ${formatCpu(g.overprovisioning.cpu)}) > limit ${formatCpu(g.limits.cpu)}`,
        );
      if (g.demand.memory > g.limits.memory)
        over.push(
          `memory ${formatMemory(g.demand.memory)} (of which overprovisioning ${formatMemory(g.overprovisioning.memory)}) > limit ${formatMemory(g.limits.memory)}`,
        );
      if (over.length === 0) continue;
      const first = g.pools[0]!;
      const names = g.pools.map((p) => `"${p.resource.name}"`).join(' + ');
      out.push(
        report(
          this,
          first.resource,
          first.limitsPath,
          `worst case at maxReplicas exceeds the limits of ${first.resource.kind} ${names}: ${over.join('; ')}`,
        ),
      );
    }
    return out;
  },
};
