// Which environment value produced a field of a rendered object: a table per kind beside the charts (the output
// carries no trace of its source), so that a validation problem is reported at the environment file's line.
import type { Environment } from '../config/model/environment.js';
import { ISTIO_NAMESPACE } from '../../charts/platform/istio-system.js';
import { REMOTE_SECRETS_PATH } from '../convergence/remote-secrets.js';

/** A rendered object's identity and a JSON pointer inside it, as a validation problem names them. */
export interface RenderedField {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly path: string;
}

/** `[pattern of the rendered path, env pointer below the app (with $1.. from the pattern)]`, first match wins. */
type Table = readonly (readonly [RegExp, string])[];

const AUTOSCALER_COMMON: Table = [
  [/^\/spec\/(?:advanced\/horizontalPodAutoscalerConfig\/)?behavior((?:\/.*)?)$/, '/autoscaling/behavior$1'],
  [/^\/spec\/(?:maxReplicaCount|maxReplicas)(?:\/.*)?$/, '/autoscaling/maxReplicas'],
  [/^\/spec\/(?:minReplicaCount|minReplicas)(?:\/.*)?$/, '/autoscaling/minReplicas'],
];

/** Tables of the objects charts/workloads renders per app, named after the app in its namespace. */
const APP_OBJECTS: Readonly<Record<string, Table>> = {
  // charts/workloads/keda-scaled-object.ts: spec.triggers[j] is autoscaling.triggers[j], metadata holds its fields
  ScaledObject: [
    [
      /^\/spec\/triggers\/([0-9]+)\/metadata\/(query|threshold|activationThreshold|serverAddress|timezone|start|end|desiredReplicas)(?:\/.*)?$/,
      '/autoscaling/triggers/$1/$2',
    ],
    [/^\/spec\/triggers\/([0-9]+)(?:\/.*)?$/, '/autoscaling/triggers/$1'],
    [/^\/spec\/(idleReplicaCount|pollingInterval|cooldownPeriod|fallback)((?:\/.*)?)$/, '/autoscaling/$1$2'],
    ...AUTOSCALER_COMMON,
    [/^/, '/autoscaling'],
  ],
  // charts/workloads/app-hpa.ts: spec.metrics[j] is autoscaling.triggers[j]
  HorizontalPodAutoscaler: [[/^\/spec\/metrics\/([0-9]+)(?:\/.*)?$/, '/autoscaling/triggers/$1'], ...AUTOSCALER_COMMON, [/^/, '/autoscaling']],
  // charts/workloads/app-workload.ts: the app container is containers[0]
  Deployment: [
    [/^\/metadata\/name$/, '/name'],
    [/^\/spec\/replicas$/, '/replicas'],
    [/^\/spec\/template\/spec\/containers\/0\/(image|command|args)((?:\/.*)?)$/, '/$1$2'],
    [/^\/spec\/template\/spec\/containers\/0\/resources((?:\/.*)?)$/, '/resources$1'],
    [/^\/spec\/template\/spec\/priorityClassName$/, '/priorityClassName'],
    [/^/, ''],
  ],
  PodDisruptionBudget: [[/^/, '/pdb']],
};

/** Environment-wide fields, by `Kind namespace/name` of the object charts/platform renders from them. */
const ENVIRONMENT_OBJECTS: Readonly<Record<string, Table>> = {
  // charts/platform/namespaces-chart.ts: istio-system names the remote secrets istiod reads
  [`Namespace /${ISTIO_NAMESPACE}`]: [[new RegExp(`^${REMOTE_SECRETS_PATH.replace(/[.]/g, '\\.')}$`), '/mesh/multiCluster/remoteSecrets']],
};

/** The JSON pointer of the environment value that produced `field`, when a table knows it. */
export function configPointer(env: Environment, field: RenderedField): string | undefined {
  for (const [pattern, target] of ENVIRONMENT_OBJECTS[`${field.kind} ${field.namespace}/${field.name}`] ?? [])
    if (pattern.test(field.path)) return target;
  const table = APP_OBJECTS[field.kind];
  if (!table) return undefined;
  const i = env.apps.findIndex((a) => a.name === field.name && (a.namespace ?? a.name) === field.namespace);
  if (i < 0) return undefined;
  for (const [pattern, target] of table) {
    const m = pattern.exec(field.path);
    if (m) return `/apps/${i}${target.replace(/\$([0-9])/g, (_s, n: string) => m[Number(n)] ?? '')}`;
  }
  return undefined;
}
