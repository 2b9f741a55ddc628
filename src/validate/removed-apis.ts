// API versions Kubernetes (and the operators we pin) no longer serve, with the version that replaced them.
const REMOVED: Record<string, { readonly removedIn: string; readonly use: string }> = {
  'autoscaling/v2beta1/HorizontalPodAutoscaler': { removedIn: 'Kubernetes 1.25', use: 'autoscaling/v2' },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': { removedIn: 'Kubernetes 1.26', use: 'autoscaling/v2' },
  'policy/v1beta1/PodDisruptionBudget': { removedIn: 'Kubernetes 1.25', use: 'policy/v1' },
  'policy/v1beta1/PodSecurityPolicy': { removedIn: 'Kubernetes 1.25', use: 'Pod Security Admission' },
  'batch/v1beta1/CronJob': { removedIn: 'Kubernetes 1.25', use: 'batch/v1' },
  'networking.k8s.io/v1beta1/Ingress': { removedIn: 'Kubernetes 1.22', use: 'networking.k8s.io/v1' },
  'extensions/v1beta1/Ingress': { removedIn: 'Kubernetes 1.22', use: 'networking.k8s.io/v1' },
  'extensions/v1beta1/Deployment': { removedIn: 'Kubernetes 1.16', use: 'apps/v1' },
  'apps/v1beta1/Deployment': { removedIn: 'Kubernetes 1.16', use: 'apps/v1' },
  'apps/v1beta2/Deployment': { removedIn: 'Kubernetes 1.16', use: 'apps/v1' },
  'scheduling.k8s.io/v1beta1/PriorityClass': { removedIn: 'Kubernetes 1.22', use: 'scheduling.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': { removedIn: 'Kubernetes 1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': { removedIn: 'Kubernetes 1.22', use: 'rbac.authorization.k8s.io/v1' },
  'keda.k8s.io/v1alpha1/ScaledObject': { removedIn: 'KEDA 2.0', use: 'keda.sh/v1alpha1' },
  'karpenter.sh/v1beta1/NodePool': { removedIn: 'Karpenter 1.1', use: 'karpenter.sh/v1' },
  'karpenter.k8s.aws/v1beta1/EC2NodeClass': { removedIn: 'Karpenter 1.1', use: 'karpenter.k8s.aws/v1' },
};

/** Why `apiVersion`/`kind` is not served any more, or undefined. */
export function removedApi(apiVersion: string, kind: string): string | undefined {
  const r = REMOVED[`${apiVersion}/${kind}`];
  return r && `${apiVersion} ${kind} was removed in ${r.removedIn}: use ${r.use}`;
}
