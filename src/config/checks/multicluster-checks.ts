// Karmada rules: placements name known, distinct clusters; overrides name placed clusters and change something.
import type { Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';
import { placementOf } from '../placement-of.js';

/** Checks every app's `placement` against `multicluster`. */
export function checkMulticluster(env: Environment, out: DiagnosticList): void {
  const known = env.multicluster.clusters;
  const seenMember = new Set<string>();
  known.forEach((c, j) => {
    if (seenMember.has(c)) out.add(`/multicluster/clusters/${j}`, `duplicate cluster "${c}"`);
    seenMember.add(c);
  });
  if (env.multicluster.placement) {
    if (!env.multicluster.karmada) out.add('/multicluster/placement', 'placement renders Karmada policies: set multicluster.karmada: true');
    checkClusters(env.multicluster.placement.clusters, known, '/multicluster/placement', out);
  }
  env.apps.forEach((app, i) => {
    const placement = placementOf(env, app);
    if (!placement || !app.placement) return;
    const at = `/apps/${i}/placement`;
    if (!env.multicluster.karmada) out.add(at, 'placement renders Karmada policies: set multicluster.karmada: true');
    if (app.kind !== 'deployment') out.add(at, `placement propagates the app's Deployment and Service: needs kind "deployment", got "${app.kind}"`);
    const placed = checkClusters(placement.clusters, known, at, out);
    const overridden = new Set<string>();
    placement.overrides?.forEach((o, j) => {
      const op = `${at}/overrides/${j}`;
      if (!placed.has(o.cluster)) out.add(`${op}/cluster`, `cluster "${o.cluster}" is not one of placement.clusters (${[...placed].join(', ')})`);
      if (overridden.has(o.cluster)) out.add(`${op}/cluster`, `duplicate override for cluster "${o.cluster}"`);
      overridden.add(o.cluster);
      if (o.image === undefined && o.replicas === undefined) out.add(op, 'an override needs image or replicas');
      if (o.replicas !== undefined && app.autoscaling.engine !== 'none') {
        out.add(`${op}/replicas`, `replicas (${o.replicas}) cannot be overridden: the app is autoscaled by engine "${app.autoscaling.engine}"`);
      }
    });
  });
}

/** Reports duplicate and unknown clusters of a placement; returns the names placed. */
function checkClusters(clusters: readonly { name: string }[], known: readonly string[], at: string, out: DiagnosticList): Set<string> {
  const placed = new Set<string>();
  clusters.forEach((c, j) => {
    if (placed.has(c.name)) out.add(`${at}/clusters/${j}/name`, `duplicate cluster "${c.name}"`);
    placed.add(c.name);
    if (known.length > 0 && !known.includes(c.name)) {
      out.add(`${at}/clusters/${j}/name`, `cluster "${c.name}" is not in multicluster.clusters (known: ${known.join(', ')})`);
    }
  });
  return placed;
}
