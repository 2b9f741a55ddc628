// Argo CD: the environment's least-privilege AppProject, the operators' AppProject, and the app-of-apps root.
import { Construct } from 'constructs';
import { Application, AppProject } from '../../imports/argoproj.io.js';
import type { Environment } from '../../src/config/model/environment.js';
import { argoRepoUrl, deployPath, gitopsNamespace, operatorNamespaces, renderedNamespaces } from './gitops-naming.js';
import { operatorReleases } from './operators.js';

/** Props of ArgocdProject. */
export interface ArgocdProjectProps {
  /** The environment (`gitops.engine: argocd`). */
  readonly env: Environment;
}

/** Cluster-scoped kinds the environment's charts render: the only ones its project may create. */
export function environmentClusterKinds(env: Environment): { group: string; kind: string }[] {
  const kinds = [{ group: '', kind: 'Namespace' }];
  if (env.priorityClasses.length > 0 || env.overprovisioning.enabled) kinds.push({ group: 'scheduling.k8s.io', kind: 'PriorityClass' });
  if (env.monitoring.enabled || env.nodes.provisioner === 'cluster-autoscaler') {
    kinds.push({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }, { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' });
  }
  const k = env.nodes.karpenter;
  if (k && env.nodes.provisioner !== 'none') {
    if (k.api === 'v1alpha5') kinds.push({ group: 'karpenter.sh', kind: 'Provisioner' }, { group: 'karpenter.k8s.aws', kind: 'AWSNodeTemplate' });
    else kinds.push({ group: 'karpenter.sh', kind: 'NodePool' }, { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' });
  }
  return kinds;
}

/** Cluster-scoped kinds operator charts install (CRDs, webhooks, aggregated APIs, RBAC). */
const OPERATOR_CLUSTER_KINDS: readonly { group: string; kind: string }[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'scheduling.k8s.io', kind: 'PriorityClass' },
  { group: '', kind: 'Namespace' },
];

/** Label carried by the Applications that install operators (the sync-wave step orders them first). */
export const OPERATOR_LABEL = 'elastic-gitops.dev/operator';

export class ArgocdProject extends Construct {
  public constructor(scope: Construct, id: string, props: ArgocdProjectProps) {
    super(scope, id);
    const { env } = props;
    const g = env.gitops!;
    const namespace = gitopsNamespace(env);
    const server = g.fleet ? '*' : g.destination;
    const name = env.envName;
    new AppProject(this, 'project', {
      metadata: { name, namespace },
      spec: {
        description: `${name}: the rendered environment (dist), least privilege`,
        sourceRepos: [g.repo.url],
        destinations: renderedNamespaces(env).map((ns) => ({ server, namespace: ns })),
        clusterResourceWhitelist: environmentClusterKinds(env),
        namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }, { group: '', kind: 'LimitRange' }],
      },
    });
    const operators = operatorReleases(env);
    if (operators.length > 0) {
      new AppProject(this, 'operators-project', {
        metadata: { name: `${name}-operators`, namespace },
        spec: {
          description: `${name}: operators installed from pinned Helm charts`,
          sourceRepos: [...new Set(operators.map((o) => argoRepoUrl(o.chart.repo)))].sort(),
          destinations: operatorNamespaces(env).map((ns) => ({ server, namespace: ns })),
          clusterResourceWhitelist: [...OPERATOR_CLUSTER_KINDS],
        },
      });
    }
    if (g.fleet) return; // a fleet gets one root Application per cluster from the ApplicationSet
    new Application(this, 'root', {
      metadata: { name, namespace, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: name,
        source: { repoUrl: g.repo.url, targetRevision: g.repo.branch, path: deployPath(env) },
        destination: { server: g.destination, namespace },
        ...rootSyncSpec(env),
      },
    });
  }
}

/** Sync policy, retries and ignoreDifferences of a root Application (also used by the ApplicationSet template). */
export function rootSyncSpec(env: Environment) {
  const automated = env.gitops!.sync === 'automated';
  return {
    syncPolicy: {
      automated: automated ? { prune: true, selfHeal: true } : undefined,
      syncOptions: ['ServerSideApply=true', 'RespectIgnoreDifferences=true', 'PruneLast=true'],
      retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
    },
    // the autoscalers own replica counts: Argo CD must not reset them
    ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
  };
}
