import type { Problem } from '../types.js';
import { BUILT_IN_CLASSES } from './priorities.js';
import { report, type Rule } from './rule.js';

/** priorityClassName references a PriorityClass of the set (or a built-in one). */
export const priorityClassExists: Rule = {
  id: 'priority-class-exists',
  severity: 'error',
  doc:
    'Every `priorityClassName` of a pod template names a PriorityClass in the set, or one of the built-in ' +
    '`system-cluster-critical` and `system-node-critical`. The Priority admission plugin rejects pods that name a ' +
    "missing class, so the workload's ReplicaSet never creates a pod.",
  check(ctx) {
    const out: Problem[] = [];
    for (const t of ctx.podTemplates) {
      const name = t.spec.priorityClassName;
      if (typeof name !== 'string' || name === '' || BUILT_IN_CLASSES.has(name)) continue;
      if (ctx.index.get('scheduling.k8s.io', 'PriorityClass', '', name)) continue;
      out.push(report(this, t.owner, `${t.path}/priorityClassName`, `priorityClassName "${name}" names no PriorityClass in the set`));
    }
    return out;
  },
};
