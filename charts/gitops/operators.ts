// Which operators an environment needs, and the Helm values generated from the environment for each.
import type { Environment } from '../../src/config/model/environment.js';
import { meshClusterName } from '../../src/config/mesh-cluster.js';
import { perCluster } from './fleet-values.js';
import { isPlaced, placedAutoscaling } from '../multicluster/karmada-objects.js';
import { istioNamespaceLabels } from '../platform/istio-system.js';
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
  /**
   * Releases (names) that must be installed and healthy first: Flux `dependsOn`, and the Argo CD sync waves of the
   * operators' Applications (src/synth/apply-plan.ts).
   */
  readonly dependsOn: readonly string[];
  /** Fields the operator itself changes after install, which Argo CD must neither report nor revert. @default none */
  readonly ignoreDifferences?: readonly IgnoredDifference[];
  /**
   * Labels of the release namespace, set by Argo CD as it creates it (syncPolicy.managedNamespaceMetadata) where the
   * environment folder cannot render the Namespace: a fleet's per-cluster labels. @default none
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

/** One Argo CD ignoreDifferences entry. */
export interface IgnoredDifference {
  readonly group: string;
  readonly kind: string;
  readonly jqPathExpressions: readonly string[];
}

/**
 * istiod switches its validating webhooks' failurePolicy from the chart's Ignore to Fail once it serves them; with
 * selfHeal Argo CD would set it back forever (istio/istio#52785, #44285: "istiod will modify it after it's running";
 * Istio's Argo CD advice ignores `failurePolicy` of the validating webhooks).
 */
const ISTIO_WEBHOOK_DIFFERENCES: readonly IgnoredDifference[] = [
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.failurePolicy'] },
];

type Toggle = boolean | 'auto';

/** Karpenter's advice for its controller: requests equal to limits, 1 cpu and 1Gi. */
const KARPENTER_CONTROLLER_RESOURCES = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };

/** The operators of `env`, in install order. */
export function operatorReleases(env: Environment): OperatorRelease[] {
  const toggles: Partial<NonNullable<Environment['gitops']>['operators']> = env.gitops?.operators ?? {};
  const wanted = (toggle: Toggle | undefined, auto: boolean) => (toggle === undefined || toggle === 'auto' ? auto : toggle);
  const apps = env.apps;
  // a placed app is autoscaled on the Karmada API server or in the members, never on the host: its triggers ask the host
  // for no operator (charts/multicluster/karmada-objects.ts placedAutoscaling)
  const triggers = apps.flatMap((a) =>
    a.kind === 'deployment' && !isPlaced(env, a) ? a.autoscaling.triggers.map((t) => ({ engine: a.autoscaling.engine, type: t.type })) : [],
  );
  const out: OperatorRelease[] = [];
  const add = (
    id: OperatorId,
    name: string,
    values: Record<string, unknown>,
    more: Partial<Pick<OperatorRelease, 'crdGroups' | 'dependsOn' | 'releaseName' | 'ignoreDifferences' | 'namespaceLabels'>> = {},
  ) => {
    const { releaseName, ...rest } = more;
    out.push({
      id,
      name,
      ...(releaseName && releaseName !== name ? { releaseName } : {}),
      chart: OPERATOR_CHARTS[id],
      values,
      crdGroups: [],
      dependsOn: [],
      ...rest,
    });
  };
  // the rendered Prometheus selects monitors by these labels: the charts' own monitors must carry them
  const { release, ...monitorLabels } = env.monitoring.selectorLabels;

  if (wanted(toggles.istio, env.mesh.enabled)) {
    const mc = env.mesh.multiCluster;
    const network = mc && perCluster(env, 'network', mc.network);
    // namespaces labelled istio.io/rev=<revision> (charts/platform/namespaces-chart.ts) are injected only by the istiod
    // of that revision (istio-discovery templates/mutatingwebhook.yaml selects on istio.io/rev); its gateways too
    const revision = env.mesh.revision ? { revision: env.mesh.revision } : {};
    // gateway pods created before istiod's injection webhook keep `image: auto` (istio/istio#46307, #53290): the CRDs
    // and default validator (base) first, then istiod, then the gateways
    add('istioBase', 'istio-base', {}, { crdGroups: ['networking.istio.io', 'security.istio.io'], ignoreDifferences: ISTIO_WEBHOOK_DIFFERENCES });
    // with the CNI node agent the injector adds the unprivileged istio-validation init container instead of istio-init
    // (NET_ADMIN, NET_RAW), which Pod Security baseline and restricted forbid: istiod reads pilot.cni.enabled
    if (env.mesh.cni) add('istioCni', 'istio-cni', {});
    add(
      'istiod',
      'istiod',
      {
        ...revision,
        ...(env.mesh.cni ? { pilot: { cni: { enabled: true } } } : {}),
        // a multi-primary, multi-network member (istio-discovery values.yaml global.meshID, global.multiCluster.clusterName,
        // global.network; meshConfig.trustDomain: istio.io/latest/docs/setup/install/multicluster/multi-primary_multi-network)
        ...(mc
          ? {
              global: { meshID: mc.meshId, network, multiCluster: { clusterName: perCluster(env, 'clusterName', meshClusterName(env)) } },
              meshConfig: { trustDomain: mc.trustDomain },
            }
          : {}),
      },
      {
        dependsOn: env.mesh.cni ? ['istio-base', 'istio-cni'] : ['istio-base'],
        ignoreDifferences: ISTIO_WEBHOOK_DIFFERENCES,
        // the folder every cluster of a fleet applies cannot label istio-system with each one's network
        // (charts/platform/namespaces-chart.ts renders it for a single cluster)
        ...(network && env.gitops?.fleet ? { namespaceLabels: istioNamespaceLabels(network) } : {}),
      },
    );
    add('istioGateway', 'istio-ingressgateway', { ...revision, labels: { istio: 'ingressgateway' } }, { dependsOn: ['istiod'] });
    if (mc?.eastWestGateway) {
      // the pods the cross-network Gateway (charts/platform/east-west-gateway.ts) selects: Istio's multicluster
      // east-west gateway, for this cluster's network (samples/multicluster/gen-eastwest-gateway.sh: the label
      // topology.istio.io/network, ISTIO_META_REQUESTED_NETWORK_VIEW, ports 15021/15443/15012/15017; the gateway
      // chart's templates/deployment.yaml renders `labels` on the pods and `env` on istio-proxy)
      add(
        'istioGateway',
        'istio-eastwestgateway',
        {
          ...revision,
          labels: { ...mc.eastWestSelector, 'topology.istio.io/network': network },
          env: { ISTIO_META_REQUESTED_NETWORK_VIEW: network },
          service: {
            ports: [
              { name: 'status-port', port: 15021, targetPort: 15021 },
              { name: 'tls', port: mc.eastWestPort, targetPort: mc.eastWestPort },
              { name: 'tls-istiod', port: 15012, targetPort: 15012 },
              { name: 'tls-webhook', port: 15017, targetPort: 15017 },
            ],
          },
        },
        { dependsOn: ['istiod'] },
      );
    }
  }
  if (wanted(toggles.kubePrometheusStack, env.monitoring.enabled)) {
    // the Prometheus itself is rendered by the monitoring chart: the stack brings the operator and the exporters, whose
    // ServiceMonitors (kubelet, kube-state-metrics, node-exporter) carry the selector labels. The charts label them
    // `release: <Helm release name>` themselves (a second `release` key would be a duplicate): so a `release` selector
    // label names the Helm release, and the other labels are added
    const exporter = { releaseLabel: true, prometheus: { monitor: { enabled: true, additionalLabels: { ...monitorLabels } } } };
    add(
      'kubePrometheusStack',
      'kube-prometheus-stack',
      {
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
      },
      { crdGroups: ['monitoring.coreos.com'], releaseName: release },
    );
  }
  if (
    wanted(
      toggles.metricsServer,
      triggers.some((t) => t.type === 'cpu' || t.type === 'memory'),
    )
  )
    add('metricsServer', 'metrics-server', {});
  if (
    wanted(
      toggles.prometheusAdapter,
      triggers.some((t) => t.type === 'pods'),
    )
  ) {
    add(
      'prometheusAdapter',
      'prometheus-adapter',
      {
        prometheus: { url: prometheusUrl(env).replace(/:9090$/, ''), port: 9090 },
        rules: { default: false, custom: adapterRules(env) },
      },
      { dependsOn: out.some((r) => r.id === 'kubePrometheusStack') ? ['kube-prometheus-stack'] : [] },
    );
  }
  if (
    wanted(
      toggles.keda,
      triggers.some((t) => t.engine === 'keda'),
    )
  ) {
    // the operator's metrics (keda_scaler_detail_errors_total, ...) feed the autoscaling alerts
    const podMonitor = { enabled: true, additionalLabels: { ...env.monitoring.selectorLabels } };
    // with the PodMonitor (kind of the prometheus-operator CRDs) the chart installs only after kube-prometheus-stack
    const monitored = env.monitoring.enabled;
    const dependsOn = monitored && out.some((r) => r.id === 'kubePrometheusStack') ? ['kube-prometheus-stack'] : [];
    add('keda', 'keda', monitored ? { prometheus: { operator: { enabled: true, podMonitor } } } : {}, { crdGroups: ['keda.sh'], dependsOn });
  }
  const k = env.nodes.karpenter;
  if (k && wanted(toggles.karpenter, env.nodes.provisioner !== 'none')) {
    // in a fleet each cluster's own (charts/gitops/fleet-values.ts)
    const clusterName = perCluster(env, 'clusterName', env.cluster.name);
    const queue = k.interruptionQueue && perCluster(env, 'interruptionQueue', k.interruptionQueue);
    const values = {
      settings: { clusterName, ...(queue ? { interruptionQueue: queue } : {}) },
      serviceAccount: k.controllerRoleArn
        ? { annotations: { 'eks.amazonaws.com/role-arn': perCluster(env, 'karpenterRoleArn', k.controllerRoleArn) } }
        : {},
      controller: { resources: k.controllerResources ?? KARPENTER_CONTROLLER_RESOURCES },
    };
    if (k.api === 'v1alpha5') {
      add(
        'karpenterV1alpha5',
        'karpenter',
        {
          settings: {
            aws: {
              clusterName,
              defaultInstanceProfile: k.instanceProfile,
              ...(queue ? { interruptionQueueName: queue } : {}),
            },
          },
          serviceAccount: values.serviceAccount,
          controller: values.controller,
        },
        { crdGroups: ['karpenter.sh', 'karpenter.k8s.aws'] },
      );
    } else add('karpenter', 'karpenter', values, { crdGroups: ['karpenter.sh', 'karpenter.k8s.aws'] });
  }
  if (wanted(toggles.karmada, env.multicluster.karmada)) {
    // a FederatedHPA reads the members' pod metrics through karmada-metrics-adapter, which the chart installs (with
    // its APIServices v1beta1.metrics.k8s.io and v1beta2.custom.metrics.k8s.io on the Karmada API server) only when
    // listed: charts/karmada/templates/karmada-metrics-adapter.yaml, _karmada_apiservice.tpl (`has "metricsAdapter" .Values.components`)
    const federated = apps.some((a) => placedAutoscaling(env, a) === 'federated');
    add('karmada', 'karmada', federated ? { components: ['metricsAdapter'] } : {}, { crdGroups: ['policy.karmada.io', 'autoscaling.karmada.io'] });
  }
  if (
    wanted(
      toggles.knative,
      apps.some((a) => a.kind === 'knative'),
    )
  )
    add('knative', 'knative-operator', {}, { crdGroups: ['operator.knative.dev', 'serving.knative.dev'] });
  return out;
}
