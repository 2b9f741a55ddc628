// Namespaces the environment's objects live in, labelled for Istio sidecar injection, topology and Pod Security.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { BUILTIN_NAMESPACES, podSecurityLevel } from '../../src/config/namespaces.js';
import { enforceLabels } from '../../src/manifest/pod-security-labels.js';
import { ISTIO_NAMESPACE, istioNamespaceLabels } from './istio-system.js';
import { remoteSecretName } from '../../src/config/mesh-cluster.js';
import { ISTIO_REMOTE_SECRETS } from '../../src/convergence/remote-secrets.js';
import { adapterRules } from '../workloads/adapter-rules.js';
import { KNATIVE_SERVING } from '../workloads/knative-serving.js';

/** Props of NamespacesChart. */
export interface NamespacesChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** One Namespace per namespace the rendered apps, monitoring and overprovisioning use. */
export class NamespacesChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: NamespacesChartProps) {
    super(scope, id, props);
    for (const [name, labels] of namespacesOf(props.env)) {
      const annotations = annotationsOf(props.env, name);
      new k8s.KubeNamespace(this, name, { metadata: { name, labels, ...(annotations ? { annotations } : {}) } });
    }
  }
}

/** The namespaces an environment renders into, with their labels, sorted by name. */
export function namespacesOf(env: Environment): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const meshLabels: Record<string, string> = {};
  if (env.mesh.enabled) {
    if (env.mesh.revision) meshLabels['istio.io/rev'] = env.mesh.revision;
    else meshLabels['istio-injection'] = 'enabled';
  }
  const version = env.podSecurity.version ?? 'latest';
  for (const app of env.apps) {
    const level = podSecurityLevel(env, app);
    out.set(app.namespace, { ...meshLabels, ...(level ? enforceLabels(level, version) : {}) });
  }
  // a multi-network mesh tells istiod which network this cluster's control plane namespace is on (seed 002); a fleet's
  // clusters each have their own, set by the istiod Application (charts/gitops/operators.ts)
  if (env.mesh.enabled && env.mesh.multiCluster && !env.gitops?.fleet) out.set(ISTIO_NAMESPACE, istioNamespaceLabels(env.mesh.multiCluster.network));
  if (env.overprovisioning.enabled) out.set(env.overprovisioning.namespace, enforceLabels(env.podSecurity.enforce, version));
  if (env.monitoring.enabled || adapterRules(env).length > 0) out.set(env.monitoring.namespace, {});
  // the KnativeServing (charts/workloads/knative-serving.ts) and the Knative Serving the operator installs there
  if (env.apps.some((a) => a.kind === 'knative') && !out.has(KNATIVE_SERVING.namespace)) out.set(KNATIVE_SERVING.namespace, {});
  // namespaces every cluster has are never rendered: a GitOps engine would otherwise own (and could prune) them
  for (const builtin of BUILTIN_NAMESPACES) out.delete(builtin);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * istio-system names the remote secrets istiod reads (`mesh.multiCluster.remoteSecrets`): they hold another cluster's
 * credentials, so they are never rendered, and the convergence check reports them as external, not verified.
 */
function annotationsOf(env: Environment, namespace: string): Record<string, string> | undefined {
  const refs = env.mesh.multiCluster?.remoteSecrets ?? [];
  if (namespace !== ISTIO_NAMESPACE || refs.length === 0) return undefined;
  return { [ISTIO_REMOTE_SECRETS]: refs.map(remoteSecretName).join(',') };
}
