// The dependency graph of a set, from what its objects need (dependencies.ts): what the sync waves planned before
// rendering are computed from (src/synth/apply-plan.ts). Every need is lifted to the unit both sides belong to (a
// ScaledObject of the workloads Application needs the KEDA Application, in the root).
import { nodePools } from '../capacity/node-pools.js';
import { PoolLanding } from '../capacity/placement.js';
import { describe, ObjectIndex, type Resource } from '../manifest/object-index.js';
import type { ManifestDoc } from '../validate/types.js';
import { buildDelivery, type Unit } from './delivery.js';
import { builtIn, chartNeeds, needsOf, providers, sameCluster, type Need } from './dependencies.js';

/** One object of a unit needing another of the same unit. */
export interface DependencyEdge {
  /** The object that needs (or the Application / Kustomization that applies it). */
  readonly consumer: Resource;
  /** The object that provides (or the Application / HelmRelease whose chart does). */
  readonly provider: Resource;
  readonly need: Need;
}

/** The dependency graph of a set: edges between objects applied by the same unit. */
export function dependencyGraph(input: ObjectIndex | readonly ManifestDoc[]): DependencyEdge[] {
  const index = input instanceof ObjectIndex ? input : new ObjectIndex(input);
  const delivery = buildDelivery(index);
  const provided = providers(index, delivery);
  const pools = PoolLanding.of(nodePools(index));
  const edges: DependencyEdge[] = [];
  const seen = new Set<string>();
  for (const r of index.all) {
    const unit = delivery.stepOf(r).unit;
    const own = delivery.units.find((u) => u.resource === r);
    for (const need of [...needsOf(r, unit, index, pools), ...(own ? chartNeeds(own) : [])]) {
      if (builtIn(need)) continue;
      for (const p of need.keys.flatMap((k) => provided.get(k) ?? [])) {
        if (!p.resource || p.resource === r || !sameCluster(p, delivery.stepOf(r))) continue;
        const lifted = lift(r, p.resource, delivery.stepOf.bind(delivery));
        if (!lifted) continue;
        const [consumer, provider] = lifted;
        const k = `${describe(consumer)}>${describe(provider)}>${need.kind}`;
        if (seen.has(k)) continue;
        seen.add(k);
        edges.push({ consumer, provider, need });
      }
    }
  }
  return edges;
}

/** The objects of both sides in the deepest unit both descend from, or undefined when one contains the other. */
function lift(consumer: Resource, provider: Resource, stepOf: (r: Resource) => { unit: Unit }): [Resource, Resource] | undefined {
  const chain = (r: Resource): [Unit, Resource][] => {
    const out: [Unit, Resource][] = [];
    let at: Resource | undefined = r;
    while (at) {
      const unit: Unit = stepOf(at).unit;
      out.unshift([unit, at]);
      at = unit.resource;
    }
    return out;
  };
  const a = chain(consumer);
  const b = chain(provider);
  let found: [Resource, Resource] | undefined;
  for (let i = 0; i < Math.min(a.length, b.length) && a[i]![0] === b[i]![0]; i++) found = [a[i]![1], b[i]![1]];
  return found && found[0] !== found[1] ? found : undefined;
}
