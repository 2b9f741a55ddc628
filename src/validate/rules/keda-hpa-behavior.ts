import { isRecord } from '../../manifest/object-index.js';
import { Findings } from '../apiserver/field-errors.js';
import { validateBehavior } from '../apiserver/hpa.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

const BEHAVIOR = '/spec/advanced/horizontalPodAutoscalerConfig/behavior';

/** The HPA behavior of a ScaledObject is one the API server accepts on the HPA KEDA creates from it. */
export const kedaHpaBehavior: Rule = {
  id: 'keda-hpa-behavior',
  severity: 'error',
  doc:
    "A ScaledObject's `advanced.horizontalPodAutoscalerConfig.behavior` passes the API server's HPA validation " +
    '(validateBehavior: stabilizationWindowSeconds 0 to 3600, policies with a positive value and a periodSeconds of ' +
    '1 to 1800): KEDA copies it into the HPA it creates, and the ScaledObject is admitted but its HPA never is ' +
    '(kedacore/keda scaledobject_webhook_test.go "shouldn\'t create so when stabilizationWindowSeconds exceeds 3600").',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('keda.sh', 'ScaledObject')) {
      const behavior = r.body.spec?.advanced?.horizontalPodAutoscalerConfig?.behavior;
      if (!isRecord(behavior)) continue;
      const f = new Findings();
      validateBehavior(behavior, BEHAVIOR, f);
      for (const p of f.list) out.push(report(this, r, p.path, `the HPA KEDA creates would be refused: ${p.message}`));
    }
    return out;
  },
};
