import { arr, isRecord, type Resource } from '../../manifest/object-index.js';
import { parseQuantity } from '../../manifest/quantity.js';
import { containers, podTemplateOf } from '../../manifest/workloads.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** The kinds KEDA's webhook reads the pod template of (verifyCPUMemoryScalers: apps/v1 Deployment and StatefulSet). */
const READ_KINDS = new Set(['apps/Deployment', 'apps/StatefulSet']);

/**
 * A `cpu`/`memory` trigger needs the resource set on the target's containers: KEDA's verifyCPUMemoryScalers
 * (kedacore/keda apis/keda/v1alpha1/scaledobject_webhook.go, v2.20.2) with isWorkloadResourceSet and
 * isContainerResourceLimitSet, as scaledobject_webhook_test.go exercises it.
 */
export const kedaCpuMemoryRequests: Rule = {
  id: 'keda-cpu-memory-requests',
  severity: 'error',
  doc:
    'A ScaledObject with a `cpu` or `memory` trigger on a Deployment or StatefulSet of the set finds that resource ' +
    "on every container of the target (or on the trigger's `containerName`): a request or a limit above zero, or a " +
    '`default`/`defaultRequest` above zero in a `Container` LimitRange of the namespace. This is the check of ' +
    "KEDA's webhook (verifyCPUMemoryScalers), which rejects the ScaledObject otherwise.",
  check(ctx) {
    const out: Problem[] = [];
    const limitRanges = ctx.index.of('', 'LimitRange');
    for (const a of ctx.autoscalers) {
      if (a.resource.kind !== 'ScaledObject' || !READ_KINDS.has(`${a.target.group}/${a.target.kind}`)) continue;
      const w = ctx.index.get(a.target.group, a.target.kind, a.resource.namespace, a.target.name);
      const t = w && podTemplateOf(w);
      if (!t) continue;
      for (const [i, trigger] of arr(a.resource.body.spec?.triggers).entries()) {
        const resource = trigger?.type;
        if (resource !== 'cpu' && resource !== 'memory') continue;
        if (limitRangeDefault(limitRanges, a.resource.namespace, resource)) continue;
        const only = typeof trigger.metadata?.containerName === 'string' ? trigger.metadata.containerName : '';
        const missing = containers(t.spec).find((c) => (only === '' || c.name === only) && !resourceSet(c, resource));
        if (missing) {
          out.push(
            report(
              this,
              a.resource,
              `/spec/triggers/${i}`,
              `the scaledobject has a ${resource} trigger but the container ${missing.name} doesn't have the ${resource} request defined`,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** isWorkloadResourceSet: the request or the limit is above zero. */
function resourceSet(c: Record<string, any>, resource: string): boolean {
  return (parseQuantity(c.resources?.requests?.[resource]) ?? 0) > 0 || (parseQuantity(c.resources?.limits?.[resource]) ?? 0) > 0;
}

/** isContainerResourceLimitSet: a `Container` LimitRange item of the namespace defaults the resource above zero. */
function limitRangeDefault(ranges: readonly Resource[], namespace: string, resource: string): boolean {
  return ranges.some(
    (r) =>
      r.namespace === namespace &&
      arr(r.body.spec?.limits).some(
        (l) =>
          isRecord(l) &&
          l.type === 'Container' &&
          ((parseQuantity(l.defaultRequest?.[resource]) ?? 0) > 0 || (parseQuantity(l.default?.[resource]) ?? 0) > 0),
      ),
  );
}
