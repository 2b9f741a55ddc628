// Environment model → cdk8s charts → plain objects, one group per output file.
import { App } from 'cdk8s';
import { KARMADA_FOLDER } from '../../charts/gitops/gitops-naming.js';
import { karmadaSides } from '../../charts/multicluster/karmada-objects.js';
import { CHARTS } from '../../charts/registry.js';
import type { Environment } from '../config/model/environment.js';
import { NO_PLAN, planApply, type ApplyPlan } from './apply-plan.js';

/** The objects of one chart, written as one file. */
export interface RenderedFile {
  /** File name relative to the environment folder, e.g. `30-workloads.yaml` or `operators/02-operators.yaml`. */
  readonly name: string;
  readonly objects: readonly Record<string, unknown>[];
}

/** Everything rendered for one environment. */
export interface RenderedEnvironment {
  readonly env: string;
  /** The cluster's Kubernetes minor version (cluster.kubernetesVersion): what the objects are validated against. */
  readonly kubernetesVersion: string;
  readonly files: readonly RenderedFile[];
}

/**
 * Renders every chart that applies to `env`; charts that render nothing produce no file. Under Argo CD the charts
 * render twice: the first render only feeds the apply plan (sync waves and project scopes, src/synth/apply-plan.ts),
 * which the second hands to the charts.
 */
export function renderEnvironment(env: Environment): RenderedEnvironment {
  const plan = env.gitops?.engine === 'argocd' ? planApply(env, renderCharts(env, NO_PLAN)) : NO_PLAN;
  return { env: env.envName, kubernetesVersion: env.cluster.kubernetesVersion, files: renderCharts(env, plan) };
}

/**
 * Each chart gets an App of its own: `Chart.toJson()` resolves dependencies and validates the whole App, so one
 * shared App would walk every earlier chart's construct tree again for each chart (quadratic in the chart count).
 * Charts never reference each other, so the output is the same.
 */
function renderCharts(env: Environment, plan: ApplyPlan): RenderedFile[] {
  const files: RenderedFile[] = [];
  const karmada: RenderedFile[] = [];
  const sideOf = karmadaSides(env);
  for (const spec of CHARTS) {
    if (!spec.applies(env)) continue;
    const objects = spec.create(new App(), spec.file, env, plan).toJson() as Record<string, unknown>[];
    const folder = spec.folder?.(env);
    // what Karmada places goes to the Karmada API server's folder (charts/multicluster/karmada-objects.ts)
    const host = folder ? objects : objects.filter((o) => sideOf(o) !== 'karmada');
    const placed = folder ? [] : objects.filter((o) => sideOf(o) !== 'host');
    if (host.length > 0) files.push({ name: `${folder ? `${folder}/` : ''}${spec.file}.yaml`, objects: host });
    if (placed.length > 0) karmada.push({ name: `${KARMADA_FOLDER}/${spec.file}.yaml`, objects: placed });
  }
  return [...files, ...karmada];
}
