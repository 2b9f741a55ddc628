// The risk of each resource change of one environment: destructive, immutable, disruptive or plain, with reasons and
// what to do, renames recognized.
import type { ResourcePair } from '../match-resources.js';
import { dataLoss } from './data-kinds.js';
import { failsToSync, recreateAdvice, type DeliveryEngine } from './delivery-engine.js';
import { disruptions, removedBudget } from './disruptive-changes.js';
import { immutableChanges } from './immutable-fields.js';
import { findRenames } from './renames.js';
import type { RiskReason } from './risk.js';
import { refusedTransitions, type TransitionRules } from './transition-rules.js';

/** What classification needs besides the pairs. */
export interface RiskContext {
  /** Who applies the environment's output (advice names its knobs). */
  readonly engine: DeliveryEngine;
  /** CRD transition rules; absent: not evaluated. */
  readonly transitionRules?: TransitionRules;
}

/** The classification of one resource change. */
export interface ChangeRisk {
  readonly reasons: readonly RiskReason[];
  /** For a rename: the ids of the removed and the added object. */
  readonly renamed?: { readonly from: string; readonly to: string };
}

/** Kinds whose rename moves pods: the old ones stop, the new ones start, with no rolling update across the names. */
const WORKLOAD_KINDS = new Set(['apps/Deployment', 'apps/DaemonSet', 'apps/ReplicaSet', 'argoproj.io/Rollout', 'serving.knative.dev/Service']);

/** Reasons per pair id (pairs without reasons or rename are left out). */
export function classifyPairs(pairs: readonly ResourcePair[], ctx: RiskContext): Map<string, ChangeRisk> {
  const out = new Map<string, ChangeRisk>();
  const renames = findRenames(pairs);
  const renamedFrom = new Map(renames.map((r) => [r.from, r]));
  const renamedTo = new Map(renames.map((r) => [r.to, r]));
  for (const pair of pairs) {
    const groupKind = `${pair.group}/${pair.kind}`;
    const reasons: RiskReason[] = [];
    const rename = renamedFrom.get(pair.id) ?? renamedTo.get(pair.id);
    if (pair.before && pair.after) reasons.push(...updateReasons(groupKind, pair, ctx));
    else if (pair.before) reasons.push(...removalReasons(groupKind, rename?.to));
    if (reasons.length > 0 || rename) out.set(pair.id, { reasons, ...(rename ? { renamed: rename } : {}) });
  }
  return out;
}

function updateReasons(groupKind: string, pair: ResourcePair, ctx: RiskContext): RiskReason[] {
  const before = pair.before!.object;
  const after = pair.after!.object;
  const advice = recreateAdvice(ctx.engine);
  const refused = [...immutableChanges(groupKind, before, after)];
  if (ctx.transitionRules) {
    const rules = ctx.transitionRules(String(after.apiVersion ?? ''), pair.kind);
    if (rules.length > 0) refused.push(...refusedTransitions(rules, before, after));
  }
  return [
    ...refused.map((r) => ({
      risk: 'immutable' as const,
      path: r.path,
      message: `${failsToSync(ctx.engine)}: ${r.message}`,
      advice: dataLoss(groupKind) ? `${advice}; careful: ${dataLoss(groupKind)}` : advice,
    })),
    ...disruptions(groupKind, before, after).map((d) => ({ risk: 'disruptive' as const, ...d })),
  ];
}

function removalReasons(groupKind: string, renamedTo: string | undefined): RiskReason[] {
  const loss = dataLoss(groupKind);
  const what = renamedTo ? 'a rename is a delete and a create: ' : '';
  if (loss) {
    return [
      {
        risk: 'destructive',
        path: '',
        message: `${what}${loss}`,
        advice: renamedTo
          ? 'keep the old name (a rename cannot move data), or move the data first and acknowledge the deletion (review.acknowledge)'
          : 'back up or move its data first, then acknowledge the deletion (review.acknowledge); to keep the object, restore it or mark it `argocd.argoproj.io/sync-options: Prune=false` before merging',
      },
    ];
  }
  if (renamedTo && WORKLOAD_KINDS.has(groupKind))
    return [{ risk: 'disruptive', path: '', message: `${what}its pods stop while the new ones start (no rolling update across names)` }];
  const budget = removedBudget(groupKind);
  return budget && !renamedTo ? [{ risk: 'disruptive', ...budget }] : [];
}
