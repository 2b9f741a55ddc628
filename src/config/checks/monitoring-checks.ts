// Monitoring rules: every app with `metrics` must be scrapeable by a Prometheus that sits outside the mesh.
import type { Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';

/** Checks `monitoring` and every app's `metrics`. */
export function checkMonitoring(env: Environment, out: DiagnosticList): void {
  env.apps.forEach((app, i) => {
    if (!app.metrics) return;
    const at = `/apps/${i}/metrics`;
    if (app.kind === 'knative') {
      out.add(at, 'metrics is not supported for kind "knative" (a Knative Service exposes one port; its request metrics come from the queue-proxy)');
      return;
    }
    const port = app.metrics.port ?? app.port;
    if (env.monitoring.enabled && env.mesh.enabled && env.mesh.mtls === 'STRICT' && port === app.port) {
      out.add(
        app.metrics.port === undefined ? at : `${at}/port`,
        `with mesh.mtls "STRICT" Prometheus cannot scrape port ${port} that also serves traffic (plain HTTP is refused): serve metrics on a separate metrics.port, which gets a PERMISSIVE port-level exception`,
      );
    }
  });
}
