import { onlyResourceTriggers } from '../../manifest/keda-webhook.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** A ScaledObject with only cpu/memory triggers cannot scale to zero. */
export const kedaCpuMemoryMinReplicas: Rule = {
  id: 'keda-cpu-memory-min-replicas',
  severity: 'error',
  doc:
    "A ScaledObject whose triggers are all `cpu` or `memory` sets `minReplicaCount` ≥ 1 (KEDA's default is 0): " +
    'resource metrics come from running pods, so a workload scaled to zero never produces the metric that would ' +
    "scale it up again. KEDA's webhook rejects it; add an event trigger (prometheus, cron, ...) to scale to zero.",
  check(ctx) {
    const out: Problem[] = [];
    for (const a of ctx.autoscalers) {
      if (a.resource.kind !== 'ScaledObject' || a.signals.length === 0) continue;
      if (onlyResourceTriggers(a.signals.map((s) => s.type)) && a.min === 0) {
        out.push(
          report(
            this,
            a.resource,
            '/spec/minReplicaCount',
            `minReplicaCount (${a.resource.body.spec?.minReplicaCount ?? 'unset, default 0'}) must be >= 1 when every trigger is cpu or memory`,
          ),
        );
      }
    }
    return out;
  },
};
