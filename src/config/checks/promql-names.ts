// Renames: a PromQL query whose label matchers name an app or namespace the environment no longer has keeps
// "working" (it returns nothing, so the app never scales). A warning, since a query may watch something outside.
import { appendPointer } from '../../json-pointer.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Environment } from '../model/environment.js';

/** Labels whose value is an app (workload, Deployment or Service name) in the usual exporters and Istio. */
const APP_LABELS = new Set([
  'app',
  'deployment',
  'destination_workload',
  'destination_app',
  'destination_service_name',
  'source_workload',
  'source_app',
  'service',
  'workload',
]);
/** Labels whose value is a namespace. */
const NAMESPACE_LABELS = new Set([
  'namespace',
  'exported_namespace',
  'kubernetes_namespace',
  'destination_workload_namespace',
  'destination_service_namespace',
  'source_workload_namespace',
]);
/** `label="value"` (exact matchers only: a regex matcher may mean several names). */
const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;
/** Namespaces of the platform itself, which queries may name. */
const PLATFORM_NAMESPACES = ['kube-system', 'istio-system', 'keda', 'karpenter', 'argocd', 'flux-system', 'knative-serving'];

/** Warnings (pointer and message; no origin yet) for queries that name an app or namespace the environment lacks. */
export function staleQueryNames(env: Environment): Diagnostic[] {
  const apps = new Set(env.apps.flatMap((a) => [a.name, `${a.name}-canary`]));
  const namespaces = new Set([
    ...env.apps.map((a) => a.namespace ?? a.name),
    env.monitoring.namespace,
    env.overprovisioning.namespace,
    ...PLATFORM_NAMESPACES,
  ]);
  if (env.gitops?.namespace) namespaces.add(env.gitops.namespace);
  if (env.mesh.gateway) namespaces.add(env.mesh.gateway.namespace);
  const out: Diagnostic[] = [];
  env.apps.forEach((app, i) => {
    app.autoscaling.triggers.forEach((t, j) => {
      const at = `/apps/${i}/autoscaling/triggers/${j}`;
      const queries =
        t.type === 'prometheus' ? { query: t.query } : t.type === 'pods' ? { seriesQuery: t.seriesQuery, metricsQuery: t.metricsQuery } : {};
      for (const [field, query] of Object.entries(queries)) {
        if (query === undefined) continue;
        for (const [, label, value] of query.matchAll(MATCHER)) {
          const known = APP_LABELS.has(label!) ? apps : NAMESPACE_LABELS.has(label!) ? namespaces : undefined;
          if (!known || known.has(value!)) continue;
          const what = known === apps ? 'app' : 'namespace';
          const names = known === apps ? env.apps.map((a) => a.name) : [...new Set(env.apps.map((a) => a.namespace ?? a.name))];
          out.push({
            pointer: appendPointer(at, field),
            message: `${label}="${value}" names no ${what} of this environment (${what}s: ${names.join(', ') || 'none'}): renamed or removed? The query would match nothing`,
          });
        }
      }
    });
  });
  return out;
}
