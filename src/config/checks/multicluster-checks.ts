// Karmada rules: placements name only the registered member clusters, once each; overrides name placed clusters,
// change something, and never contradict how the placed app is autoscaled (FederatedHPA or KEDA in each member).
import { onlyResourceTriggers } from '../../manifest/keda-webhook.js';
import type { App, Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';
import { placementOf } from '../placement-of.js';
import { closest } from '../schema-check.js';
import { displayPath } from '../source-map.js';

type Override = NonNullable<NonNullable<App['placement']>['overrides']>[number];

/** Checks every app's `placement` against `multicluster` and the app's `autoscaling`. */
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
      if (o.image === undefined && o.replicas === undefined && o.minReplicas === undefined && o.maxReplicas === undefined) {
        out.add(op, 'an override needs image, replicas, minReplicas or maxReplicas');
      }
      checkScalingOverride(app, o, op, `/apps/${i}/autoscaling`, out);
    });
  });
}

/**
 * A per-cluster override must agree with the app's autoscaling. Engine hpa renders one FederatedHPA on the Karmada API
 * server, which scales the total over all members: no cluster has replicas or bounds of its own. Engine keda propagates
 * the ScaledObject, so each member's KEDA scales that member's Deployment: its bounds may differ per cluster, its
 * replicas are KEDA's. Each message names the override and the autoscaling setting it contradicts.
 */
function checkScalingOverride(app: App, o: Override, op: string, as: string, out: DiagnosticList): void {
  const a = app.autoscaling;
  const engine = `${displayPath(`${as}/engine`)} "${a.engine}"`;
  if (o.replicas !== undefined && a.engine !== 'none') {
    const who = a.engine === 'hpa' ? 'its FederatedHPA scales the replicas of all clusters together' : "KEDA scales each cluster's replicas";
    out.add(
      `${op}/replicas`,
      `replicas (${o.replicas}) for cluster "${o.cluster}" contradicts ${engine}: ${who}; drop the override${a.engine === 'keda' ? ' or bound that cluster with minReplicas/maxReplicas' : ''}`,
    );
  }
  const bounds = (['minReplicas', 'maxReplicas'] as const).filter((k) => o[k] !== undefined);
  if (bounds.length === 0) return;
  if (a.engine !== 'keda') {
    for (const k of bounds) {
      const why =
        a.engine === 'hpa'
          ? `its FederatedHPA bounds the total over all clusters (${displayPath(`${as}/${k}`)} ${a[k]}); per-cluster bounds need engine "keda", which scales each member on its own`
          : 'the app is not autoscaled; per-cluster bounds need engine "keda"';
      out.add(`${op}/${k}`, `${k} (${o[k]}) for cluster "${o.cluster}" contradicts ${engine}: ${why}`);
    }
    return;
  }
  // the member's ScaledObject gets these bounds: KEDA's webhook checks them as it checks autoscaling's own
  const min = o.minReplicas ?? a.minReplicas;
  const max = o.maxReplicas ?? a.maxReplicas;
  if (min > max)
    out.add(
      `${op}/${o.maxReplicas !== undefined ? 'maxReplicas' : 'minReplicas'}`,
      `maxReplicas (${max}) must be >= minReplicas (${min}) in cluster "${o.cluster}"`,
    );
  if (o.minReplicas === 0 && onlyResourceTriggers(a.triggers.map((t) => t.type))) {
    out.add(`${op}/minReplicas`, 'minReplicas (0) needs a trigger other than cpu or memory: KEDA cannot scale up from zero on resource metrics');
  }
  if (o.minReplicas !== undefined && a.idleReplicaCount !== undefined && a.idleReplicaCount >= o.minReplicas) {
    out.add(
      `${op}/minReplicas`,
      `minReplicas (${o.minReplicas}) must be > ${displayPath(`${as}/idleReplicaCount`)} (${a.idleReplicaCount}) in cluster "${o.cluster}"`,
    );
  }
}

/** Reports duplicate clusters and clusters outside `multicluster.clusters` (Karmada's members); returns the names placed. */
function checkClusters(clusters: readonly { name: string }[], known: readonly string[], at: string, out: DiagnosticList): Set<string> {
  const placed = new Set<string>();
  clusters.forEach((c, j) => {
    if (placed.has(c.name)) {
      out.add(`${at}/clusters/${j}/name`, `duplicate cluster "${c.name}"`);
      return;
    }
    placed.add(c.name);
    if (known.includes(c.name)) return;
    if (known.length === 0) {
      out.add(
        `${at}/clusters/${j}/name`,
        `cluster "${c.name}" is not in multicluster.clusters, which is empty: list the member clusters registered with Karmada`,
      );
      return;
    }
    // a third of the name may be mistyped: "us-esat" suggests us-east, "ap" suggests nothing
    const hint = closest(c.name, known, Math.min(2, Math.floor(c.name.length / 3)));
    out.add(
      `${at}/clusters/${j}/name`,
      `cluster "${c.name}" is not in multicluster.clusters${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${known.join(', ')}`,
    );
  });
  return placed;
}
