// Every chart the compiler renders, in order of application. The file names are stable: add, never renumber.
import type { ChartSpec } from './chart-spec.js';
import { deliveryOf } from '../src/config/model/environment.js';
import { GitopsChart } from './gitops/gitops-chart.js';
import { ARGOCD_FOLDER, FLUX_OPERATORS_FOLDER } from './gitops/gitops-naming.js';
import { operatorReleases } from './gitops/operators.js';
import { OperatorsChart } from './gitops/operators-chart.js';
import { placesObjects } from './multicluster/karmada-objects.js';
import { PlacementChart } from './multicluster/placement-chart.js';
import { MeshChart } from './platform/mesh-chart.js';
import { MonitoringChart } from './platform/monitoring-chart.js';
import { NodeAutoscalingChart } from './platform/node-autoscaling-chart.js';
import { NamespacesChart } from './platform/namespaces-chart.js';
import { OverprovisioningChart } from './platform/overprovisioning-chart.js';
import { PriorityClassesChart } from './platform/priority-classes-chart.js';
import { AutoscalingChart } from './workloads/autoscaling-chart.js';
import { RoutingChart, routedApps } from './workloads/routing-chart.js';
import { ServerlessChart } from './workloads/serverless-chart.js';
import { WorkloadsChart } from './workloads/workloads-chart.js';

export const CHARTS: readonly ChartSpec[] = [
  { file: '00-namespaces', applies: () => true, create: (app, id, env, { order }) => new NamespacesChart(app, id, { env, order }) },
  {
    file: '01-gitops',
    applies: (env) => deliveryOf(env) !== undefined,
    create: (app, id, env, { order, scopes }) => new GitopsChart(app, id, { env, order, scopes }),
    folder: (env) => (env.gitops?.engine === 'argocd' ? ARGOCD_FOLDER : undefined),
  },
  {
    file: '02-operators',
    applies: (env) => deliveryOf(env) !== undefined && operatorReleases(env).length > 0,
    create: (app, id, env, { order }) => new OperatorsChart(app, id, { env, order }),
    folder: (env) => (env.gitops?.engine === 'flux' ? FLUX_OPERATORS_FOLDER : ARGOCD_FOLDER),
  },
  {
    file: '05-priority-classes',
    applies: (env) => env.priorityClasses.length > 0,
    create: (app, id, env, { order }) => new PriorityClassesChart(app, id, { env, order }),
  },
  {
    file: '10-node-autoscaling',
    applies: (env) => env.nodes.provisioner !== 'none' && (env.nodes.karpenter !== undefined || env.nodes.provisioner === 'cluster-autoscaler'),
    create: (app, id, env, { order }) => new NodeAutoscalingChart(app, id, { env, order }),
  },
  {
    file: '15-overprovisioning',
    applies: (env) => env.overprovisioning.enabled,
    create: (app, id, env, { order }) => new OverprovisioningChart(app, id, { env, order }),
  },
  {
    file: '20-monitoring',
    applies: (env) => env.monitoring.enabled,
    create: (app, id, env, { order }) => new MonitoringChart(app, id, { env, order }),
  },
  { file: '25-mesh', applies: (env) => env.mesh.enabled, create: (app, id, env, { order }) => new MeshChart(app, id, { env, order }) },
  {
    file: '30-workloads',
    applies: (env) => env.apps.some((a) => a.kind === 'deployment'),
    create: (app, id, env, { order }) => new WorkloadsChart(app, id, { env, order }),
  },
  {
    file: '35-autoscaling',
    applies: (env) => env.apps.some((a) => a.kind === 'deployment' && a.autoscaling.engine !== 'none'),
    create: (app, id, env, { order }) => new AutoscalingChart(app, id, { env, order }),
  },
  {
    file: '40-routing',
    applies: (env) => env.mesh.enabled && routedApps(env).length > 0,
    create: (app, id, env, { order }) => new RoutingChart(app, id, { env, order }),
  },
  { file: '45-multicluster', applies: placesObjects, create: (app, id, env, { order }) => new PlacementChart(app, id, { env, order }) },
  {
    file: '50-serverless',
    applies: (env) => env.apps.some((a) => a.kind === 'knative'),
    create: (app, id, env, { order }) => new ServerlessChart(app, id, { env, order }),
  },
];
