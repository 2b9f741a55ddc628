// Which operators an environment needs, and the Helm values generated from the environment for each.
import type { Environment } from '../../src/config/model/environment.js';
import { prometheusUrl } from '../platform/prometheus-url.js';
import { adapterRules } from '../workloads/adapter-rules.js';
import { OPERATOR_CHARTS, type OperatorChart, type OperatorId } from './operator-versions.js';

/** An operator to install: its pinned chart, release name and values. */
export interface OperatorRelease {
  readonly id: OperatorId;
  readonly name: string;
  /** Helm release name, when it is not `name`. */
  readonly releaseName?: string;
  readonly chart: OperatorChart;
  readonly values: Record<string, unknown>;
  /** API groups whose CRDs this operator installs (their custom resources must wait for it). */
  readonly crdGroups: readonly string[];
}

type Toggle = boolean | 'auto';

/** Karpenter's advice for its controller: requests equal to limits, 1 cpu and 1Gi. */
const KARPENTER_CONTROLLER_RESOURCES = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };

/** The operators of `env`, in install order. */
export function operatorReleases(env: Environment): OperatorRelease[] {
  const toggles: Partial<NonNullable<Environment['gitops']>['operators']> = env.gitops?.operators ?? {};
  const wanted = (toggle: Toggle | undefined, auto: boolean) => (toggle === undefined || toggle === 'auto' ? auto : toggle);
  const apps = env.apps;
  const triggers = apps.flatMap((a) => (a.kind === 'deployment' ? a.autoscaling.triggers.map((t) => ({ engine: a.autoscaling.engine, type: t.type })) : []));
  const out: OperatorRelease[] = [];
  const add = (id: OperatorId, name: string, values: Record<string, unknown>, crdGroups: string[] = [], releaseName?: string) =>
    out.push({ id, name, ...(releaseName && releaseName !== name ? { releaseName } : {}), chart: OPERATOR_CHARTS[id], values, crdGroups });
  // the rendered Prometheus selects monitors by these labels: the charts' own monitors must carry them
  const { release, ...monitorLabels } = env.monitoring.selectorLabels;

  if (wanted(toggles.istio, env.mesh.enabled)) {
    const mc = env.mesh.multiCluster;
    add('istioBase', 'istio-base', {}, ['networking.istio.io', 'security.istio.io']);
    // with the CNI node agent the injector adds the unprivileged istio-validation init container instead of istio-init
    // (NET_ADMIN, NET_RAW), which Pod Security baseline and restricted forbid: istiod reads pilot.cni.enabled
    if (env.mesh.cni) add('istioCni', 'istio-cni', {});
    add('istiod', 'istiod', {
      ...(env.mesh.cni ? { pilot: { cni: { enabled: true } } } : {}),
      ...(mc ? { global: { meshID: mc.meshId, network: mc.network, multiCluster: { clusterName: mc.clusterName ?? env.cluster.name } } } : {}),
    });
    add('istioGateway', 'istio-ingressgateway', { labels: { istio: 'ingressgateway' } });
    if (mc?.eastWestGateway) {
      // the pods the cross-network Gateway (charts/platform/east-west-gateway.ts) selects: Istio's multicluster
      // east-west gateway, for this cluster's network
      add('istioGateway', 'istio-eastwestgateway', {
        labels: { ...mc.eastWestSelector, 'topology.istio.io/network': mc.network },
        env: { ISTIO_META_REQUESTED_NETWORK_VIEW: mc.network },
        service: {
          ports: [
            { name: 'status-port', port: 15021, targetPort: 15021 },
            { name: 'tls', port: mc.eastWestPort, targetPort: mc.eastWestPort },
            { name: 'tls-istiod', port: 15012, targetPort: 15012 },
            { name: 'tls-webhook', port: 15017, targetPort: 15017 },
          ],
        },
      });
    }
  }
  if (wanted(toggles.kubePrometheusStack, env.monitoring.enabled)) {
    // the Prometheus itself is rendered by the monitoring chart: the stack brings the operator and the exporters, whose
    // ServiceMonitors (kubelet, kube-state-metrics, node-exporter) carry the selector labels. The charts label them
    // `release: <Helm release name>` themselves (a second `release` key would be a duplicate): so a `release` selector
    // label names the Helm release, and the other labels are added
    const exporter = { releaseLabel: true, prometheus: { monitor: { enabled: true, additionalLabels: { ...monitorLabels } } } };
    add('kubePrometheusStack', 'kube-prometheus-stack', {
      commonLabels: { ...monitorLabels },
      prometheus: { enabled: false },
      alertmanager: { enabled: false },
      grafana: { enabled: false },
      kubelet: { enabled: true, serviceMonitor: { enabled: true } },
      kubeStateMetrics: { enabled: true },
      'kube-state-metrics': exporter,
      nodeExporter: { enabled: true },
      'prometheus-node-exporter': exporter,
      prometheusOperator: { enabled: true },
    }, ['monitoring.coreos.com'], release);
  }
  if (wanted(toggles.metricsServer, triggers.some((t) => t.type === 'cpu' || t.type === 'memory'))) add('metricsServer', 'metrics-server', {});
  if (wanted(toggles.prometheusAdapter, triggers.some((t) => t.type === 'pods'))) {
    add('prometheusAdapter', 'prometheus-adapter', {
      prometheus: { url: prometheusUrl(env).replace(/:9090$/, ''), port: 9090 },
      rules: { default: false, custom: adapterRules(env) },
    });
  }
  if (wanted(toggles.keda, triggers.some((t) => t.engine === 'keda'))) {
    // the operator's metrics (keda_scaler_detail_errors_total, ...) feed the autoscaling alerts
    const podMonitor = { enabled: true, additionalLabels: { ...env.monitoring.selectorLabels } };
    add('keda', 'keda', env.monitoring.enabled ? { prometheus: { operator: { enabled: true, podMonitor } } } : {}, ['keda.sh']);
  }
  const k = env.nodes.karpenter;
  if (k && wanted(toggles.karpenter, env.nodes.provisioner !== 'none')) {
    const values = {
      settings: { clusterName: env.cluster.name, ...(k.interruptionQueue ? { interruptionQueue: k.interruptionQueue } : {}) },
      serviceAccount: k.controllerRoleArn ? { annotations: { 'eks.amazonaws.com/role-arn': k.controllerRoleArn } } : {},
      controller: { resources: k.controllerResources ?? KARPENTER_CONTROLLER_RESOURCES },
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
