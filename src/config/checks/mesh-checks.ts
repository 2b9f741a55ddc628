// Istio rules: routed apps need the mesh, a gateway that serves their hosts, a Service and sane timeouts.
import type { Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';
import { durationMs } from '../duration.js';
import { meshClusterName, remoteSecretName } from '../mesh-cluster.js';
import { Name } from '../model/common.js';

/** Whether a Gateway host pattern (`*`, `*.example.com`, `a.example.com`, optionally `ns/` prefixed) serves `host`. */
export function gatewayServesHost(pattern: string, host: string): boolean {
  const p = pattern.includes('/') ? pattern.slice(pattern.indexOf('/') + 1) : pattern;
  if (p === '*') return true;
  if (p.startsWith('*.')) return host.endsWith(p.slice(1)) && host.length > p.length - 1;
  return p === host;
}

/** Checks mesh settings and every app's `routing`. */
export function checkMesh(env: Environment, out: DiagnosticList): void {
  const mesh = env.mesh;
  if (mesh.multiCluster && !mesh.enabled) out.add('/mesh/multiCluster', 'multiCluster needs the mesh: set mesh.enabled: true');
  if (mesh.multiCluster) checkMultiCluster(env, mesh.multiCluster, out);
  if (mesh.gateway?.tls && mesh.gateway.httpPort === mesh.gateway.httpsPort) {
    out.add('/mesh/gateway/httpsPort', `httpsPort (${mesh.gateway.httpsPort}) must differ from httpPort (${mesh.gateway.httpPort})`);
  }
  env.apps.forEach((app, i) => {
    const routing = app.routing;
    if (!routing) return;
    const at = `/apps/${i}/routing`;
    if (!mesh.enabled) out.add(at, 'routing renders Istio objects: set mesh.enabled: true');
    if (app.kind === 'knative') {
      out.add(at, 'a knative app is routed by Knative itself (its own Istio VirtualService): remove routing or use kind "deployment"');
      return;
    }
    if (!app.service.enabled) out.add(`/apps/${i}/service/enabled`, 'routing sends traffic to the app Service: service.enabled must be true');
    if (!routing.gateway) {
      if (!mesh.gateway) out.add(at, 'routing needs a gateway: set mesh.gateway for the environment or routing.gateway');
      else {
        routing.hosts.forEach((host, j) => {
          if (!mesh.gateway!.hosts.some((p) => gatewayServesHost(p, host))) {
            out.add(`${at}/hosts/${j}`, `host "${host}" is not served by gateway "${mesh.gateway!.name}" (hosts: ${mesh.gateway!.hosts.join(', ')})`);
          }
        });
      }
    }
    const timeout = routing.timeout && durationMs(routing.timeout);
    const perTry = routing.retries?.perTryTimeout && durationMs(routing.retries.perTryTimeout);
    if (timeout && perTry && perTry > timeout) {
      out.add(`${at}/retries/perTryTimeout`, `perTryTimeout (${routing.retries!.perTryTimeout}) must be <= timeout (${routing.timeout})`);
    }
    if (routing.retries && routing.retries.attempts === 0 && (routing.retries.perTryTimeout || routing.retries.retryOn)) {
      out.add(`${at}/retries/attempts`, 'attempts (0) disables retries: perTryTimeout and retryOn would have no effect');
    }
  });
}

/**
 * A multi-cluster member's identity and remote secrets. istiod's cluster name must be a DNS label (Istio's
 * multicluster install: "unique cluster name, must be a DNS label name"); a cluster never reads its own remote secret
 * (istioctl create-remote-secret is applied to the *other* clusters).
 */
function checkMultiCluster(env: Environment, mc: NonNullable<Environment['mesh']['multiCluster']>, out: DiagnosticList): void {
  const own = meshClusterName(env);
  // (a fleet reads each cluster's from its Argo CD cluster Secret: charts/gitops/fleet-values.ts)
  if (mc.clusterName === undefined && !env.gitops?.fleet && (own.length > 63 || !new RegExp(Name.pattern!, 'u').test(own))) {
    out.add(
      '/cluster/name',
      `"${own}" is istiod's global.multiCluster.clusterName by default, which must be a DNS label: set mesh.multiCluster.clusterName`,
    );
  }
  const names = new Map<string, number>();
  mc.remoteSecrets.forEach((ref, i) => {
    const at = `/mesh/multiCluster/remoteSecrets/${i}`;
    if (ref.cluster === own)
      out.add(`${at}/cluster`, `"${ref.cluster}" is this cluster's own clusterName: a remote secret names another cluster of the mesh`);
    const name = remoteSecretName(ref);
    const first = names.get(name);
    if (first !== undefined) out.add(at, `duplicate remote secret "${name}" (also remoteSecrets[${first}])`);
    else names.set(name, i);
  });
  if (env.gitops?.fleet && mc.remoteSecrets.length > 0) {
    out.add(
      '/mesh/multiCluster/remoteSecrets',
      'every cluster of a fleet applies the same folder, but each one reads the remote secrets of the others: a fleet cannot template them; apply them with istioctl create-remote-secret and remove remoteSecrets',
    );
  }
}
