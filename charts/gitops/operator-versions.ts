// The operators the platform installs, each from a Helm chart at an exact version: the one table to bump, with what
// each pinned chart needs from the cluster. Chart versions follow the pinned CRDs of schemas.lock.json where the
// project versions them together; every version is one its Helm repository's index (or OCI registry) publishes.
// What each pinned chart installs and writes to, and the Kubernetes versions it runs on, is its row of the
// operator-installs table (src/convergence/operator-installs.ts, installOf): one place for those facts.

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
  /** Where the version comes from. */
  readonly source: string;
}

export const OPERATOR_CHARTS = {
  keda: {
    title: 'KEDA',
    repo: 'https://kedacore.github.io/charts',
    chart: 'keda',
    version: '2.20.2',
    namespace: 'keda',
    source: 'kedacore/charts release keda-2.20.2 (the chart of KEDA v2.20.2, whose CRDs are pinned)',
  },
  karpenter: {
    title: 'Karpenter',
    repo: 'oci://public.ecr.aws/karpenter',
    chart: 'karpenter',
    version: '1.14.1',
    namespace: 'kube-system',
    source: 'aws/karpenter-provider-aws release v1.14.1 (chart and CRDs versioned together)',
  },
  /** Karpenter 0.31, the last line serving v1alpha5, for `nodes.karpenter.api: v1alpha5` (Provisioner / AWSNodeTemplate). */
  karpenterV1alpha5: {
    title: 'Karpenter',
    repo: 'oci://public.ecr.aws/karpenter',
    chart: 'karpenter',
    version: 'v0.31.5',
    namespace: 'karpenter',
    source: 'aws/karpenter-provider-aws release v0.31.5, the last before v1beta1 replaced v1alpha5 (v0.32.0 upgrade guide)',
  },
  kubePrometheusStack: {
    title: 'kube-prometheus-stack',
    repo: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '83.1.0',
    namespace: 'monitoring',
    source: 'prometheus-community/helm-charts release kube-prometheus-stack-83.1.0 (prometheus-operator v0.93.0, whose CRDs are pinned)',
  },
  prometheusAdapter: {
    title: 'prometheus-adapter',
    repo: 'https://prometheus-community.github.io/helm-charts',
    chart: 'prometheus-adapter',
    version: '5.2.0',
    namespace: 'monitoring',
    source: 'prometheus-community/helm-charts release prometheus-adapter-5.2.0',
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
