// What each pinned operator chart installs on its destination cluster, as data with its source: the custom resource
// kinds (its CRDs), the namespaces it writes to besides its release namespace, its cluster-scoped kinds, what must
// exist before it installs, the webhooks it brings, and the Kubernetes versions it supports. One row per chart version
// that charts/gitops/operator-versions.ts pins (and the versions the convergence issue moves to); a test checks that
// every rendered release has its row and that its project admits the namespaces the row lists.

/** An API group and kind. */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/** A kind the chart renders only when a Helm value is true, so its CRD must exist before the chart installs. */
export interface ChartNeed extends GroupKind {
  /** Dotted path of the Helm value that enables the object (e.g. `prometheus.operator.podMonitor.enabled`). */
  readonly when: string;
  /** What the chart renders with it. */
  readonly renders: string;
}

/** A capability a chart brings or needs, beyond kinds: today the sidecar injector webhook of Istio. */
export type Capability = 'istio-sidecar-injector';

/** What one chart version installs. */
export interface OperatorInstall {
  readonly chart: string;
  readonly version: string;
  /** Kinds whose CRDs the chart installs on its destination cluster. */
  readonly crds: readonly GroupKind[];
  /**
   * Kinds a chart that runs an API server of its own (Karmada's control plane) serves there: what an Application or
   * Kustomization whose destination is that API server may apply (KARMADA_API_SERVER_LABEL). @default none
   */
  readonly apiServerCrds?: readonly GroupKind[];
  /** Namespaces the chart writes to besides its release namespace, with the objects it writes there. */
  readonly otherNamespaces: readonly { readonly namespace: string; readonly objects: string }[];
  /** Cluster-scoped kinds the chart creates (with default values). */
  readonly clusterKinds: readonly GroupKind[];
  /** Kinds that must exist before it installs, when a value renders them. */
  readonly needs: readonly ChartNeed[];
  /** Capabilities its objects bring once Healthy. */
  readonly provides: readonly Capability[];
  /** Capabilities that must exist before its pods are created. */
  readonly requires: readonly Capability[];
  /**
   * Kubernetes minor versions (`1.29`) it runs on, as its project publishes them: outside them the configuration
   * check rejects the environment (src/config/checks/operator-checks.ts). No bound where the project publishes none,
   * or only the versions it tested with no claim that others fail (KEDA's "tested window", named in `source`).
   */
  readonly kubernetes: { readonly min?: string; readonly max?: string; readonly source: string };
  /** Where the row comes from (chart templates, compatibility pages). */
  readonly sources: readonly string[];
}

const gk = (group: string, ...kinds: string[]): GroupKind[] => kinds.map((kind) => ({ group, kind }));
const CRD = gk('apiextensions.k8s.io', 'CustomResourceDefinition');
const RBAC = gk('rbac.authorization.k8s.io', 'ClusterRole', 'ClusterRoleBinding');
const VALIDATING = gk('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration');
const MUTATING = gk('admissionregistration.k8s.io', 'MutatingWebhookConfiguration');
const API_SERVICE = gk('apiregistration.k8s.io', 'APIService');

const KEDA_CRDS = [
  ...gk('keda.sh', 'ScaledObject', 'ScaledJob', 'TriggerAuthentication', 'ClusterTriggerAuthentication'),
  ...gk('eventing.keda.sh', 'CloudEventSource', 'ClusterCloudEventSource'),
];
const KARPENTER_V1_CRDS = [...gk('karpenter.sh', 'NodePool', 'NodeClaim'), ...gk('karpenter.k8s.aws', 'EC2NodeClass')];
const KARPENTER_V1ALPHA5_CRDS = [...gk('karpenter.sh', 'Provisioner', 'Machine'), ...gk('karpenter.k8s.aws', 'AWSNodeTemplate')];
const PROMETHEUS_OPERATOR_CRDS = gk(
  'monitoring.coreos.com',
  'Alertmanager',
  'AlertmanagerConfig',
  'PodMonitor',
  'Probe',
  'Prometheus',
  'PrometheusAgent',
  'PrometheusRule',
  'ScrapeConfig',
  'ServiceMonitor',
  'ThanosRuler',
);
const ISTIO_CRDS = [
  ...gk(
    'networking.istio.io',
    'DestinationRule',
    'EnvoyFilter',
    'Gateway',
    'ProxyConfig',
    'ServiceEntry',
    'Sidecar',
    'VirtualService',
    'WorkloadEntry',
    'WorkloadGroup',
  ),
  ...gk('security.istio.io', 'AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'),
  ...gk('telemetry.istio.io', 'Telemetry'),
  ...gk('extensions.istio.io', 'WasmPlugin'),
];
const KARPENTER_MATRIX = 'https://karpenter.sh/docs/upgrading/compatibility/ (Compatibility Matrix)';
// istio/istio.io data/compatibility/supportStatus.yml, rendered as the table of
// https://istio.io/latest/docs/releases/supported-releases/#support-status-of-istio-releases
const ISTIO_SUPPORT =
  'https://istio.io/latest/docs/releases/supported-releases/#support-status-of-istio-releases (1.30: supported 1.32 - 1.36, tested but not supported 1.27 - 1.31)';

const karpenterV1alpha5 = (version: string, max: string, otherNamespaces: OperatorInstall['otherNamespaces']): OperatorInstall => ({
  chart: 'karpenter',
  version,
  crds: KARPENTER_V1ALPHA5_CRDS,
  otherNamespaces,
  clusterKinds: [...CRD, ...RBAC, ...VALIDATING, ...MUTATING],
  needs: [],
  provides: [],
  requires: [],
  // the matrix of the v0.31 docs starts at Kubernetes 1.23; a v1alpha5 Karpenter (<= 0.31) runs up to the newest
  // minor whose minimum it meets
  kubernetes: { min: '1.23', max, source: `${KARPENTER_MATRIX}: Kubernetes 1.25 needs >= 0.25, 1.26 >= 0.28, 1.28 >= 0.31, 1.29 >= 0.34` },
  sources: [
    `github.com/aws/karpenter-provider-aws charts/karpenter (${version}): crds/, templates/webhooks.yaml, templates/role.yaml and rolebinding.yaml`,
  ],
});

const istio = (chart: string, rest: Partial<OperatorInstall>): OperatorInstall => ({
  chart,
  version: '1.30.3',
  crds: [],
  otherNamespaces: [],
  clusterKinds: [],
  needs: [],
  provides: [],
  requires: [],
  // Istio lists the versions it supports and those it tested but does not support: both run it
  kubernetes: { min: '1.27', max: '1.36', source: ISTIO_SUPPORT },
  sources: [],
  ...rest,
});

/**
 * The CRDs of Karmada's API server: charts/karmada/templates/karmada-static-resource-job.yaml runs
 * `kubectl apply -k /crds --kubeconfig /etc/kubeconfig` (the Karmada API server's kubeconfig) with the bases of
 * charts/karmada/_crds/bases/{policy,work,autoscaling,config,...}; Cluster is served by karmada-aggregated-apiserver.yaml
 * (APIService v1alpha1.cluster.karmada.io, charts/karmada/templates/_karmada_apiservice.tpl).
 */
const KARMADA_API_SERVER_CRDS = [
  ...gk(
    'policy.karmada.io',
    'PropagationPolicy',
    'ClusterPropagationPolicy',
    'OverridePolicy',
    'ClusterOverridePolicy',
    'FederatedResourceQuota',
    'ClusterTaintPolicy',
  ),
  ...gk('work.karmada.io', 'Work', 'ResourceBinding', 'ClusterResourceBinding'),
  ...gk('cluster.karmada.io', 'Cluster'),
  ...gk('autoscaling.karmada.io', 'FederatedHPA', 'CronFederatedHPA'),
  ...gk('config.karmada.io', 'ResourceInterpreterCustomization', 'ResourceInterpreterWebhookConfiguration'),
];

const karmada = (version: string): OperatorInstall => ({
  chart: 'karmada',
  version,
  // the chart runs a Karmada control plane (its own API server) in karmada-system; the policy.karmada.io,
  // work.karmada.io and cluster.karmada.io CRDs go to that API server (post-install Job), not to the host cluster
  crds: [],
  apiServerCrds: KARMADA_API_SERVER_CRDS,
  otherNamespaces: [],
  clusterKinds: [...RBAC],
  needs: [],
  provides: [],
  requires: [],
  kubernetes: { source: 'github.com/karmada-io/karmada charts/karmada/Chart.yaml (no kubeVersion)' },
  sources: [
    `github.com/karmada-io/karmada charts/karmada (v${version}): templates/karmada-apiserver.yaml, templates/karmada-static-resource-job.yaml (CRDs applied to the Karmada API server)`,
  ],
});

/** Every known chart version, keyed `chart@version`. */
export const OPERATOR_INSTALLS: readonly OperatorInstall[] = [
  {
    chart: 'keda',
    version: '2.20.2',
    crds: KEDA_CRDS,
    otherNamespaces: [{ namespace: 'kube-system', objects: 'RoleBinding keda-operator-auth-reader (extension-apiserver-authentication-reader)' }],
    clusterKinds: [...CRD, ...RBAC, ...VALIDATING, ...API_SERVICE],
    needs: [
      { group: 'monitoring.coreos.com', kind: 'PodMonitor', when: 'prometheus.operator.podMonitor.enabled', renders: 'PodMonitor keda-operator' },
      {
        group: 'monitoring.coreos.com',
        kind: 'PodMonitor',
        when: 'prometheus.metricServer.podMonitor.enabled',
        renders: 'PodMonitor keda-operator-metrics-apiserver',
      },
      {
        group: 'monitoring.coreos.com',
        kind: 'ServiceMonitor',
        when: 'prometheus.operator.serviceMonitor.enabled',
        renders: 'ServiceMonitor keda-operator',
      },
      {
        group: 'monitoring.coreos.com',
        kind: 'PrometheusRule',
        when: 'prometheus.operator.prometheusRules.enabled',
        renders: 'PrometheusRule keda-operator',
      },
    ],
    provides: [],
    requires: [],
    kubernetes: {
      source:
        'https://keda.sh/docs/2.20/operate/cluster/ (Kubernetes Compatibility: "the tested window ... N-2", v2.20 tested on v1.33 - v1.35, "there is no guarantee" beyond)',
    },
    sources: [
      'github.com/kedacore/charts keda (v2.20.2): templates/crds/, templates/manager/podmonitor.yaml, templates/metrics-server/clusterrolebinding.yaml (keda-operator-auth-reader in kube-system)',
    ],
  },
  {
    chart: 'karpenter',
    version: '1.14.1',
    crds: KARPENTER_V1_CRDS,
    otherNamespaces: [{ namespace: 'kube-system', objects: 'Role and RoleBinding karpenter-dns' }],
    clusterKinds: [...CRD, ...RBAC, ...VALIDATING],
    needs: [],
    provides: [],
    requires: [],
    kubernetes: {
      min: '1.30',
      max: '1.36',
      source:
        'github.com/aws/karpenter-provider-aws website/content/en/v1.14/upgrading/compatibility.md (Compatibility Matrix, Kubernetes 1.30 - 1.36)',
    },
    sources: ['github.com/aws/karpenter-provider-aws charts/karpenter (1.14.1): crds/, templates/role.yaml (karpenter-dns in kube-system)'],
  },
  karpenterV1alpha5('v0.27.3', '1.25', []),
  karpenterV1alpha5('v0.31.5', '1.28', [
    { namespace: 'kube-node-lease', objects: 'Role and RoleBinding karpenter-lease' },
    { namespace: 'kube-system', objects: 'Role and RoleBinding karpenter-dns' },
  ]),
  {
    chart: 'kube-prometheus-stack',
    version: '83.1.0',
    crds: PROMETHEUS_OPERATOR_CRDS,
    otherNamespaces: [
      {
        namespace: 'kube-system',
        objects: 'Services <release>-coredns, -kube-controller-manager, -kube-etcd, -kube-proxy, -kube-scheduler (kubeXxx.service, on by default)',
      },
    ],
    clusterKinds: [...CRD, ...RBAC, ...VALIDATING, ...MUTATING],
    needs: [],
    provides: [],
    requires: [],
    // Helm refuses to install a chart whose kubeVersion the cluster does not meet
    kubernetes: {
      min: '1.25',
      source:
        'github.com/prometheus-community/helm-charts charts/kube-prometheus-stack/Chart.yaml at kube-prometheus-stack-83.1.0 (kubeVersion ">=1.25.0-0")',
    },
    sources: [
      'github.com/prometheus-community/helm-charts charts/kube-prometheus-stack (83.1.0): charts/crds/, templates/exporters/*/service.yaml (namespace kube-system)',
    ],
  },
  {
    chart: 'prometheus-adapter',
    version: '5.2.0',
    crds: [],
    otherNamespaces: [{ namespace: 'kube-system', objects: 'RoleBinding <release>-auth-reader (extension-apiserver-authentication-reader)' }],
    clusterKinds: [...RBAC, ...API_SERVICE],
    needs: [],
    provides: [],
    requires: [],
    kubernetes: { source: 'github.com/prometheus-community/helm-charts charts/prometheus-adapter/Chart.yaml (no kubeVersion)' },
    sources: [
      'github.com/prometheus-community/helm-charts charts/prometheus-adapter (5.2.0): templates/role-binding-auth-reader.yaml, templates/custom-metrics-apiservice.yaml',
    ],
  },
  {
    chart: 'metrics-server',
    version: '3.13.0',
    crds: [],
    otherNamespaces: [{ namespace: 'kube-system', objects: 'RoleBinding <release>-auth-reader (extension-apiserver-authentication-reader)' }],
    clusterKinds: [...RBAC, ...API_SERVICE],
    needs: [],
    provides: [],
    requires: [],
    kubernetes: { source: 'github.com/kubernetes-sigs/metrics-server README.md (Compatibility Matrix, by metrics-server release)' },
    sources: ['github.com/kubernetes-sigs/metrics-server charts/metrics-server (3.13.0): templates/rolebinding.yaml, templates/apiservice.yaml'],
  },
  istio('base', {
    crds: ISTIO_CRDS,
    clusterKinds: [...CRD, ...RBAC, ...VALIDATING],
    sources: ['github.com/istio/istio manifests/charts/base (1.30.3): files/crd-all.gen.yaml, templates/default.yaml (istiod-default-validator)'],
  }),
  istio('cni', {
    // the CNI node agent: a DaemonSet in the release namespace that writes the CNI configuration on each node
    clusterKinds: [...RBAC],
    sources: ['github.com/istio/istio manifests/charts/istio-cni (1.30.3): templates/daemonset.yaml, clusterrole.yaml'],
  }),
  istio('istiod', {
    clusterKinds: [...RBAC, ...VALIDATING, ...MUTATING],
    provides: ['istio-sidecar-injector'],
    sources: [
      'github.com/istio/istio manifests/charts/istio-control/istio-discovery (1.30.3): templates/mutatingwebhook.yaml (istio-sidecar-injector, namespaces labelled istio-injection=enabled, or istio.io/rev=<revision> with values.revision)',
    ],
  }),
  istio('gateway', {
    requires: ['istio-sidecar-injector'],
    sources: [
      'github.com/istio/istio manifests/charts/gateway (1.30.3): templates/deployment.yaml (image: auto, inject.istio.io/templates: gateway: filled by the injector at pod creation; istio/istio#46307)',
    ],
  }),
  // v1.18.0 is the newest version of charts/index.yaml (1.18.2 is a source tag, not a published chart)
  karmada('1.18.2'),
  karmada('1.18.1'),
  karmada('1.18.0'),
  {
    chart: 'knative-operator',
    version: 'v1.23.0',
    // Knative Serving's own CRDs (serving.knative.dev) come only once a KnativeServing object asks the operator for them
    crds: gk('operator.knative.dev', 'KnativeServing', 'KnativeEventing'),
    otherNamespaces: [],
    clusterKinds: [...CRD, ...RBAC, ...VALIDATING, ...MUTATING],
    needs: [],
    provides: [],
    requires: [],
    kubernetes: {
      source: 'https://knative.dev/docs/install/operator/knative-with-operators/ (each Knative release names its minimum Kubernetes version)',
    },
    sources: [
      'github.com/knative/operator config/charts/knative-operator (v1.23.0): templates/operator.yaml (CRDs knativeservings/knativeeventings.operator.knative.dev)',
    ],
  },
];

/** Kinds a KnativeServing object makes the Knative operator install (serving.knative.dev and its networking kinds). */
export const KNATIVE_SERVING_KINDS: readonly GroupKind[] = [
  ...gk('serving.knative.dev', 'Service', 'Configuration', 'Revision', 'Route', 'DomainMapping'),
  ...gk('autoscaling.internal.knative.dev', 'PodAutoscaler', 'Metric'),
  ...gk('networking.internal.knative.dev', 'Certificate', 'ClusterDomainClaim', 'Ingress', 'ServerlessService'),
];

const BY_KEY = new Map(OPERATOR_INSTALLS.map((o) => [`${o.chart}@${normalizeVersion(o.version)}`, o]));

/** The row of a chart version (a leading `v` does not matter), or undefined when the table has none. */
export function operatorInstall(chart: string, version: string): OperatorInstall | undefined {
  return BY_KEY.get(`${chart}@${normalizeVersion(version)}`);
}

/** The row of a pinned chart; every pinned version has one (test/convergence.operators.test.ts). */
export function installOf(chart: { readonly chart: string; readonly version: string }): OperatorInstall {
  const row = operatorInstall(chart.chart, chart.version);
  if (!row) throw new Error(`${chart.chart} ${chart.version} has no row in src/convergence/operator-installs.ts`);
  return row;
}

/**
 * Whether the chart version runs on a Kubernetes minor version (`1.29`): '' when it does (or its project publishes
 * no bound on that side), else the supported range (`1.23–1.28`, `1.25 and later`).
 */
export function unsupportedRange(install: OperatorInstall, kubernetesVersion: string): string {
  const v = minor(kubernetesVersion);
  const { min, max } = install.kubernetes;
  if ((min === undefined || v >= minor(min)) && (max === undefined || v <= minor(max))) return '';
  return min && max ? `${min}–${max}` : min ? `${min} and later` : `up to ${max}`;
}

/** The value at a dotted path of Helm values. */
export function valueAt(values: unknown, path: string): unknown {
  let v = values;
  for (const key of path.split('.')) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function normalizeVersion(v: string): string {
  return v.replace(/^v/, '');
}

/** `1.29` → 1029 (comparable). */
function minor(v: string): number {
  const [major, m] = v.replace(/^v/, '').split('.').map(Number);
  return (major ?? 0) * 1000 + (m ?? 0);
}
