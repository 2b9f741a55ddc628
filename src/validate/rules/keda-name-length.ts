import { KEDA_NAME_MAX, kedaHpaName } from '../../manifest/keda-webhook.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** A ScaledObject's name and the name of the HPA KEDA derives from it fit in 63 characters. */
export const kedaNameLength: Rule = {
  id: 'keda-name-length',
  severity: 'error',
  doc:
    "A ScaledObject's name, and the name of the HPA KEDA creates for it (`keda-hpa-<name>`, or " +
    '`advanced.horizontalPodAutoscalerConfig.name`), are at most 63 characters: KEDA copies them into label values ' +
    '(`scaledobject.keda.sh/name`), which Kubernetes limits to 63, so a longer name makes KEDA fail at run time.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('keda.sh', 'ScaledObject')) {
      if (r.name.length > KEDA_NAME_MAX)
        out.push(report(this, r, '/metadata/name', `name "${r.name}" has ${r.name.length} characters, more than ${KEDA_NAME_MAX}`));
      const custom = r.body.spec?.advanced?.horizontalPodAutoscalerConfig?.name;
      const hpa = kedaHpaName(r.name, typeof custom === 'string' ? custom : undefined);
      if (hpa.length > KEDA_NAME_MAX && (custom || r.name.length <= KEDA_NAME_MAX)) {
        out.push(
          report(
            this,
            r,
            custom ? '/spec/advanced/horizontalPodAutoscalerConfig/name' : '/metadata/name',
            `derived HPA name "${hpa}" has ${hpa.length} characters, more than ${KEDA_NAME_MAX}${custom ? '' : ` (keep the name within ${KEDA_NAME_MAX - 'keda-hpa-'.length} characters or set advanced.horizontalPodAutoscalerConfig.name)`}`,
          ),
        );
      }
    }
    return out;
  },
};
