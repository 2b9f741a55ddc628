import { arr, isRecord } from '../../manifest/object-index.js';
import { fallbackProblem } from '../../manifest/keda-webhook.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** `fallback` only with AverageValue triggers and no cpu/memory triggers. */
export const kedaFallbackTriggers: Rule = {
  id: 'keda-fallback-triggers',
  severity: 'error',
  doc:
    'A ScaledObject with `fallback` has only triggers with `metricType: AverageValue` (the default when unset) and no `cpu` or `memory` ' +
    'trigger: KEDA computes fallback replicas by feeding the HPA a per-pod average, which resource metrics and ' +
    '`Value` targets cannot take, and its webhook rejects anything else.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('keda.sh', 'ScaledObject')) {
      if (!isRecord(r.body.spec?.fallback)) continue;
      for (const [i, t] of arr(r.body.spec.triggers).entries()) {
        const problem = fallbackProblem(t?.type, t?.metricType);
        if (problem === 'resource-trigger') {
          out.push(
            report(
              this,
              r,
              `/spec/triggers/${i}/type`,
              `fallback is set but trigger ${i} is "${t.type}": fallback does not support cpu or memory triggers`,
            ),
          );
        } else if (problem === 'metric-type') {
          out.push(
            report(
              this,
              r,
              `/spec/triggers/${i}/metricType`,
              `fallback is set but trigger ${i} ("${t?.type}") has metricType "${t.metricType}": fallback needs AverageValue (the default when unset)`,
            ),
          );
        }
      }
    }
    return out;
  },
};
