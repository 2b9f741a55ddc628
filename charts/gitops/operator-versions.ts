// The operators the platform installs, each from a Helm chart at an exact version: the one table to bump.
// Chart versions follow the pinned CRDs of schemas.lock.json where the project versions them together.

/** One pinned Helm chart. */
export interface OperatorChart {
  /** Helm repository URL (https) or OCI registry (oci://...). */
  readonly repo: string;
  readonly chart: string;
  /** Exact chart version: never a range. */
  readonly version: string;
  /** Namespace the operator runs in. */
  readonly namespace: string;
}

export const OPERATOR_CHARTS = {
  keda: { repo: 'https://kedacore.github.io/charts', chart: 'keda', version: '2.20.2', namespace: 'keda' },
  karpenter: { repo: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', version: '1.14.1', namespace: 'kube-system' },
  /** Karpenter before 0.32, for `nodes.karpenter.api: v1alpha5` (Provisioner / AWSNodeTemplate). */
  karpenterV1alpha5: { repo: 'oci://public.ecr.aws/karpenter', chart: 'karpenter', version: 'v0.27.3', namespace: 'karpenter' },
  kubePrometheusStack: { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '83.1.0', namespace: 'monitoring' },
  prometheusAdapter: { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-adapter', version: '5.2.0', namespace: 'monitoring' },
  metricsServer: { repo: 'https://kubernetes-sigs.github.io/metrics-server', chart: 'metrics-server', version: '3.13.0', namespace: 'kube-system' },
  istioBase: { repo: 'https://istio-release.storage.googleapis.com/charts', chart: 'base', version: '1.30.3', namespace: 'istio-system' },
  /** Istio CNI node agent (`mesh.cni`): traffic redirection without the privileged istio-init container. */
  istioCni: { repo: 'https://istio-release.storage.googleapis.com/charts', chart: 'cni', version: '1.30.3', namespace: 'istio-system' },
  istiod: { repo: 'https://istio-release.storage.googleapis.com/charts', chart: 'istiod', version: '1.30.3', namespace: 'istio-system' },
  istioGateway: { repo: 'https://istio-release.storage.googleapis.com/charts', chart: 'gateway', version: '1.30.3', namespace: 'istio-system' },
  karmada: { repo: 'https://raw.githubusercontent.com/karmada-io/karmada/master/charts', chart: 'karmada', version: '1.18.2', namespace: 'karmada-system' },
  knative: { repo: 'https://knative.github.io/operator', chart: 'knative-operator', version: 'v1.23.0', namespace: 'knative-operator' },
} as const satisfies Record<string, OperatorChart>;

export type OperatorId = keyof typeof OPERATOR_CHARTS;
