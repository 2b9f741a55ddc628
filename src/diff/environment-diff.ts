// What changes, environment by environment and resource by resource, between two renders.
import { isDeepStrictEqual } from 'node:util';
import type { Acknowledgement } from '../config/model/review.js';
import type { SerializedEnvironment } from '../synth/serialize.js';
import { fieldChanges, type FieldChange } from './field-changes.js';
import { maskResource, maskResourcePair } from './mask.js';
import { matchResources, type ResourceKey, type ResourcePair } from './match-resources.js';
import { isAcknowledged } from './risk/acknowledge.js';
import { classifyPairs, type ChangeRisk } from './risk/classify-change.js';
import { deliveryEngine } from './risk/delivery-engine.js';
import { RISKS, worst, type Risk, type RiskReason } from './risk/risk.js';
import type { TransitionRules } from './risk/transition-rules.js';
import { semanticSummary } from './semantic-summary.js';
import { unifiedDiff } from './unified-diff.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

/** One resource of an environment that was added, removed or changed (values masked). */
export interface ResourceChange extends ResourceKey {
  readonly change: ChangeKind;
  /** `group/Kind namespace/name` (`group/Kind name` when cluster-scoped; core group written `core`). */
  readonly id: string;
  /** The worst of `reasons` (`plain` without any). */
  readonly risk: Risk;
  /** Why the change is destructive, immutable or disruptive, worst first. */
  readonly reasons: readonly RiskReason[];
  /** A removal and an addition that are one rename: ids of the removed and the added object. */
  readonly renamed?: { readonly from: string; readonly to: string };
  /** The environment's `review.acknowledge` covers this change: `--fail-on` lets it pass. */
  readonly acknowledged?: true;
  /** Output file (relative to the output root) of the new version, or of the old one when removed. */
  readonly file: string;
  /** Changed fields with old → new values (changed resources only). */
  readonly fields: readonly FieldChange[];
  /** Unified diff of the resource's YAML. */
  readonly patch: string;
}

/** The changes of one environment. */
export interface EnvironmentDiff {
  readonly env: string;
  /** `added`/`removed`: the environment exists on one side only (all its resources are added/removed). */
  readonly status: 'added' | 'removed' | 'both';
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Changes per risk (acknowledged ones included). */
  readonly risks: Readonly<Record<Risk, number>>;
  /** What a person would say of the changes: `web: max replicas 10 → 17; +1 NodePool \`gpu\`; 3 Deployments roll` ('' without any). */
  readonly summary: string;
  /** Sorted by id. */
  readonly changes: readonly ResourceChange[];
}

/** How diffRenders classifies risk. */
export interface DiffRendersOptions {
  /** CRD transition rules (x-kubernetes-validations naming oldSelf); absent: not evaluated. */
  readonly transitionRules?: TransitionRules;
}

/**
 * Per environment (sorted by name), the resources added, removed and changed from `before` to `after`, each with its
 * risk; the acknowledgements are the working tree's (`after`).
 */
export function diffRenders(
  before: readonly SerializedEnvironment[],
  after: readonly SerializedEnvironment[],
  options: DiffRendersOptions = {},
): EnvironmentDiff[] {
  const envs = [...new Set([...before.map((e) => e.env), ...after.map((e) => e.env)])].sort();
  return envs.map((env) => {
    const b = before.find((e) => e.env === env);
    const a = after.find((e) => e.env === env);
    const pairs = matchResources(b?.docs ?? [], a?.docs ?? []);
    const classified = classifyPairs(pairs, { engine: deliveryEngine(a?.docs ?? b?.docs ?? []), transitionRules: options.transitionRules });
    const changes = pairs.flatMap((pair) => resourceChange(pair, classified.get(pair.id), a?.acknowledged ?? []) ?? []);
    const counts = { added: 0, changed: 0, removed: 0 };
    for (const c of changes) counts[c.change]++;
    const risks = Object.fromEntries(RISKS.map((r) => [r, 0])) as Record<Risk, number>;
    for (const c of changes) risks[c.risk]++;
    return { env, status: !b ? 'added' : !a ? 'removed' : 'both', counts, risks, summary: semanticSummary(pairs, changes), changes };
  });
}

/** Whether any environment has a change. */
export function hasChanges(diffs: readonly EnvironmentDiff[]): boolean {
  return diffs.some((d) => d.changes.length > 0);
}

function resourceChange(pair: ResourcePair, classified: ChangeRisk | undefined, acks: readonly Acknowledgement[]): ResourceChange | undefined {
  const { before, after, ...key } = pair;
  if (before && after && isDeepStrictEqual(before.object, after.object)) return undefined;
  const change: ChangeKind = before && after ? 'changed' : after ? 'added' : 'removed';
  const reasons = [...(classified?.reasons ?? [])].sort((x, y) => RISKS.indexOf(x.risk) - RISKS.indexOf(y.risk));
  const risk = worst(reasons.map((r) => r.risk));
  const head = {
    ...key,
    change,
    risk,
    reasons,
    ...(classified?.renamed ? { renamed: classified.renamed } : {}),
    ...(risk !== 'plain' && isAcknowledged({ ...key, risk }, acks) ? { acknowledged: true as const } : {}),
  };
  if (before && after) {
    const [b, a] = maskResourcePair(before.object, after.object);
    const patch = unifiedDiff({ file: before.file, object: b }, { file: after.file, object: a });
    return { ...head, file: after.file, fields: fieldChanges(b, a), patch };
  }
  if (after)
    return { ...head, file: after.file, fields: [], patch: unifiedDiff(undefined, { file: after.file, object: maskResource(after.object) }) };
  const gone = before!;
  return { ...head, file: gone.file, fields: [], patch: unifiedDiff({ file: gone.file, object: maskResource(gone.object) }, undefined) };
}
