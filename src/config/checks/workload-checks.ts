// Workload rules: an app with `port: none` listens on nothing, so nothing may send traffic or probes to its port;
// externalSecrets names only Secrets the app's env refers to.
import type { App, Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';

/** Checks every app's port against what needs one (Service, ingress, Knative, metrics, probes; routing needs the Service). */
export function checkWorkloads(env: Environment, out: DiagnosticList): void {
  env.apps.forEach((app, i) => checkApp(app, `/apps/${i}`, out));
}

function checkApp(app: App, at: string, out: DiagnosticList): void {
  checkExternalSecrets(app, at, out);
  if (app.kind === 'knative' && app.securityContext.fsGroup !== undefined) {
    out.add(
      `${at}/securityContext/fsGroup`,
      `fsGroup (${app.securityContext.fsGroup}) is not supported for kind "knative" (Knative rejects a pod-level securityContext by default)`,
    );
  }
  if (app.port !== 'none') return;
  const needs = (pointer: string, what: string): void => out.add(pointer, `${what} needs a port: the app has port "none"`);
  if (app.kind === 'knative') needs(`${at}/kind`, 'kind "knative" (a Knative Service routes requests to its container port)');
  if (app.service.enabled) needs(`${at}/port`, 'the Service (set service.enabled: false)');
  if (app.ingress) needs(`${at}/ingress`, 'ingress');
  if (app.metrics && app.metrics.port === undefined) needs(`${at}/metrics`, 'metrics without metrics.port');
  for (const kind of ['liveness', 'readiness', 'startup'] as const) {
    const probe = app.probes?.[kind];
    if (probe?.http && probe.http.port === undefined) needs(`${at}/probes/${kind}/http`, `the ${kind} probe without http.port`);
    if (probe?.tcp && probe.tcp.port === undefined) needs(`${at}/probes/${kind}/tcp`, `the ${kind} probe without tcp.port`);
  }
}

/** Each name of externalSecrets must be a Secret the app's env refers to (a typo would silence nothing and hide nothing). */
function checkExternalSecrets(app: App, at: string, out: DiagnosticList): void {
  const referenced = [
    ...new Set(Object.values(app.env ?? {}).flatMap((v) => (typeof v === 'object' && 'secretKeyRef' in v ? [v.secretKeyRef.name] : []))),
  ];
  (app.externalSecrets ?? []).forEach((name, j) => {
    if (referenced.includes(name)) return;
    const known = referenced.length > 0 ? `its secretKeyRef names: ${referenced.join(', ')}` : 'it has no env secretKeyRef';
    out.add(`${at}/externalSecrets/${j}`, `externalSecrets ("${name}") names no Secret of the app's env (${known})`);
  });
}
