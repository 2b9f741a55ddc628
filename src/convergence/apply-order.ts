// The apply order of a set, step by step, and what each step waits for: for `plan`.
import { nodePools } from '../capacity/node-pools.js';
import { PoolLanding } from '../capacity/placement.js';
import { ObjectIndex } from '../manifest/object-index.js';
import type { ManifestDoc } from '../validate/types.js';
import { argoKindRank } from './kind-order.js';
import { buildDelivery, order, stepLabel, type Step } from './delivery.js';
import { builtIn, chartNeeds, needsOf, providers, sameCluster } from './dependencies.js';

/** One step of the apply order. */
export interface ApplyStep {
  /** e.g. `wave -20 of Application argocd/prod`, `Kustomization flux-system/staging`. */
  readonly step: string;
  /** What it applies: `2 Namespace, 1 Deployment`, or the chart. */
  readonly applies: string;
  /** What must be Healthy (Ready) before it starts, and what its objects need from earlier steps. */
  readonly waitsFor: readonly string[];
}

/** Every step that applies something, in order. */
export function applyOrder(docs: readonly ManifestDoc[]): ApplyStep[] {
  const index = new ObjectIndex(docs);
  const delivery = buildDelivery(index);
  const provided = providers(index, delivery);
  const pools = PoolLanding.of(nodePools(index));
  const out: ApplyStep[] = [];
  for (const s of delivery.ordered()) {
    const chart = s.unit.chart;
    const applies = chart ? `chart ${chart.name} ${chart.version}` : kinds(s);
    if (!applies) continue;
    const waits = new Set<string>(engineWait(s));
    const needs = [
      ...s.objects.flatMap((r) => needsOf(r, s.unit, index, pools)),
      ...(s.unit.resource && s === s.unit.steps[0] ? chartNeeds(s.unit) : []),
    ];
    for (const need of needs) {
      const from = need.keys.flatMap((k) => (provided.get(k) ?? []).filter((p) => sameCluster(p, s)));
      // what the unit itself provides is covered by its previous wave being Healthy
      if (builtIn(need) || from.some((p) => !p.step || p.step.unit === s.unit)) continue;
      const first = from.find((p) => delivery.relation(s, p.step!) === 'before');
      if (first) waits.add(first.what);
    }
    out.push({ step: stepLabel(s), applies, waitsFor: [...waits] });
  }
  return out;
}

/** What the engine itself waits for before the step: the previous wave, the parent, the dependsOn. */
function engineWait(s: Step): string[] {
  const u = s.unit;
  if (u.engine === 'flux') {
    const deps = u.dependsOn.map((d) => `${d.id} Ready`);
    return u.parent && u.parent.unit.resource ? [`applied by ${u.parent.unit.id}`, ...deps] : deps;
  }
  const previous = u.steps.filter((x) => order(x, s) < 0).at(-1);
  if (previous) return [`${stepLabel(previous)} Healthy`];
  return u.parent && u.parent.unit.id !== 'bootstrap' ? [`applied in ${stepLabel(u.parent)}`] : [];
}

/** `3 Namespace, 2 PriorityClass`, in Argo CD's kind order. */
function kinds(s: Step): string {
  const counts = new Map<string, number>();
  for (const r of s.objects) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => argoKindRank(a) - argoKindRank(b) || (a < b ? -1 : 1))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
}
