// Every chart the compiler renders, in order of application. The file names are stable: add, never renumber.
import type { ChartSpec } from './chart-spec.js';
import { NamespacesChart } from './platform/namespaces-chart.js';
import { OverprovisioningChart } from './platform/overprovisioning-chart.js';
import { PriorityClassesChart } from './platform/priority-classes-chart.js';
import { WorkloadsChart } from './workloads/workloads-chart.js';

export const CHARTS: readonly ChartSpec[] = [
  { file: '00-namespaces', applies: () => true, create: (app, id, env) => new NamespacesChart(app, id, { env }) },
  { file: '05-priority-classes', applies: (env) => env.priorityClasses.length > 0, create: (app, id, env) => new PriorityClassesChart(app, id, { env }) },
  { file: '15-overprovisioning', applies: (env) => env.overprovisioning.enabled, create: (app, id, env) => new OverprovisioningChart(app, id, { env }) },
  { file: '30-workloads', applies: (env) => env.apps.some((a) => a.kind === 'deployment'), create: (app, id, env) => new WorkloadsChart(app, id, { env }) },
];
