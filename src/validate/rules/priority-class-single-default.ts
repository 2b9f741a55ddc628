import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** At most one PriorityClass is the global default. */
export const priorityClassSingleDefault: Rule = {
  id: 'priority-class-single-default',
  severity: 'error',
  doc:
    'At most one PriorityClass sets `globalDefault: true`. The API server rejects a second one, and the priority ' +
    'of every pod without a `priorityClassName` would depend on which was applied first.',
  check(ctx) {
    const defaults = ctx.index.of('scheduling.k8s.io', 'PriorityClass').filter((c) => c.body.globalDefault === true);
    return defaults
      .slice(1)
      .map((c): Problem => report(this, c, '/globalDefault', `globalDefault (true) is already set by PriorityClass "${defaults[0]!.name}"`));
  },
};
