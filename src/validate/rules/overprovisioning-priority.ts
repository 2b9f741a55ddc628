import type { Problem } from '../types.js';
import { expendableCutoff, podPriority, splitPlaceholders } from './priorities.js';
import { report, type Rule } from './rule.js';

/** Placeholders: negative priority, not below the expendable cutoff, below every real workload. */
export const overprovisioningPriority: Rule = {
  id: 'overprovisioning-priority',
  severity: 'error',
  doc:
    'Overprovisioning placeholders (pods whose containers all run the `pause` image, named, labelled or prioritized as ' +
    'overprovisioning) have a negative priority that ' +
    "is not below Cluster Autoscaler's expendable cutoff (`--expendable-pods-priority-cutoff` on its Deployment when " +
    'it is in the set, -10 by default) and is lower than the priority of every real workload. Below the cutoff the ' +
    "autoscaler ignores them and they never add a node; at or above a workload's priority they are not preempted " +
    'for it, and the spare capacity they hold is useless.',
  check(ctx) {
    const out: Problem[] = [];
    const { placeholders, workloads } = splitPlaceholders(ctx.podTemplates, ctx.index);
    if (placeholders.length === 0) return out;
    const cutoff = expendableCutoff(ctx.index);
    const real = workloads.map((t) => ({ t, p: podPriority(ctx.index, t) })).filter((x) => x.p !== undefined);
    const lowest = real.sort((a, b) => a.p!.value - b.p!.value)[0];
    for (const t of placeholders) {
      const p = podPriority(ctx.index, t);
      if (!p) continue;
      const path = `${t.path}/priorityClassName`;
      const what = `placeholder priority ${p.value}${p.className ? ` (PriorityClass "${p.className}")` : ''}`;
      if (p.value >= 0) out.push(report(this, t.owner, path, `${what} must be negative so that any workload preempts it`));
      else if (p.value < cutoff.value) {
        out.push(
          report(
            this,
            t.owner,
            path,
            `${what} is below Cluster Autoscaler's expendable cutoff (${cutoff.value}${cutoff.source ? `, from Deployment ${cutoff.source.namespace}/${cutoff.source.name}` : ', the default'}): pending placeholders never trigger a scale-up`,
          ),
        );
      }
      if (lowest && p.value >= lowest.p!.value) {
        out.push(
          report(
            this,
            t.owner,
            path,
            `${what} must be lower than every workload's, but ${lowest.t.owner.kind} ${lowest.t.owner.namespace}/${lowest.t.owner.name} has ${lowest.p!.value}`,
          ),
        );
      }
    }
    return out;
  },
};
