// Argo CD: the least-privilege AppProjects (delivery, workloads, operators), the app-of-apps root and the workloads
// Application. Argo CD whitelists kinds per project, not per destination namespace: so the root Application, which
// only creates Argo CD objects in the Argo CD namespace, has a project of its own, and the workload project has no
// access to that namespace.
import { Construct } from 'constructs';
import { Application, AppProject, type ApplicationSpec } from '../../imports/argoproj.io.js';
import { hydratorOf, type Delivery, type Environment } from '../../src/config/model/environment.js';
import type { ProjectScope, ProjectScopes } from '../../src/synth/project-scope.js';
import { KARMADA_API_SERVER_LABEL } from '../../src/convergence/delivery.js';
import { isPlaced, placesObjects } from '../multicluster/karmada-objects.js';
import { ARGOCD_FOLDER, argoRepoUrl, deployPath, KARMADA_FOLDER, operatorNamespaces } from './gitops-naming.js';
import { deploymentName } from '../workloads/labels.js';
import { ArgocdHydratorPlugin, sourceHydrator } from './argocd-hydrator.js';
import { operatorReleases } from './operators.js';

/** Props of ArgocdProject. */
export interface ArgocdProjectProps {
  /** The environment. */
  readonly env: Environment;
  /** Its `gitops` (engine argocd). */
  readonly delivery: Delivery;
  /** What the delivery and workload projects may deploy (src/synth/project-scope.ts). @default nothing yet */
  readonly scopes?: ProjectScopes;
}

const NOTHING: ProjectScope = { destinations: [], clusterResourceWhitelist: [], namespaceResourceWhitelist: [] };

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

/** Label carried by the Application of the environment's workloads (the sync-wave step orders it after the operators). */
export const WORKLOADS_LABEL = 'elastic-gitops.dev/workloads';

/**
 * Label carried by the Application of the Karmada folder (the sync-wave step orders it after the karmada operator);
 * the convergence check reads it as "this destination is a Karmada API server" (src/convergence/delivery.ts).
 */
export const KARMADA_LABEL = KARMADA_API_SERVER_LABEL;

/** Names of the environment's AppProjects. */
export function projectNames(env: Environment): {
  readonly delivery: string;
  readonly workloads: string;
  readonly operators: string;
  readonly karmada: string;
} {
  return { delivery: `${env.envName}-delivery`, workloads: env.envName, operators: `${env.envName}-operators`, karmada: `${env.envName}-placement` };
}

export class ArgocdProject extends Construct {
  public constructor(scope: Construct, id: string, props: ArgocdProjectProps) {
    super(scope, id);
    const { env, delivery: g } = props;
    const namespace = g.namespace;
    const projects = projectNames(env);
    const hydrator = hydratorOf(g);
    // the hydrator reads the config repository and writes the deploy repository; the root reads dist/<env>/argocd of the
    // config repository (committed there) instead of a published copy
    const sourceRepos = hydrator ? [...new Set([g.repo.url, hydrator.dryRepo])].sort() : [g.repo.url];
    // destinations and kinds of the delivery and workload projects are those of the objects of the folder each applies
    // (src/synth/project-scope.ts): exactly what the environment renders, nothing more
    new AppProject(this, 'delivery-project', {
      metadata: { name: projects.delivery, namespace },
      spec: {
        description: `${env.envName}: the Argo CD objects of the environment (${deployPath(env)}/${ARGOCD_FOLDER}), least privilege`,
        sourceRepos,
        ...scopeSpec(props.scopes?.delivery ?? NOTHING),
      },
    });
    new AppProject(this, 'project', {
      metadata: { name: projects.workloads, namespace },
      spec: {
        description: `${env.envName}: the rendered environment (${deployPath(env)}), least privilege`,
        sourceRepos,
        ...scopeSpec(props.scopes?.workloads ?? NOTHING),
      },
    });
    const operators = operatorReleases(env);
    if (operators.length > 0) {
      // Helm charts render kinds of their own choosing: namespaced kinds are not restricted, cluster kinds are
      new AppProject(this, 'operators-project', {
        metadata: { name: projects.operators, namespace },
        spec: {
          description: `${env.envName}: operators installed from pinned Helm charts`,
          sourceRepos: [...new Set(operators.map((o) => argoRepoUrl(o.chart.repo)))].sort(),
          // a fleet installs them on every cluster it selects (by labels, which destinations cannot express)
          destinations: operatorNamespaces(env).map((ns) => ({ server: g.fleet ? '*' : g.destination, namespace: ns })),
          clusterResourceWhitelist: [...OPERATOR_CLUSTER_KINDS],
        },
      });
    }
    new Application(this, 'root', {
      metadata: { name: env.envName, namespace, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
      spec: {
        project: projects.delivery,
        source: hydrator
          ? { repoUrl: hydrator.dryRepo, targetRevision: hydrator.dryRevision, path: `dist/${env.envName}/${ARGOCD_FOLDER}` }
          : { repoUrl: g.repo.url, targetRevision: g.repo.branch, path: `${deployPath(env)}/${ARGOCD_FOLDER}` },
        destination: { server: g.destination, namespace },
        syncPolicy: {
          automated: g.sync === 'automated' ? { prune: true, selfHeal: true } : undefined,
          syncOptions: ['PruneLast=true'],
          retry: ROOT_RETRY,
        },
      },
    });
    if (hydrator) new ArgocdHydratorPlugin(this, 'hydrator-plugin', { delivery: g, hydrator });
    if (placesObjects(env)) {
      const scope = props.scopes?.karmada ?? NOTHING;
      new AppProject(this, 'karmada-project', {
        metadata: { name: projects.karmada, namespace },
        spec: {
          description: `${env.envName}: what Karmada places (${deployPath(env)}/${KARMADA_FOLDER}), on the Karmada API server ${env.multicluster.apiServer}`,
          sourceRepos: [g.repo.url],
          ...scopeSpec(scope),
        },
      });
      // the Karmada API server is a cluster registered in Argo CD by name (its URL is the karmada chart's Service)
      new Application(this, 'karmada', {
        metadata: {
          name: `${env.envName}-placement`,
          namespace,
          labels: { [KARMADA_LABEL]: env.envName },
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: projects.karmada,
          source: { repoUrl: g.repo.url, targetRevision: g.repo.branch, path: `${deployPath(env)}/${KARMADA_FOLDER}` },
          destination: { name: env.multicluster.apiServer, namespace: scope.destinations[0]?.namespace ?? namespace },
          syncPolicy: {
            automated: g.sync === 'automated' ? { prune: true, selfHeal: true } : undefined,
            syncOptions: ['ServerSideApply=true', 'RespectIgnoreDifferences=true', 'PruneLast=true'],
            retry: ROOT_RETRY,
          },
          // a FederatedHPA writes the replicas of the template it scales; with retain-replicas Karmada's
          // deployment-replicas-syncer writes the members' total there (pkg/controllers/deploymentreplicassyncer)
          ignoreDifferences: replicaDifferences(autoscaledDeployments(env, 'karmada')),
        },
      });
    }
    if (g.fleet) return; // a fleet gets one workloads Application per cluster from its ApplicationSet
    new Application(this, 'workloads', {
      metadata: {
        name: `${env.envName}-workloads`,
        namespace,
        labels: { [WORKLOADS_LABEL]: env.envName },
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: workloadsApplicationSpec(env, g, g.destination, props.scopes?.home),
    });
  }
}

function scopeSpec(scope: ProjectScope) {
  return {
    destinations: scope.destinations.map((d) => ({ ...d })),
    clusterResourceWhitelist: scope.clusterResourceWhitelist.map((k) => ({ ...k })),
    namespaceResourceWhitelist: scope.namespaceResourceWhitelist.map((k) => ({ ...k })),
  };
}

/**
 * Retries of the Applications that wait for others: a first install waits for every operator chart (CRDs, webhooks,
 * images pulled), so the backoff runs up to 10 minutes and 10 attempts (about an hour) before giving up.
 */
export const ROOT_RETRY = { limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } } as const;

/**
 * Spec of the Application that applies the environment folder to `server` (also the fleet ApplicationSet's template),
 * with `home` as its destination namespace: one its project permits (default: Argo CD's, before scopes are known).
 */
export function workloadsApplicationSpec(env: Environment, g: Delivery, server: string, home = g.namespace): ApplicationSpec {
  const automated = g.sync === 'automated';
  const hydrator = hydratorOf(g);
  return {
    project: projectNames(env).workloads,
    ...(hydrator
      ? { sourceHydrator: sourceHydrator(env, g, hydrator) }
      : { source: { repoUrl: g.repo.url, targetRevision: g.repo.branch, path: deployPath(env) } }),
    destination: { server, namespace: home },
    syncPolicy: {
      automated: automated ? { prune: true, selfHeal: true } : undefined,
      syncOptions: ['ServerSideApply=true', 'RespectIgnoreDifferences=true', 'PruneLast=true'],
      retry: ROOT_RETRY,
    },
    // the autoscalers own the replica counts of the Deployments they scale, and only of those: Argo CD must not reset
    // them, and still applies every other Deployment's (overprovisioning, Cluster Autoscaler) replicas
    ignoreDifferences: replicaDifferences(autoscaledDeployments(env, 'host')),
  };
}

/** Argo CD ignores the replicas of these Deployments (none: no ignoreDifferences). */
function replicaDifferences(deployments: readonly { name: string; namespace: string }[]) {
  if (deployments.length === 0) return undefined;
  return deployments.map((d) => ({ group: 'apps', kind: 'Deployment', name: d.name, namespace: d.namespace, jsonPointers: ['/spec/replicas'] }));
}

/**
 * The Deployments an autoscaler of the environment scales (an app's canary track is not autoscaled), on the host or
 * (placed apps, whose Deployment is a resource template) on the Karmada API server.
 */
function autoscaledDeployments(env: Environment, side: 'host' | 'karmada'): { name: string; namespace: string }[] {
  return env.apps
    .filter((a) => a.kind === 'deployment' && a.autoscaling.engine !== 'none' && isPlaced(env, a) === (side === 'karmada'))
    .map((a) => ({ name: deploymentName(a), namespace: a.namespace }))
    .sort((a, b) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1));
}
