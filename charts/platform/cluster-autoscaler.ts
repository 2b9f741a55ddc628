// Cluster Autoscaler for clusters without Karpenter: ServiceAccount, RBAC and the Deployment, with the image matching
// the cluster's Kubernetes minor version and node groups found by their tags.
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../restricted-security.js';

/** Props of ClusterAutoscaler. */
export interface ClusterAutoscalerProps {
  /** The environment (`nodes.provisioner: cluster-autoscaler`). */
  readonly env: Environment;
}

const NAME = 'cluster-autoscaler';
const NAMESPACE = 'kube-system';

/** The Cluster Autoscaler release for each Kubernetes minor (its versions follow Kubernetes'). */
export const CLUSTER_AUTOSCALER_VERSIONS: Readonly<Record<string, string>> = {
  '1.27': '1.27.3',
  '1.28': '1.28.2',
  '1.29': '1.29.0',
  '1.30': '1.30.0',
  '1.31': '1.31.0',
  '1.32': '1.32.0',
};

/** The image of Cluster Autoscaler for an environment. */
export function clusterAutoscalerImage(env: Environment): string {
  const configured = env.nodes.clusterAutoscaler?.image;
  if (configured) return configured;
  const version = CLUSTER_AUTOSCALER_VERSIONS[env.cluster.kubernetesVersion] ?? `${env.cluster.kubernetesVersion}.0`;
  return `registry.k8s.io/autoscaling/cluster-autoscaler:v${version}`;
}

/** ServiceAccount, RBAC and the Deployment of Cluster Autoscaler in kube-system. */
export class ClusterAutoscaler extends Construct {
  public constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    const { env } = props;
    const ca = env.nodes.clusterAutoscaler ?? {
      expander: 'least-waste',
      balanceSimilarNodeGroups: true,
      skipNodesWithSystemPods: false,
      scaleDownDelayAfterAdd: '10m',
      scaleDownUnneededTime: '10m',
      expendablePodsPriorityCutoff: -10,
      replicas: 1,
    };
    const labels = { 'app.kubernetes.io/name': NAME };
    new k8s.KubeServiceAccount(this, 'service-account', {
      metadata: {
        name: NAME,
        namespace: NAMESPACE,
        labels,
        annotations: ca.controllerRoleArn ? { 'eks.amazonaws.com/role-arn': ca.controllerRoleArn } : undefined,
      },
    });
    new k8s.KubeClusterRole(this, 'cluster-role', {
      metadata: { name: NAME, labels },
      rules: [
        { apiGroups: [''], resources: ['events', 'endpoints'], verbs: ['create', 'patch'] },
        { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
        { apiGroups: [''], resources: ['pods/status'], verbs: ['update'] },
        { apiGroups: [''], resources: ['endpoints'], resourceNames: [NAME], verbs: ['get', 'update'] },
        { apiGroups: [''], resources: ['nodes'], verbs: ['watch', 'list', 'get', 'update'] },
        {
          apiGroups: [''],
          resources: ['namespaces', 'pods', 'services', 'replicationcontrollers', 'persistentvolumeclaims', 'persistentvolumes'],
          verbs: ['watch', 'list', 'get'],
        },
        { apiGroups: ['extensions'], resources: ['replicasets', 'daemonsets'], verbs: ['watch', 'list', 'get'] },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['watch', 'list'] },
        { apiGroups: ['apps'], resources: ['statefulsets', 'replicasets', 'daemonsets'], verbs: ['watch', 'list', 'get'] },
        {
          apiGroups: ['storage.k8s.io'],
          resources: ['storageclasses', 'csinodes', 'csidrivers', 'csistoragecapacities'],
          verbs: ['watch', 'list', 'get'],
        },
        { apiGroups: ['batch', 'extensions'], resources: ['jobs'], verbs: ['get', 'list', 'watch', 'patch'] },
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        { apiGroups: ['coordination.k8s.io'], resourceNames: [NAME], resources: ['leases'], verbs: ['get', 'update'] },
      ],
    });
    new k8s.KubeClusterRoleBinding(this, 'cluster-role-binding', {
      metadata: { name: NAME, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: NAMESPACE }],
    });
    new k8s.KubeRole(this, 'role', {
      metadata: { name: NAME, namespace: NAMESPACE, labels },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'list', 'watch'] },
        {
          apiGroups: [''],
          resources: ['configmaps'],
          resourceNames: ['cluster-autoscaler-status', 'cluster-autoscaler-priority-expander'],
          verbs: ['delete', 'get', 'update', 'watch'],
        },
      ],
    });
    new k8s.KubeRoleBinding(this, 'role-binding', {
      metadata: { name: NAME, namespace: NAMESPACE, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace: NAMESPACE }],
    });
    const discovery = ca.autoDiscoveryTags ?? ['k8s.io/cluster-autoscaler/enabled', `k8s.io/cluster-autoscaler/${env.cluster.name}`];
    const command = [
      './cluster-autoscaler',
      '--v=4',
      '--stderrthreshold=info',
      // the checks allow Cluster Autoscaler on EKS only: node groups are Auto Scaling groups found by their tags
      '--cloud-provider=aws',
      '--skip-nodes-with-local-storage=false',
      `--expander=${ca.expander}`,
      `--node-group-auto-discovery=asg:tag=${discovery.join(',')}`,
      ...(ca.balanceSimilarNodeGroups ? ['--balance-similar-node-groups'] : []),
      `--skip-nodes-with-system-pods=${ca.skipNodesWithSystemPods}`,
      `--scale-down-delay-after-add=${ca.scaleDownDelayAfterAdd}`,
      `--scale-down-unneeded-time=${ca.scaleDownUnneededTime}`,
      `--expendable-pods-priority-cutoff=${ca.expendablePodsPriorityCutoff}`,
    ];
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: NAME, namespace: NAMESPACE, labels },
      spec: {
        replicas: ca.replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' } },
          spec: {
            serviceAccountName: NAME,
            priorityClassName: 'system-cluster-critical',
            securityContext: { runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534, ...restrictedPodSecurity() },
            containers: [
              {
                name: NAME,
                image: clusterAutoscalerImage(env),
                command,
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('600Mi') },
                  limits: { memory: k8s.Quantity.fromString('600Mi') },
                },
                securityContext: { ...restrictedContainerSecurity(), readOnlyRootFilesystem: true },
              },
            ],
          },
        },
      },
    });
  }
}
