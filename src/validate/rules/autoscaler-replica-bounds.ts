import { isRecord } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** minReplicas ≤ maxReplicas (ScaledObject and HPA); idleReplicaCount < minReplicaCount (ScaledObject). */
export const autoscalerReplicaBounds: Rule = {
  id: 'autoscaler-replica-bounds',
  severity: 'error',
  doc:
    'Replica bounds are consistent: `minReplicaCount` ≤ `maxReplicaCount` (KEDA defaults 0 and 100) and ' +
    "`idleReplicaCount` < `minReplicaCount` on a ScaledObject, as KEDA's webhook requires (otherwise KEDA refuses it " +
    'or never leaves the idle state), and `minReplicas` ≤ `maxReplicas` on an HPA, which the API server would reject.',
  check(ctx) {
    const out: Problem[] = [];
    for (const a of ctx.autoscalers) {
      const r = a.resource;
      const spec = isRecord(r.body.spec) ? r.body.spec : {};
      const so = r.kind === 'ScaledObject';
      const [minF, maxF] = so ? ['minReplicaCount', 'maxReplicaCount'] : ['minReplicas', 'maxReplicas'];
      if (a.min > a.max) out.push(report(this, r, `/spec/${minF}`, `${minF} (${a.min}) must be <= ${maxF} (${a.max})`));
      if (so && typeof spec.idleReplicaCount === 'number' && spec.idleReplicaCount >= a.min) {
        out.push(report(this, r, '/spec/idleReplicaCount', `idleReplicaCount (${spec.idleReplicaCount}) must be < minReplicaCount (${a.min})`));
      }
    }
    return out;
  },
};
