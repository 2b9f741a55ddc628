// The waves a set needs, from what its objects need (dependencies.ts): for computing sync waves before rendering.
// Every need is lifted to the unit both sides belong to (a ScaledObject of the workloads Application needs the KEDA
// Application, in the root), and each object gets the smallest wave after everything it needs in its unit.
import { nodePools } from '../capacity/node-pools.js';
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
  /** Whether the provider must be Healthy before the consumer is applied (else the same wave does). */
  readonly strict: boolean;
}

/** The dependency graph of a set: edges between objects applied by the same unit. */
export function dependencyGraph(input: ObjectIndex | readonly ManifestDoc[]): DependencyEdge[] {
  const index = input instanceof ObjectIndex ? input : new ObjectIndex(input);
  const delivery = buildDelivery(index);
  const provided = providers(index, delivery);
  const pools = nodePools(index);
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
        // a Namespace or CRD of the same unit is ordered first by the engine; what pods need at creation must be earlier
        const strict = need.timing === 'create' || consumer !== r || provider !== p.resource;
        const k = `${describe(consumer)}>${describe(provider)}>${need.kind}`;
        if (seen.has(k)) continue;
        seen.add(k);
        edges.push({ consumer, provider, need, strict });
      }
    }
  }
  return edges;
}

/**
 * The wave each object needs within the unit that applies it: 0 for an object that needs nothing of its unit, else
 * the smallest wave not before any of its providers' (one more than a strict provider's). Objects in a dependency
 * cycle keep the wave the cycle reaches; the cycle's edges are returned apart.
 */
export function requiredWaves(
  input: ObjectIndex | readonly ManifestDoc[],
  options: { readonly strict?: boolean } = {},
): { readonly waves: Map<Resource, number>; readonly cycles: DependencyEdge[] } {
  const index = input instanceof ObjectIndex ? input : new ObjectIndex(input);
  const edges = dependencyGraph(index);
  const out = new Map<Resource, number>();
  const cycles: DependencyEdge[] = [];
  const from = new Map<Resource, DependencyEdge[]>();
  for (const e of edges) from.set(e.consumer, [...(from.get(e.consumer) ?? []), e]);
  const visiting = new Set<Resource>();
  const wave = (r: Resource): number => {
    const known = out.get(r);
    if (known !== undefined) return known;
    visiting.add(r);
    let w = 0;
    for (const e of from.get(r) ?? []) {
      if (visiting.has(e.provider)) {
        cycles.push(e);
        continue;
      }
      w = Math.max(w, wave(e.provider) + (e.strict || options.strict ? 1 : 0));
    }
    visiting.delete(r);
    out.set(r, w);
    return w;
  };
  for (const r of index.all) wave(r);
  return { waves: out, cycles };
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
