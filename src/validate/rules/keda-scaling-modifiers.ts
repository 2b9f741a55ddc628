import { scalingModifiersProblems } from '../../manifest/keda-webhook.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** `advanced.scalingModifiers` as KEDA's webhook accepts it. */
export const kedaScalingModifiers: Rule = {
  id: 'keda-scaling-modifiers',
  severity: 'error',
  doc:
    'A ScaledObject with `advanced.scalingModifiers` has a `formula` and a numeric `target` > 0, a `metricType` other than ' +
    '`Utilization`, and a formula that names only triggers that have a `name` (not cpu or memory ones); `fallback.behavior: ' +
    'scalingModifiers` needs a formula. KEDA compiles the formula against the named triggers and its webhook rejects anything else.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('keda.sh', 'ScaledObject')) {
      for (const p of scalingModifiersProblems(r.body.spec ?? {})) out.push(report(this, r, p.path, p.message));
    }
    return out;
  },
};
