import { SCALABLE_KINDS } from '../../manifest/workloads.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** The target of every ScaledObject/HPA exists in its namespace and can be scaled. */
export const scaleTargetExists: Rule = {
  id: 'scale-target-exists',
  severity: 'error',
  doc:
    'The `scaleTargetRef` of every ScaledObject and HPA names an object of that kind in the same namespace (a ' +
    'ScaledObject defaults to `apps/v1` Deployment), and that kind has a `scale` subresource: a DaemonSet never ' +
    'does. Otherwise the autoscaler only reports `FailedGetScale` once it is applied. A set with no workload at all ' +
    '(a file of autoscalers alone) is not checked.',
  check(ctx) {
    const out: Problem[] = [];
    if (ctx.podTemplates.length === 0) return out;
    for (const a of ctx.autoscalers) {
      const r = a.resource;
      const t = a.target;
      if (t.kind === 'DaemonSet') {
        out.push(report(this, r, '/spec/scaleTargetRef/kind', `scaleTargetRef kind "DaemonSet" cannot be scaled (it runs one pod per node)`));
        continue;
      }
      const found = ctx.index.get(t.group, t.kind, r.namespace, t.name);
      if (!found) {
        const sameName = ctx.index.all.find(
          (x) => x.namespace === r.namespace && x.name === t.name && x.kind !== r.kind && SCALABLE_KINDS.has(`${x.group}/${x.kind}`),
        );
        out.push(
          report(
            this,
            r,
            '/spec/scaleTargetRef',
            `scaleTargetRef ${t.group ? `${t.group}/` : ''}${t.kind} "${t.name}" not found in namespace "${r.namespace}"${sameName ? ` (there is a ${sameName.kind} of that name)` : ''}`,
          ),
        );
      }
    }
    return out;
  },
};
