import { containers, podTemplateOf } from '../../manifest/workloads.js';
import { parseQuantity } from '../../manifest/quantity.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** Utilization targets are percentages of requests: every counted container needs one. */
export const utilizationNeedsRequests: Rule = {
  id: 'utilization-needs-requests',
  severity: 'error',
  doc:
    'CPU or memory utilization scaling (an HPA `Resource`/`ContainerResource` metric with `type: Utilization`, a ' +
    'KEDA `cpu`/`memory` trigger with the default `Utilization` metric type) needs a request for that resource on ' +
    "every container of the target's pods (or on the named container; a limit alone counts, the API server copies it " +
    'into the missing request): utilization is usage divided by requests, ' +
    'and the HPA reports `FailedGetResourceMetric` and stops scaling when one is missing.',
  check(ctx) {
    const out: Problem[] = [];
    for (const a of ctx.autoscalers) {
      const w = ctx.index.get(a.target.group, a.target.kind, a.resource.namespace, a.target.name);
      const t = w && podTemplateOf(w);
      if (!t) continue;
      for (const s of a.signals) {
        if (!s.utilizationOf) continue;
        const resource = s.utilizationOf;
        for (const [i, c] of containers(t.spec).entries()) {
          if (s.container !== undefined && c.name !== s.container) continue;
          // the API server defaults a missing request to the limit (pkg/apis/core/v1/defaults.go, SetDefaults_Pod)
          const request = c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
          if ((parseQuantity(request) ?? 0) > 0) continue;
          out.push(
            report(
              this,
              w,
              `${t.path}/containers/${i}/resources/requests/${resource}`,
              `container "${c.name}" has no ${resource} request but ${a.resource.kind} "${a.resource.name}" scales on ${resource} utilization`,
            ),
          );
        }
      }
    }
    return out;
  },
};
