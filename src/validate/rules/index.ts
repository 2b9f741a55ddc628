// Cross-resource rules: checks that need the whole set of objects, not one object at a time.
import { ARGOCD_FOLDER, FLUX_OPERATORS_FOLDER } from '../../../charts/gitops/gitops-naming.js';
import { ObjectIndex } from '../../manifest/object-index.js';
import type { ManifestDoc, Problem } from '../types.js';
import { autoscaledReplicasUnset } from './autoscaled-replicas-unset.js';
import { autoscalerReplicaBounds } from './autoscaler-replica-bounds.js';
import { converges } from './converges.js';
import { istioConflictingHosts } from './istio-conflicting-hosts.js';
import { istioDestinationExists } from './istio-destination-exists.js';
import { istioGatewayExists } from './istio-gateway-exists.js';
import { istioHostInGateway } from './istio-host-in-gateway.js';
import { karmadaSelectorMatches } from './karmada-selector-matches.js';
import { karpenterV1alpha5Webhook } from './karpenter-v1alpha5-webhook.js';
import { kedaCpuMemoryMinReplicas } from './keda-cpu-memory-min-replicas.js';
import { kedaFallbackTriggers } from './keda-fallback-triggers.js';
import { kedaNameLength } from './keda-name-length.js';
import { kedaSingleAutoscaler } from './keda-single-autoscaler.js';
import { kedaUniqueTriggerNames } from './keda-unique-trigger-names.js';
import { monitorSelectsTargets } from './monitor-selects-targets.js';
import { overprovisioningPreemptionNever } from './overprovisioning-preemption-never.js';
import { overprovisioningPriority } from './overprovisioning-priority.js';
import { podFitsInstanceType } from './pod-fits-instance-type.js';
import { poolLimitsHeadroom } from './pool-limits-headroom.js';
import { priorityClassExists } from './priority-class-exists.js';
import { priorityClassSingleDefault } from './priority-class-single-default.js';
import { prometheusSelectsMonitor } from './prometheus-selects-monitor.js';
import { promqlSyntax } from './promql-syntax.js';
import { RuleContext, type Rule } from './rule.js';
import { scaleTargetExists } from './scale-target-exists.js';
import { utilizationNeedsRequests } from './utilization-needs-requests.js';

export type { Rule } from './rule.js';

/** The subfolder of an environment folder that holds its Argo CD objects or Flux operators. */
const DELIVERY_SUBFOLDER = new RegExp(`/(${ARGOCD_FOLDER}|${FLUX_OPERATORS_FOLDER})$`);

/** Every rule, in the order of the README. */
export const RULES: readonly Rule[] = [
  kedaSingleAutoscaler,
  autoscalerReplicaBounds,
  kedaUniqueTriggerNames,
  kedaNameLength,
  kedaCpuMemoryMinReplicas,
  kedaFallbackTriggers,
  scaleTargetExists,
  autoscaledReplicasUnset,
  utilizationNeedsRequests,
  promqlSyntax,
  podFitsInstanceType,
  poolLimitsHeadroom,
  istioDestinationExists,
  istioGatewayExists,
  istioHostInGateway,
  istioConflictingHosts,
  priorityClassExists,
  priorityClassSingleDefault,
  overprovisioningPriority,
  overprovisioningPreemptionNever,
  karpenterV1alpha5Webhook,
  monitorSelectsTargets,
  prometheusSelectsMonitor,
  karmadaSelectorMatches,
  converges,
];

/**
 * Runs every cross-resource rule over the objects and returns their problems (errors and warnings), by file and line.
 * Objects of different directories are checked as different clusters (the `dist/<env>/` layout: `validate dist/` and
 * synth check every environment on its own); the objects of one directory, or of one file, are one set. An
 * environment's `argocd/` and `operators/` subfolders belong to its set: they deliver it.
 */
export function runRules(docs: readonly ManifestDoc[]): Problem[] {
  const byDir = new Map<string, ManifestDoc[]>();
  for (const d of docs) {
    const dir = d.file.replaceAll('\\', '/').replace(/\/?[^/]*$/, '').replace(DELIVERY_SUBFOLDER, '');
    const list = byDir.get(dir);
    if (list) list.push(d);
    else byDir.set(dir, [d]);
  }
  const problems: Problem[] = [];
  for (const group of byDir.values()) {
    const ctx = new RuleContext(new ObjectIndex(group));
    for (const rule of RULES) problems.push(...rule.check(ctx));
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
