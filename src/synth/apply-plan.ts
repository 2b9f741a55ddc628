// The apply order and project scope of an Argo CD environment, decided before the charts that carry them render:
// from a first render (whose objects are discarded) the dependency graph of the objects is computed with the
// convergence check's own model (src/convergence/dependencies.ts, through waves.ts dependencyGraph), every object
// gets the sync wave after everything it waits for, and the charts receive waves and scopes as props
// (charts/ordered-chart.ts, charts/gitops/argocd-project.ts).
//
// Argo CD applies a sync's objects wave by wave and starts the next wave only when every object of the current one is
// Healthy (argo-cd docs/user-guide/sync-waves.md; gitops-engine pkg/sync/sync_context.go, Sync: "if any tasks are
// not healthy, wait"): an object that waits for one in a later wave never becomes Healthy, and the sync never ends.
import { KARMADA_LABEL, OPERATOR_LABEL, WORKLOADS_LABEL } from '../../charts/gitops/argocd-project.js';
import { ARGOCD_FOLDER, KARMADA_FOLDER } from '../../charts/gitops/gitops-naming.js';
import { operatorReleases } from '../../charts/gitops/operators.js';
import { deliveryOf, type Environment } from '../config/model/environment.js';
import { dependencyGraph } from '../convergence/waves.js';
import { ObjectIndex, objectKey, type Resource } from '../manifest/object-index.js';
import { projectScopes, type ProjectScopes } from './project-scope.js';
import type { RenderedFile } from './render.js';

/** One edge: the object waits for `on` (an objectKey), for `reason`. */
export interface Dependency {
  readonly on: string;
  /** e.g. `PriorityClass overprovisioning`, `operator keda`. */
  readonly reason: string;
}

/** The Argo CD order of an environment's objects, by objectKey. */
export interface ApplyOrder {
  /** Sync wave of every object: 0 for objects that wait for nothing, else one more than the latest they wait for. */
  readonly waves: ReadonlyMap<string, number>;
  /** What each object waits for (inside the same Application's sync). */
  readonly dependencies: ReadonlyMap<string, readonly Dependency[]>;
  /** Custom resources whose CRD an operator's chart installs: Argo CD's dry run must not fail while it is missing. */
  readonly skipDryRun: ReadonlySet<string>;
}

/** What the charts receive besides the environment. */
export interface ApplyPlan {
  /** Argo CD only. */
  readonly order?: ApplyOrder;
  /** Argo CD only. */
  readonly scopes?: ProjectScopes;
}

/** The plan of a first render, and of engines that need none (Flux orders by dependsOn, from the model). */
export const NO_PLAN: ApplyPlan = {};

/** The plan of `env` from `draft`, a first render with NO_PLAN. */
export function planApply(env: Environment, draft: readonly RenderedFile[]): ApplyPlan {
  const delivery = deliveryOf(env);
  if (delivery?.engine !== 'argocd') return NO_PLAN;
  const inFolder = (folder: string) => (f: RenderedFile) => f.name.startsWith(`${folder}/`);
  const argocd = indexOf(draft.filter(inFolder(ARGOCD_FOLDER)));
  const karmada = indexOf(draft.filter(inFolder(KARMADA_FOLDER)));
  const environment = indexOf(draft.filter((f) => !inFolder(ARGOCD_FOLDER)(f) && !inFolder(KARMADA_FOLDER)(f)));
  // the root Application applies the Argo CD folder; the workloads Application (one of its objects) the rest, the
  // Karmada Application the Karmada folder (a namespace of both sides waits for nothing: the same wave in both)
  const dependencies = merge(
    applicationDependencies(env, argocd),
    objectDependencies(argocd),
    objectDependencies(environment),
    objectDependencies(karmada),
  );
  const crdGroups = new Set(operatorReleases(env).flatMap((r) => r.crdGroups));
  const skipDryRun = new Set([...environment.all, ...karmada.all].filter((r) => crdGroups.has(r.group)).map(objectKey));
  return { order: { waves: wavesOf(dependencies), dependencies, skipDryRun }, scopes: projectScopes(draft, delivery, env.multicluster.apiServer) };
}

/**
 * What the objects of one Application's sync need of each other (the convergence model's edges within the set), each
 * a wave earlier: the engine would move a Namespace or CRD forward itself, but a wave of its own keeps the order
 * readable and the dry run simple.
 */
export function objectDependencies(index: ObjectIndex): Map<string, Dependency[]> {
  const out = new Map<string, Dependency[]>(index.all.map((r) => [objectKey(r), []]));
  for (const e of dependencyGraph(index)) out.get(objectKey(e.consumer))?.push({ on: objectKey(e.provider), reason: e.need.what });
  return out;
}

/** The union of dependency maps, each edge once. */
function merge(...maps: ReadonlyMap<string, readonly Dependency[]>[]): Map<string, Dependency[]> {
  const out = new Map<string, Dependency[]>();
  for (const m of maps)
    for (const [k, list] of m) {
      const deps = out.get(k) ?? [];
      for (const d of list) if (!deps.some((x) => x.on === d.on)) deps.push(d);
      out.set(k, deps);
    }
  return out;
}

/**
 * The delivery's order of the Argo CD Applications, beyond what their objects need: an operator's Application waits
 * for the operators its chart needs (OperatorRelease.dependsOn: istio base → istiod → gateways, a chart's PodMonitor → the
 * prometheus-operator CRDs); the workloads Application for every operator (CRDs, webhooks, metrics APIs); the Karmada
 * Application for the karmada operator (its control plane and the CRDs it installs on the Karmada API server).
 */
function applicationDependencies(env: Environment, index: ObjectIndex): Map<string, Dependency[]> {
  const out = new Map<string, Dependency[]>();
  const apps = index.ofAny([
    ['argoproj.io', 'Application'],
    ['argoproj.io', 'ApplicationSet'],
  ]);
  const operators = new Map(apps.filter((a) => a.labels[OPERATOR_LABEL]).map((a) => [a.labels[OPERATOR_LABEL]!, a]));
  const needs = new Map(operatorReleases(env).map((r) => [r.name, r.dependsOn]));
  for (const r of index.all) out.set(objectKey(r), []);
  for (const app of apps) {
    const deps = out.get(objectKey(app))!;
    const operator = app.labels[OPERATOR_LABEL];
    const waitsFor: Resource[] = operator
      ? (needs.get(operator) ?? []).flatMap((n) => operators.get(n) ?? [])
      : app.labels[WORKLOADS_LABEL]
        ? [...operators.values()]
        : // Karmada's API server serves the policy kinds once the karmada chart's post-install Job applied its CRDs
          app.labels[KARMADA_LABEL]
          ? [operators.get('karmada')].filter((o) => o !== undefined)
          : [];
    for (const o of waitsFor) deps.push({ on: objectKey(o), reason: `operator ${o.labels[OPERATOR_LABEL]}` });
  }
  return out;
}

/** Longest-path layering of a dependency graph: the wave of each key. Throws on a cycle, naming it. */
export function wavesOf(dependencies: ReadonlyMap<string, readonly Dependency[]>): Map<string, number> {
  const waves = new Map<string, number>();
  const visiting: string[] = [];
  const visit = (key: string): number => {
    const known = waves.get(key);
    if (known !== undefined) return known;
    if (visiting.includes(key)) throw new Error(`dependency cycle: ${[...visiting.slice(visiting.indexOf(key)), key].join(' → ')}`);
    visiting.push(key);
    const wave = Math.max(-1, ...(dependencies.get(key) ?? []).filter((d) => dependencies.has(d.on)).map((d) => visit(d.on))) + 1;
    visiting.pop();
    waves.set(key, wave);
    return wave;
  };
  for (const key of [...dependencies.keys()].sort()) visit(key);
  return waves;
}

function indexOf(files: readonly RenderedFile[]): ObjectIndex {
  return new ObjectIndex(files.flatMap((f) => f.objects.map((object) => ({ object, file: f.name, line: 1 }))));
}
