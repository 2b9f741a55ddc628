import { arr, isRecord } from '../../manifest/object-index.js';
import { fallbackNeedsExternalTrigger, usesScalingModifiers } from '../../manifest/keda-webhook.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/**
 * `fallback` needs a trigger other than cpu/memory (or scalingModifiers): KEDA's CheckFallbackValid
 * (kedacore/keda apis/keda/v1alpha1/scaledobject_types.go, v2.20.2), as scaledobject_webhook_test.go exercises it.
 */
export const kedaFallbackTriggers: Rule = {
  id: 'keda-fallback-triggers',
  severity: 'error',
  doc:
    'A ScaledObject with `fallback` has at least one trigger that is not `cpu` or `memory`, or uses ' +
    '`advanced.scalingModifiers`: fallback replaces the metrics KEDA fails to read from an external source, which ' +
    "resource metrics never are, and KEDA's webhook rejects a fallback with nothing to apply to. Any `metricType` " +
    'works (KEDA 2.18 and later); cpu and memory triggers beside others simply get no fallback.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('keda.sh', 'ScaledObject')) {
      if (!isRecord(r.body.spec?.fallback)) continue;
      const types = arr(r.body.spec.triggers).map((t) => (typeof t?.type === 'string' ? t.type : undefined));
      if (fallbackNeedsExternalTrigger(types, usesScalingModifiers(r.body.spec))) {
        out.push(
          report(
            this,
            r,
            '/spec/fallback',
            'fallback is set but every trigger is cpu or memory: at least one trigger (that is not cpu or memory) is needed for the fallback to be enabled',
          ),
        );
      }
    }
    return out;
  },
};
