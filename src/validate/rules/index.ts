// Cross-resource rules: checks that need the whole set of objects, not one object at a time.
import { appliedFolders, folderMatch, KARMADA_FOLDER } from '../../convergence/delivery.js';
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
import { karpenterAwsNodeTemplateWebhook } from './karpenter-awsnodetemplate-webhook.js';
import { karpenterV1alpha5Webhook } from './karpenter-v1alpha5-webhook.js';
import { kedaCachedMetrics } from './keda-cached-metrics.js';
import { kedaCpuMemoryMinReplicas } from './keda-cpu-memory-min-replicas.js';
import { kedaCpuMemoryRequests } from './keda-cpu-memory-requests.js';
import { kedaFallbackTriggers } from './keda-fallback-triggers.js';
import { kedaHpaBehavior } from './keda-hpa-behavior.js';
import { kedaIgnoredIntervals } from './keda-ignored-intervals.js';
import { kedaNameLength } from './keda-name-length.js';
import { kedaScalingModifiers } from './keda-scaling-modifiers.js';
import { kedaSingleAutoscaler } from './keda-single-autoscaler.js';
import { kedaTriggerAuthentication } from './keda-trigger-authentication.js';
import { kedaUniqueTriggerNames } from './keda-unique-trigger-names.js';
import { monitorSelectsTargets } from './monitor-selects-targets.js';
import { overprovisioningPreemptionNever } from './overprovisioning-preemption-never.js';
import { overprovisioningPriority } from './overprovisioning-priority.js';
import { podFitsInstanceType } from './pod-fits-instance-type.js';
import { podSecurityEnforce } from './pod-security-enforce.js';
import { podSecurityLabels } from './pod-security-labels.js';
import { podSecurityWarn } from './pod-security-warn.js';
import { poolLimitsHeadroom } from './pool-limits-headroom.js';
import { priorityClassExists } from './priority-class-exists.js';
import { priorityClassSingleDefault } from './priority-class-single-default.js';
import { prometheusSelectsMonitor } from './prometheus-selects-monitor.js';
import { promqlSyntax } from './promql-syntax.js';
import { RuleContext, type Rule } from './rule.js';
import { scaleTargetExists } from './scale-target-exists.js';
import { scalingQueryCounterRate } from './scaling-query-counter-rate.js';
import { utilizationNeedsRequests } from './utilization-needs-requests.js';

export type { Rule } from './rule.js';

/** Every rule, in the order of docs/reference/rules.md (generated from this list). */
export const RULES: readonly Rule[] = [
  kedaSingleAutoscaler,
  autoscalerReplicaBounds,
  kedaUniqueTriggerNames,
  kedaNameLength,
  kedaCpuMemoryMinReplicas,
  kedaFallbackTriggers,
  kedaScalingModifiers,
  kedaCpuMemoryRequests,
  kedaCachedMetrics,
  kedaHpaBehavior,
  kedaIgnoredIntervals,
  kedaTriggerAuthentication,
  scaleTargetExists,
  autoscaledReplicasUnset,
  utilizationNeedsRequests,
  promqlSyntax,
  scalingQueryCounterRate,
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
  karpenterAwsNodeTemplateWebhook,
  monitorSelectsTargets,
  prometheusSelectsMonitor,
  karmadaSelectorMatches,
  podSecurityLabels,
  podSecurityEnforce,
  podSecurityWarn,
  converges,
];

/**
 * Runs every cross-resource rule over the objects and returns their problems (errors and warnings), by file and line.
 * Objects of different directories are checked as different clusters (the `dist/<env>/` layout: `validate dist/` and
 * synth check every environment on its own); the objects of one directory, or of one file, are one set. A folder
 * that an Argo CD Application or Flux Kustomization of a set applies (by `spec.path`) joins that set: it is the same
 * cluster (an environment's `argocd/` and `operators/` subfolders, a Flux repository's `clusters/`, `apps/`, ...);
 * an environment's `karmada/` folder joins its parent.
 */
export function runRules(docs: readonly ManifestDoc[]): Problem[] {
  const dirOf = (d: ManifestDoc): string => d.file.replaceAll('\\', '/').replace(/\/?[^/]*$/, '');
  const byDir = new Map<string, ManifestDoc[]>();
  for (const d of docs) {
    const list = byDir.get(dirOf(d));
    if (list) list.push(d);
    else byDir.set(dirOf(d), [d]);
  }
  // union of each delivering folder with the folders it applies (the best-matching one per path)
  const root = new Map<string, string>([...byDir.keys()].map((k) => [k, k]));
  const find = (k: string): string => (root.get(k) === k ? k : find(root.get(k)!));
  for (const d of docs) {
    for (const path of appliedFolders(d.object)) {
      let best: string | undefined;
      let score = 0;
      for (const dir of byDir.keys()) {
        const s = folderMatch(path, `${dir}/x`);
        if (s > score) [best, score] = [dir, s];
      }
      if (best !== undefined) root.set(find(best), find(dirOf(d)));
    }
  }
  // an environment's Karmada folder is checked with the environment (its autoscalers name the placed Deployments),
  // also where no Application applies it (an environment without gitops)
  for (const dir of byDir.keys()) {
    const parent = dir.replace(/\/?[^/]*$/, '');
    if (dir.endsWith(`/${KARMADA_FOLDER}`) && byDir.has(parent)) root.set(find(dir), find(parent));
  }
  const groups = new Map<string, ManifestDoc[]>();
  for (const [dir, list] of byDir) {
    const g = groups.get(find(dir));
    if (g) g.push(...list);
    else groups.set(find(dir), [...list]);
  }
  const problems: Problem[] = [];
  for (const group of groups.values()) {
    const ctx = new RuleContext(new ObjectIndex(group));
    for (const rule of RULES) problems.push(...rule.check(ctx));
  }
  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
