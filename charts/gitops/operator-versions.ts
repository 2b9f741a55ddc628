// The operators the platform installs, each from a Helm chart at an exact version: the one table to bump, with what
// each pinned chart needs from the cluster. Chart versions follow the pinned CRDs of schemas.lock.json where the
// project versions them together; every version is one its Helm repository's index (or OCI registry) publishes.

/** One pinned Helm chart. */
export interface OperatorChart {
  /** The operator's name in messages. */
  readonly title: string;
  /** Helm repository URL (https) or OCI registry (oci://...). */
  readonly repo: string;
  readonly chart: string;
  /** Exact chart version, as the repository index publishes it: never a range, never a source tag. */
  readonly version: string;
  /** Namespace the operator runs in (the Helm release namespace). */
  readonly namespace: string;
  /**
   * Namespaces other than `namespace` the chart's templates write to, with the default values: its Argo CD project must
   * permit them ("namespace kube-system is not permitted" otherwise). @default none
   */
  readonly alsoWritesTo?: readonly string[];
  /** Kubernetes minors the operator supports, inclusive (from its compatibility docs). @default any */
  readonly kubernetes?: { readonly min: string; readonly max?: string };
  /** Where the facts above come from. */
  readonly source: string;
}

export const OPERATOR_CHARTS = {
  keda: {
    title: 'KEDA',
    repo: 'https://kedacore.github.io/charts',
    chart: 'keda',
    version: '2.20.2',
    namespace: 'keda',
    alsoWritesTo: ['kube-system'],
    source: 'kedacore/charts keda-2.20.2: RoleBinding keda-operator-auth-reader in rbac.controlPlaneServiceAccountsNamespace (kube-system)',
  },
  karpenter: {
    title: 'Karpenter',
    repo: 'oci://public.ecr.aws/karpenter',
    chart: 'karpenter',
    version: '1.14.1',
    namespace: 'kube-system',
    kubernetes: { min: '1.30', max: '1.36' },
    source:
      'aws/karpenter-provider-aws v1.14.1: charts/karpenter/templates/role.yaml (karpenter-dns in kube-system); website/content/en/v1.14/upgrading/compatibility.md',
  },
  /** Karpenter 0.31, the last line serving v1alpha5, for `nodes.karpenter.api: v1alpha5` (Provisioner / AWSNodeTemplate). */
  karpenterV1alpha5: {
    title: 'Karpenter',
    repo: 'oci://public.ecr.aws/karpenter',
    chart: 'karpenter',
    version: 'v0.31.5',
    namespace: 'karpenter',
    alsoWritesTo: ['kube-node-lease', 'kube-system'],
    kubernetes: { min: '1.23', max: '1.28' },
    source:
      'aws/karpenter-provider-aws v0.31.5: charts/karpenter/templates/role.yaml, rolebinding.yaml (kube-system, kube-node-lease); v0.32.0 website/content/en/v0.31/upgrade-guide.md compatibility matrix',
  },
  kubePrometheusStack: {
    title: 'kube-prometheus-stack',
    repo: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '83.1.0',
    namespace: 'monitoring',
    alsoWritesTo: ['kube-system'],
    kubernetes: { min: '1.25' },
    source:
      'prometheus-community/helm-charts kube-prometheus-stack-83.1.0: templates/exporters/{core-dns,kube-controller-manager,kube-etcd,kube-proxy,kube-scheduler}/service.yaml in kube-system; Chart.yaml kubeVersion >=1.25.0-0',
  },
  prometheusAdapter: {
    title: 'prometheus-adapter',
    repo: 'https://prometheus-community.github.io/helm-charts',
    chart: 'prometheus-adapter',
    version: '5.2.0',
    namespace: 'monitoring',
    alsoWritesTo: ['kube-system'],
    source: 'prometheus-community/helm-charts prometheus-adapter-5.2.0: templates/role-binding-auth-reader.yaml in kube-system',
  },
  metricsServer: {
    title: 'metrics-server',
    repo: 'https://kubernetes-sigs.github.io/metrics-server',
    chart: 'metrics-server',
    version: '3.13.0',
    namespace: 'kube-system',
    source: 'kubernetes-sigs/metrics-server release metrics-server-helm-chart-3.13.0',
  },
  istioBase: {
    title: 'Istio base',
    repo: 'https://istio-release.storage.googleapis.com/charts',
    chart: 'base',
    version: '1.30.3',
    namespace: 'istio-system',
    source: 'istio/istio 1.30.3 manifests/charts/base',
  },
  /** Istio CNI node agent (`mesh.cni`): traffic redirection without the privileged istio-init container. */
  istioCni: {
    title: 'Istio CNI',
    repo: 'https://istio-release.storage.googleapis.com/charts',
    chart: 'cni',
    version: '1.30.3',
    namespace: 'istio-system',
    source: 'istio/istio 1.30.3 manifests/charts/istio-cni',
  },
  istiod: {
    title: 'istiod',
    repo: 'https://istio-release.storage.googleapis.com/charts',
    chart: 'istiod',
    version: '1.30.3',
    namespace: 'istio-system',
    source: 'istio/istio 1.30.3 manifests/charts/istio-control/istio-discovery',
  },
  istioGateway: {
    title: 'Istio gateway',
    repo: 'https://istio-release.storage.googleapis.com/charts',
    chart: 'gateway',
    version: '1.30.3',
    namespace: 'istio-system',
    source: 'istio/istio 1.30.3 manifests/charts/gateway',
  },
  karmada: {
    title: 'Karmada',
    repo: 'https://raw.githubusercontent.com/karmada-io/karmada/master/charts',
    chart: 'karmada',
    version: 'v1.18.0',
    namespace: 'karmada-system',
    source: 'karmada-io/karmada charts/index.yaml (entries.karmada, newest v1.18.0 there; 1.18.2 is a source tag, not a chart)',
  },
  knative: {
    title: 'Knative Operator',
    repo: 'https://knative.github.io/operator',
    chart: 'knative-operator',
    version: 'v1.23.0',
    namespace: 'knative-operator',
    source: 'knative/operator release knative-v1.23.0',
  },
} as const satisfies Record<string, OperatorChart>;

export type OperatorId = keyof typeof OPERATOR_CHARTS;
