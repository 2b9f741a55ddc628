// Which rendered objects go to the Karmada API server instead of the host cluster: the one place that decides it.
import type { Environment } from '../../src/config/model/environment.js';
import { placementOf } from '../../src/config/placement-of.js';
import { groupOf } from '../../src/manifest/object-index.js';
import { propagatedResources } from './app-placement.js';

/** Whether the environment renders a Karmada folder: a Karmada control plane with an app placed over its members. */
export function placesObjects(env: Environment): boolean {
  return env.multicluster.karmada && env.apps.some((a) => a.kind === 'deployment' && placementOf(env, a) !== undefined);
}

/** Where an object is applied: the host cluster, the Karmada API server, or both (a namespace of both sides). */
export type KarmadaSide = 'host' | 'karmada' | 'both';

const POLICY_GROUP = 'policy.karmada.io';

/**
 * The side of every object of a Karmada control plane: its policies and the resource templates they select (Deployments,
 * Service) go to the Karmada API server, which propagates them to the member clusters; the namespace of a placed app
 * exists on both (the Karmada API server needs it for the templates, the host for the app's other objects). Without
 * `multicluster.karmada` everything stays on the host.
 */
export function karmadaSides(env: Environment): (object: Record<string, unknown>) => KarmadaSide {
  if (!env.multicluster.karmada) return () => 'host';
  const placed = new Set<string>();
  const namespaces = new Set<string>();
  for (const app of env.apps) {
    if (app.kind !== 'deployment' || !placementOf(env, app)) continue;
    namespaces.add(app.namespace);
    for (const r of propagatedResources(app)) placed.add(`${groupOf(r.apiVersion)}/${r.kind}/${app.namespace}/${r.name}`);
  }
  return (o) => {
    const metadata = (o.metadata ?? {}) as { name?: string; namespace?: string };
    const group = groupOf(String(o.apiVersion));
    if (group === '' && o.kind === 'Namespace') return namespaces.has(String(metadata.name)) ? 'both' : 'host';
    if (group === POLICY_GROUP) return 'karmada';
    return placed.has(`${group}/${String(o.kind)}/${metadata.namespace ?? ''}/${String(metadata.name)}`) ? 'karmada' : 'host';
  };
}
