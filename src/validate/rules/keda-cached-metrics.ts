import { arr } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

const UNCACHED = new Set(['cpu', 'memory', 'cron']);

/** `useCachedMetrics` only on scalers that query a source: KEDA's ValidateTriggers (scaletriggers_types.go, v2.20.2). */
export const kedaCachedMetrics: Rule = {
  id: 'keda-cached-metrics',
  severity: 'error',
  doc:
    'No `cpu`, `memory` or `cron` trigger of a ScaledObject or ScaledJob sets `useCachedMetrics: true`: their values ' +
    "are not read from a source KEDA could cache, and KEDA's webhook (ValidateTriggers) rejects the property there.",
  check(ctx) {
    const out: Problem[] = [];
    for (const r of [...ctx.index.of('keda.sh', 'ScaledObject'), ...ctx.index.of('keda.sh', 'ScaledJob')]) {
      for (const [i, t] of arr(r.body.spec?.triggers).entries()) {
        if (t?.useCachedMetrics === true && UNCACHED.has(t.type))
          out.push(report(this, r, `/spec/triggers/${i}/useCachedMetrics`, `property "useCachedMetrics" is not supported for "${t.type}" scaler`));
      }
    }
    return out;
  },
};
