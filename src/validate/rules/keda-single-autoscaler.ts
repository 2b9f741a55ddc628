import { targetKey, type Autoscaler } from '../../manifest/autoscalers.js';
import { arr, type Resource } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

const HPA_OWNERSHIP = 'validations.keda.sh/hpa-ownership';
const TRANSFER_OWNERSHIP = 'scaledobject.keda.sh/transfer-hpa-ownership';

/** One workload, one autoscaler: KEDA's admission webhook check, run offline. */
export const kedaSingleAutoscaler: Rule = {
  id: 'keda-single-autoscaler',
  severity: 'error',
  doc:
    'A workload is scaled by at most one autoscaler: two ScaledObjects, a ScaledObject and an HPA, or two HPAs on the ' +
    "same target fight over its replica count. This is the check of KEDA's validating webhook, which is often not " +
    "installed or registered with `failurePolicy: Ignore`. KEDA's escape hatches are honoured: an HPA annotated " +
    '`validations.keda.sh/hpa-ownership: "false"` is ignored, an HPA whose ownerReferences name the ScaledObject is its ' +
    'own, and a ScaledObject annotated `scaledobject.keda.sh/transfer-hpa-ownership: "true"` whose ' +
    "`advanced.horizontalPodAutoscalerConfig.name` is the HPA's name takes that HPA over.",
  check(ctx) {
    const out: Problem[] = [];
    const byTarget = new Map<string, Autoscaler[]>();
    for (const a of ctx.autoscalers) {
      const key = targetKey(a.resource.namespace, a.target);
      const prior = byTarget.get(key) ?? [];
      const other = prior.find((p) => conflicts(a.resource, p.resource));
      if (other) {
        out.push(
          report(
            this,
            a.resource,
            '/spec/scaleTargetRef',
            `${a.target.kind} "${a.target.name}" is already scaled by ${other.resource.kind} "${other.resource.name}": one workload, one autoscaler`,
          ),
        );
      }
      prior.push(a);
      byTarget.set(key, prior);
    }
    return out;
  },
};

function conflicts(a: Resource, b: Resource): boolean {
  if (a.kind === b.kind) return true;
  const so = a.kind === 'ScaledObject' ? a : b;
  const hpa = a.kind === 'ScaledObject' ? b : a;
  if (hpa.annotations[HPA_OWNERSHIP] === 'false') return false;
  if (arr(hpa.body.metadata?.ownerReferences).some((o) => o?.kind === 'ScaledObject' && o?.name === so.name)) return false;
  return !(so.annotations[TRANSFER_OWNERSHIP] === 'true' && so.body.spec?.advanced?.horizontalPodAutoscalerConfig?.name === hpa.name);
}
