import type { Problem } from '../types.js';
import { podPriority, splitPlaceholders } from './priorities.js';
import { report, type Rule } from './rule.js';

/** A workload that never preempts cannot use the capacity placeholders hold. */
export const overprovisioningPreemptionNever: Rule = {
  id: 'overprovisioning-preemption-never',
  severity: 'warning',
  doc:
    'When the set holds overprovisioning placeholders, a workload whose priority has `preemptionPolicy: Never` ' +
    '(from its PriorityClass or its pod spec) cannot evict them: it waits for a new node like without ' +
    'overprovisioning, so the warm capacity does not help it. Intended for batch work; a warning so that it is a choice.',
  check(ctx) {
    const { placeholders, workloads } = splitPlaceholders(ctx.podTemplates, ctx.index);
    if (placeholders.length === 0) return [];
    const out: Problem[] = [];
    for (const t of workloads) {
      const p = podPriority(ctx.index, t);
      if (p?.preemptionPolicy !== 'Never') continue;
      out.push(
        report(
          this,
          t.owner,
          `${t.path}/priorityClassName`,
          `preemptionPolicy Never${p.className ? ` (PriorityClass "${p.className}")` : ''}: these pods cannot evict the overprovisioning placeholders and wait for new nodes`,
        ),
      );
    }
    return out;
  },
};
