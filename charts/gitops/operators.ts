// Which operators an environment needs, and the Helm values generated from the environment for each.
import type { Environment } from '../../src/config/model/environment.js';
import { prometheusUrl } from '../platform/prometheus-url.js';
import { adapterRules } from '../workloads/adapter-rules.js';
import { OPERATOR_CHARTS, type OperatorChart, type OperatorId } from './operator-versions.js';

/** An operator to install: its pinned chart, release name and values. */
export interface OperatorRelease {
  readonly id: OperatorId;
  readonly name: string;
  readonly chart: OperatorChart;
  readonly values: Record<string, unknown>;
  /** API groups whose CRDs this operator installs (their custom resources must wait for it). */
  readonly crdGroups: readonly string[];
}

type Toggle = boolean | 'auto';

/** The operators of `env`, in install order. */
export function operatorReleases(env: Environment): OperatorRelease[] {
  const toggles: Partial<NonNullable<Environment['gitops']>['operators']> = env.gitops?.operators ?? {};
  const wanted = (toggle: Toggle | undefined, auto: boolean) => (toggle === undefined || toggle === 'auto' ? auto : toggle);
  const apps = env.apps;
  const triggers = apps.flatMap((a) => (a.kind === 'deployment' ? a.autoscaling.triggers.map((t) => ({ engine: a.autoscaling.engine, type: t.type })) : []));
  const out: OperatorRelease[] = [];
  const add = (id: OperatorId, name: string, values: Record<string, unknown>, crdGroups: string[] = []) =>
    out.push({ id, name, chart: OPERATOR_CHARTS[id], values, crdGroups });

  if (wanted(toggles.istio, env.mesh.enabled)) {
    const mc = env.mesh.multiCluster;
    add('istioBase', 'istio-base', {}, ['networking.istio.io', 'security.istio.io']);
    add('istiod', 'istiod', mc ? { global: { meshID: mc.meshId, network: mc.network, multiCluster: { clusterName: mc.clusterName ?? env.cluster.name } } } : {});
    add('istioGateway', 'istio-ingressgateway', { labels: { istio: 'ingressgateway' } });
  }
  if (wanted(toggles.kubePrometheusStack, env.monitoring.enabled)) {
    // the Prometheus itself is rendered by the monitoring chart: the stack brings the operator and the exporters
    add('kubePrometheusStack', 'kube-prometheus-stack', {
      prometheus: { enabled: false },
      alertmanager: { enabled: false },
      grafana: { enabled: false },
      kubeStateMetrics: { enabled: true },
      nodeExporter: { enabled: true },
      prometheusOperator: { enabled: true },
    }, ['monitoring.coreos.com']);
  }
  if (wanted(toggles.metricsServer, triggers.some((t) => t.type === 'cpu' || t.type === 'memory'))) add('metricsServer', 'metrics-server', {});
  if (wanted(toggles.prometheusAdapter, triggers.some((t) => t.type === 'pods'))) {
    add('prometheusAdapter', 'prometheus-adapter', {
      prometheus: { url: prometheusUrl(env).replace(/:9090$/, ''), port: 9090 },
      rules: { default: false, custom: adapterRules(env) },
    });
  }
  if (wanted(toggles.keda, triggers.some((t) => t.engine === 'keda'))) add('keda', 'keda', {}, ['keda.sh']);
  const k = env.nodes.karpenter;
  if (k && wanted(toggles.karpenter, env.nodes.provisioner !== 'none')) {
    const values = {
      settings: { clusterName: env.cluster.name, ...(k.interruptionQueue ? { interruptionQueue: k.interruptionQueue } : {}) },
      serviceAccount: k.controllerRoleArn ? { annotations: { 'eks.amazonaws.com/role-arn': k.controllerRoleArn } } : {},
      controller: { resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
    };
    if (k.api === 'v1alpha5') {
      add('karpenterV1alpha5', 'karpenter', {
        settings: { aws: { clusterName: env.cluster.name, defaultInstanceProfile: k.instanceProfile, ...(k.interruptionQueue ? { interruptionQueueName: k.interruptionQueue } : {}) } },
        serviceAccount: values.serviceAccount,
        controller: values.controller,
      }, ['karpenter.sh', 'karpenter.k8s.aws']);
    } else add('karpenter', 'karpenter', values, ['karpenter.sh', 'karpenter.k8s.aws']);
  }
  if (wanted(toggles.karmada, env.multicluster.karmada)) add('karmada', 'karmada', {}, ['policy.karmada.io']);
  if (wanted(toggles.knative, apps.some((a) => a.kind === 'knative'))) add('knative', 'knative-operator', {}, ['serving.knative.dev']);
  return out;
}
