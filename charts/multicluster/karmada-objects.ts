// Which rendered objects go to the Karmada API server instead of the host cluster, and how a placed app is
// autoscaled there: the one place that decides both.
import type { App, Environment } from '../../src/config/model/environment.js';
import { placementOf } from '../../src/config/placement-of.js';
import { groupOf } from '../../src/manifest/object-index.js';
import { appMonitorKind } from '../platform/app-monitor.js';
import { triggerAuthenticationNames } from '../workloads/keda-scaled-object.js';
import { deploymentName } from '../workloads/labels.js';

/** Whether Karmada places the app: a deployment app with a placement (its own or the default) on a Karmada control plane. */
export function isPlaced(env: Environment, app: App): boolean {
  return env.multicluster.karmada && app.kind === 'deployment' && placementOf(env, app) !== undefined;
}

/** Whether the environment renders a Karmada folder: a Karmada control plane with an app placed over its members. */
export function placesObjects(env: Environment): boolean {
  return env.apps.some((a) => isPlaced(env, a));
}

/**
 * How a placed app is autoscaled. `federated`: a FederatedHPA on the Karmada API server scales the resource template
 * from the metrics of every member (karmada-metrics-adapter) and Karmada divides the replicas by weight
 * (https://karmada.io/docs/userguide/autoscaling/federatedhpa). `members`: the ScaledObject is propagated and KEDA
 * scales each member's Deployment, which Karmada then leaves alone (RETAIN_REPLICAS_LABEL). Undefined when the app
 * is not placed or not autoscaled.
 */
export function placedAutoscaling(env: Environment, app: App): 'federated' | 'members' | undefined {
  if (!isPlaced(env, app) || app.autoscaling.engine === 'none') return undefined;
  return app.autoscaling.engine === 'hpa' ? 'federated' : 'members';
}

/**
 * Karmada's label telling its Deployment interpreter to keep each member's `spec.replicas` instead of writing the
 * divided share back: karmada pkg/util/constants.go RetainReplicasLabel, read by retainWorkloadReplicas in
 * pkg/resourceinterpreter/default/native/retain.go (https://karmada.io/docs/userguide/globalview/customizing-resource-interpreter,
 * "Retain": "If the resource template has the label resourcetemplate.karmada.io/retain-replicas, the replicas field
 * is retained from the member cluster"). Karmada adds it itself only for an HPA it propagates (hpa-scale-target-marker),
 * never for a KEDA ScaledObject, so the template carries it.
 */
export const RETAIN_REPLICAS_LABEL = 'resourcetemplate.karmada.io/retain-replicas';

/** One object a PropagationPolicy selects. */
export interface PropagatedResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * The objects of a placed app that Karmada propagates to its members: its Deployments (stable, canary) and Service,
 * with `members` autoscaling its ScaledObject and TriggerAuthentications (KEDA runs in each member), and its
 * ServiceMonitor or PodMonitor (the members' Prometheus scrapes the pods, which run there).
 */
export function propagatedResources(env: Environment, app: App): PropagatedResource[] {
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) },
    ...(app.routing?.canary ? [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app, 'canary') }] : []),
    ...(app.service.enabled ? [{ apiVersion: 'v1', kind: 'Service', name: app.name }] : []),
    ...(placedAutoscaling(env, app) === 'members'
      ? [
          { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: app.name },
          ...triggerAuthenticationNames(app).map((name) => ({ apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', name })),
        ]
      : []),
    ...(env.monitoring.enabled && app.metrics ? [{ apiVersion: 'monitoring.coreos.com/v1', kind: appMonitorKind(app), name: app.name }] : []),
  ];
}

/** Groups every Kubernetes API server serves among those propagatedResources names (the rest need a CRD there). */
const BUILT_IN = new Set(['', 'apps']);

/**
 * `group/kind` of the custom resources the Karmada API server must accept as resource templates: their CRDs are
 * applied there with the templates (charts/multicluster/karmada-crds.ts), since no operator runs on it to install them.
 */
export function templateCrds(env: Environment): string[] {
  const kinds = env.apps
    .filter((a) => isPlaced(env, a))
    .flatMap((a) => propagatedResources(env, a))
    .map((r) => `${groupOf(r.apiVersion)}/${r.kind}`)
    .filter((gk) => !BUILT_IN.has(gk.slice(0, gk.indexOf('/'))));
  return [...new Set(kinds)].sort();
}

/** Where an object is applied: the host cluster, the Karmada API server, or both (a namespace of both sides). */
export type KarmadaSide = 'host' | 'karmada' | 'both';

/** Groups only the Karmada API server serves: its policies and its FederatedHPA. */
const KARMADA_GROUPS = new Set(['policy.karmada.io', 'autoscaling.karmada.io']);

/**
 * The side of every object of a Karmada control plane: its policies, FederatedHPAs, the resource templates the policies
 * select and the CRDs of those templates go to the Karmada API server, which propagates the templates to the member
 * clusters; the namespace of a placed app exists on both (the Karmada API server needs it for the templates, the host
 * for the app's other objects). Without `multicluster.karmada` everything stays on the host.
 */
export function karmadaSides(env: Environment): (object: Record<string, unknown>) => KarmadaSide {
  if (!env.multicluster.karmada) return () => 'host';
  const placed = new Set<string>();
  const namespaces = new Set<string>();
  for (const app of env.apps) {
    if (!isPlaced(env, app)) continue;
    namespaces.add(app.namespace);
    for (const r of propagatedResources(env, app)) placed.add(`${groupOf(r.apiVersion)}/${r.kind}/${app.namespace}/${r.name}`);
  }
  const crds = new Set(templateCrds(env));
  return (o) => {
    const metadata = (o.metadata ?? {}) as { name?: string; namespace?: string };
    const group = groupOf(String(o.apiVersion));
    if (group === '' && o.kind === 'Namespace') return namespaces.has(String(metadata.name)) ? 'both' : 'host';
    if (KARMADA_GROUPS.has(group)) return 'karmada';
    if (group === 'apiextensions.k8s.io' && o.kind === 'CustomResourceDefinition') {
      const spec = (o.spec ?? {}) as { group?: string; names?: { kind?: string } };
      return crds.has(`${spec.group}/${spec.names?.kind}`) ? 'karmada' : 'host';
    }
    return placed.has(`${group}/${String(o.kind)}/${metadata.namespace ?? ''}/${String(metadata.name)}`) ? 'karmada' : 'host';
  };
}
