import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** An autoscaled workload leaves `spec.replicas` to its autoscaler. */
export const autoscaledReplicasUnset: Rule = {
  id: 'autoscaled-replicas-unset',
  severity: 'error',
  doc:
    'A workload targeted by an HPA or ScaledObject does not set `spec.replicas`. Argo CD and Flux apply the ' +
    'manifest as the desired state, so every sync resets the replica count the autoscaler chose (and a rollout ' +
    'briefly drops to that number); leave the field out and let the autoscaler own it.',
  check(ctx) {
    const out: Problem[] = [];
    const reported = new Set<unknown>();
    for (const a of ctx.autoscalers) {
      const w = ctx.index.get(a.target.group, a.target.kind, a.resource.namespace, a.target.name);
      if (!w || reported.has(w) || w.body.spec?.replicas === undefined) continue;
      reported.add(w);
      out.push(
        report(
          this,
          w,
          '/spec/replicas',
          `replicas (${JSON.stringify(w.body.spec.replicas)}) is set but ${a.resource.kind} "${a.resource.name}" scales this ${w.kind}: remove it, a GitOps sync would reset the autoscaler's count`,
        ),
      );
    }
    return out;
  },
};
