import { arr } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/**
 * pollingInterval and cooldownPeriod that KEDA never uses: the warnings of verifyScaledObjects (kedacore/keda
 * apis/keda/v1alpha1/scaledobject_webhook.go, v2.20.2), as scaledobject_webhook_test.go exercises them.
 */
export const kedaIgnoredIntervals: Rule = {
  id: 'keda-ignored-intervals',
  severity: 'warning',
  doc:
    'A ScaledObject that never scales to zero (`minReplicaCount` above 0 and `idleReplicaCount` unset or not 0) ' +
    'sets no `pollingInterval` (unless a trigger has `useCachedMetrics`) and no `cooldownPeriod`: KEDA polls and ' +
    "cools down only to activate from and to zero; above it the HPA decides. KEDA's webhook warns about both.",
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('keda.sh', 'ScaledObject')) {
      const spec = r.body.spec ?? {};
      const min = typeof spec.minReplicaCount === 'number' ? spec.minReplicaCount : 0;
      const neverIdle = spec.idleReplicaCount === undefined || spec.idleReplicaCount !== 0;
      if (!(min > 0 && neverIdle)) continue;
      const cached = arr(spec.triggers).some((t) => t?.useCachedMetrics === true);
      if (spec.pollingInterval !== undefined && !cached) {
        out.push(
          report(
            this,
            r,
            '/spec/pollingInterval',
            'PollingInterval is configured but is not relevant. PollingInterval is only relevant when minReplicaCount = 0 or idleReplicaCount = 0 or useCachedMetrics is enabled',
          ),
        );
      }
      if (spec.cooldownPeriod !== undefined) {
        out.push(
          report(
            this,
            r,
            '/spec/cooldownPeriod',
            'CooldownPeriod is configured but is not relevant. CooldownPeriod is only relevant when minReplicaCount = 0 or idleReplicaCount = 0',
          ),
        );
      }
    }
    return out;
  },
};
