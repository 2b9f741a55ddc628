// Who applies each object, and in which order: the Argo CD Applications (by their sync waves), the Flux
// Kustomizations and HelmReleases (by dependsOn), and the bootstrap (`kubectl apply`) that applies the first of them.
import { arr, describe, isRecord, type ObjectIndex, type Resource } from '../manifest/object-index.js';
import { AWAIT_APPLICATIONS } from './argocd-health.js';
import { operatorInstall, type OperatorInstall } from './operator-installs.js';
import { compareArgo, SYNC_PHASES, syncPhaseOf, syncWaveOf, type SyncPhase } from './kind-order.js';

export type Engine = 'argocd' | 'flux' | 'kubectl';

/**
 * Label of an Argo CD Application or Flux Kustomization whose destination is a Karmada API server (not a member or
 * host cluster): it serves the kinds the karmada chart's post-install Job applies there (OperatorInstall.apiServerCrds).
 */
export const KARMADA_API_SERVER_LABEL = 'elastic-gitops.dev/karmada';

/**
 * Subfolder of an environment folder holding what Karmada places (its policies, the resource templates they select
 * and their namespaces): its own Argo CD Application or Flux Kustomization applies it to the Karmada API server, not
 * to the host cluster, which only runs Karmada's control plane (the karmada operator chart). The cross-resource rules
 * check it with its environment folder (src/validate/rules/index.ts), as that Application joins them.
 */
export const KARMADA_FOLDER = 'karmada';

/** A Helm chart a unit installs (an Argo CD Application with `source.chart`, or a Flux HelmRelease). */
export interface ChartSource {
  readonly name: string;
  readonly version: string;
  readonly values: unknown;
  /** Its row in the operator-installs table; undefined when the table has none. */
  readonly install?: OperatorInstall;
}

/** One thing that applies objects. */
export interface Unit {
  /** e.g. `Application argocd/prod-workloads`, `Kustomization flux-system/staging`, or `bootstrap`. */
  readonly id: string;
  readonly engine: Engine;
  /** The Application, ApplicationSet, Kustomization or HelmRelease; undefined for the bootstrap and a folder of plain objects. */
  readonly resource?: Resource;
  /** Folder it applies (`dist/prod`), for Applications and Kustomizations with a path. */
  readonly path?: string;
  readonly chart?: ChartSource;
  readonly destination: { readonly server: string; readonly namespace: string };
  /** Whether its destination is a Karmada API server (KARMADA_API_SERVER_LABEL on its Application or Kustomization). */
  readonly karmadaApiServer?: boolean;
  /** Whether it creates its destination namespace (`CreateNamespace=true`, `install.createNamespace`). */
  readonly createsNamespace: boolean;
  /** Argo CD project name. */
  readonly project?: string;
  /** Flux dependsOn, resolved. */
  readonly dependsOn: Unit[];
  /**
   * Whether a parent that waits for what it applies waits for this: an Application (with the argocd-cm
   * health check); an ApplicationSet only when annotated AWAIT_APPLICATIONS (with its argocd-cm health check), as
   * Argo CD's own is Healthy once its Applications are generated (argocd-health.ts).
   */
  readonly awaited: boolean;
  /** Whether it is Healthy only once what it applies is (Argo CD health of children; Flux `wait: true`); kubectl never waits. */
  readonly waits: boolean;
  /** The step that applies this unit's object; undefined for the bootstrap. */
  parent?: Step;
  readonly steps: Step[];
}

/** Objects one unit applies together: an Argo CD phase and wave, or a whole Flux Kustomization or HelmRelease. */
export interface Step {
  readonly unit: Unit;
  readonly phase: SyncPhase;
  readonly wave: number;
  readonly objects: Resource[];
  /** Units whose object this step applies. */
  readonly children: Unit[];
}

/** How a provider's step relates to a consumer's. */
export type Relation = 'same' | 'before' | 'after' | 'unordered';

/** The delivery of a set of objects. */
export class Delivery {
  private readonly stepByResource = new Map<Resource, Step>();
  private readonly beforeCache = new Map<Step, ReadonlySet<Step>>();
  private readonly completedCache = new Map<Step, ReadonlySet<Step>>();

  public constructor(
    public readonly units: readonly Unit[],
    /** Whether the set says how it is delivered (Applications or Flux objects): then what it lacks is known to be missing. */
    public readonly declared: boolean,
  ) {
    for (const u of units) for (const s of u.steps) for (const r of s.objects) this.stepByResource.set(r, s);
  }

  public stepOf(r: Resource): Step {
    return this.stepByResource.get(r)!;
  }

  /** Steps complete (Healthy) before `s` starts. */
  public before(s: Step): ReadonlySet<Step> {
    const cached = this.beforeCache.get(s);
    if (cached) return cached;
    this.beforeCache.set(s, new Set()); // a dependsOn cycle ends here
    const out = new Set<Step>(s.unit.parent ? this.before(s.unit.parent) : []);
    for (const earlier of s.unit.steps) if (order(earlier, s) < 0) for (const x of this.completed(earlier)) out.add(x);
    for (const d of s.unit.dependsOn) for (const ds of d.steps) for (const x of this.completed(ds)) out.add(x);
    this.beforeCache.set(s, out);
    return out;
  }

  /** The step and, where it waits for them, every step of the units it applies. */
  public completed(s: Step): ReadonlySet<Step> {
    const cached = this.completedCache.get(s);
    if (cached) return cached;
    const out = new Set<Step>([s]);
    this.completedCache.set(s, out);
    if (s.unit.waits) for (const child of s.children) if (child.awaited) for (const cs of child.steps) for (const x of this.completed(cs)) out.add(x);
    return out;
  }

  /** Where `provider` stands relative to `consumer`. */
  public relation(consumer: Step, provider: Step): Relation {
    if (consumer === provider) return 'same';
    if (this.before(consumer).has(provider)) return 'before';
    if (this.before(provider).has(consumer)) return 'after';
    return 'unordered';
  }

  /** Every step, in apply order (a unit's steps, each followed by the units it applies). */
  public ordered(): Step[] {
    const out: Step[] = [];
    const visit = (u: Unit): void => {
      for (const s of u.steps) {
        out.push(s);
        for (const child of byDependsOn(s.children)) visit(child);
      }
    };
    for (const u of byDependsOn(this.units.filter((u) => !u.parent))) visit(u);
    return out;
  }
}

/** Phase, then wave. */
export function order(a: Step, b: Step): number {
  return SYNC_PHASES.indexOf(a.phase) - SYNC_PHASES.indexOf(b.phase) || a.wave - b.wave;
}

/** `wave 0`, `wave 0 of Application argocd/prod-workloads`, `Kustomization flux-system/staging`. */
export function stepLabel(s: Step): string {
  if (s.unit.engine === 'flux' || s.unit.chart) return s.unit.id;
  if (s.unit.engine === 'kubectl' && s.unit.resource === undefined && s.unit.id === BOOTSTRAP) return 'bootstrap (kubectl apply)';
  const wave = `${s.phase === 'Sync' ? '' : `${s.phase} `}wave ${s.wave}`;
  return s.unit.resource ? `${wave} of ${s.unit.id}` : wave;
}

const BOOTSTRAP = 'bootstrap';
const ARGO = 'argoproj.io';
const KUSTOMIZE = 'kustomize.toolkit.fluxcd.io';
const HELM = 'helm.toolkit.fluxcd.io';
const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Builds the units of a set of objects and places every object in one step. */
export function buildDelivery(index: ObjectIndex): Delivery {
  const argoApps = [...index.of(ARGO, 'Application'), ...index.of(ARGO, 'ApplicationSet')];
  const kustomizations = index.of(KUSTOMIZE, 'Kustomization');
  const helmReleases = index.of(HELM, 'HelmRelease');
  const units: Unit[] = [];
  const unitOf = new Map<Resource, Unit>();
  const make = (u: Omit<Unit, 'steps' | 'dependsOn'> & { dependsOn?: Unit[] }): Unit => {
    const unit: Unit = { ...u, dependsOn: u.dependsOn ?? [], steps: [] };
    units.push(unit);
    if (u.resource) unitOf.set(u.resource, unit);
    return unit;
  };
  const bootstrap = make({
    id: BOOTSTRAP,
    engine: 'kubectl',
    destination: { server: IN_CLUSTER, namespace: '' },
    createsNamespace: false,
    awaited: true,
    waits: false,
  });
  for (const app of argoApps) {
    const spec = app.kind === 'ApplicationSet' ? app.body.spec?.template?.spec : app.body.spec;
    if (!isRecord(spec)) continue;
    const source = isRecord(spec.source) ? spec.source : isRecord(arr(spec.sources)[0]) ? arr(spec.sources)[0] : {};
    const options = arr(spec.syncPolicy?.syncOptions).map(String);
    make({
      id: describe(app),
      engine: 'argocd',
      resource: app,
      path: typeof source.path === 'string' && !source.chart ? normalizePath(source.path) : undefined,
      chart:
        typeof source.chart === 'string'
          ? chartSource(source.chart, String(source.targetRevision ?? ''), source.helm?.valuesObject ?? source.helm?.values)
          : undefined,
      destination: {
        server: String(spec.destination?.server ?? spec.destination?.name ?? IN_CLUSTER),
        namespace: String(spec.destination?.namespace ?? ''),
      },
      karmadaApiServer: app.labels[KARMADA_API_SERVER_LABEL] !== undefined,
      createsNamespace: options.includes('CreateNamespace=true'),
      project: typeof spec.project === 'string' ? spec.project : 'default',
      awaited: app.kind === 'Application' || app.annotations[AWAIT_APPLICATIONS] === 'true',
      waits: true,
    });
  }
  for (const k of kustomizations) {
    make({
      id: describe(k),
      engine: 'flux',
      resource: k,
      path: typeof k.body.spec?.path === 'string' ? normalizePath(k.body.spec.path) : '',
      // a kubeConfig applies to the cluster of that kubeconfig (kustomize-controller spec.kubeConfig.secretRef)
      destination: { server: kubeConfigCluster(k) ?? IN_CLUSTER, namespace: String(k.body.spec?.targetNamespace ?? '') },
      karmadaApiServer: k.labels[KARMADA_API_SERVER_LABEL] !== undefined,
      createsNamespace: false,
      awaited: true,
      waits: k.body.spec?.wait === true,
    });
  }
  for (const h of helmReleases) {
    const spec = h.body.spec ?? {};
    const chart = spec.chart?.spec;
    make({
      id: describe(h),
      engine: 'flux',
      resource: h,
      chart: typeof chart?.chart === 'string' ? chartSource(chart.chart, String(chart.version ?? ''), spec.values) : undefined,
      destination: { server: IN_CLUSTER, namespace: String(spec.targetNamespace ?? h.namespace) },
      createsNamespace: spec.install?.createNamespace === true,
      awaited: true,
      waits: true,
    });
  }
  // Flux dependsOn (same namespace unless given) and `wait`: a Kustomization without it is Ready once applied
  for (const u of units) {
    if (u.engine !== 'flux' || !u.resource) continue;
    for (const d of arr(u.resource.body.spec?.dependsOn)) {
      const target = index.get(u.resource.group, u.resource.kind, String(d?.namespace ?? u.resource.namespace), String(d?.name));
      const du = target && unitOf.get(target);
      if (du) u.dependsOn.push(du);
    }
  }
  const pathUnits = units.filter((u) => u.path !== undefined);
  const defaultUnit = lazy(() =>
    make({
      id: 'the objects of the folder',
      engine: 'argocd',
      destination: { server: IN_CLUSTER, namespace: '' },
      createsNamespace: false,
      awaited: true,
      waits: true,
    }),
  );
  // who applies each object: a tracking label or annotation, else the unit whose folder holds its file
  const applier = new Map<Resource, Unit>();
  for (const r of index.all) {
    const own = unitOf.get(r);
    const tracked = trackedBy(r, units);
    let u = tracked ?? coveringUnit(r, pathUnits);
    // the root Application and Flux's own Kustomizations are in the folder they apply: kubectl applies them first;
    // objects no unit applies are the folder an Application of their own syncs by their waves
    if (u && own && (u === own || dependsOnTransitively(u, own))) u = bootstrap;
    applier.set(r, u ?? defaultUnit());
  }
  for (const u of units) {
    const objects = index.all.filter((r) => applier.get(r) === u);
    if (u.engine === 'argocd') {
      const sorted = [...objects].sort(compareArgo);
      for (const r of sorted) {
        const phase = syncPhaseOf(r);
        const wave = syncWaveOf(r);
        let s = u.steps.find((x) => x.phase === phase && x.wave === wave);
        if (!s) u.steps.push((s = { unit: u, phase, wave, objects: [], children: [] }));
        s.objects.push(r);
      }
      u.steps.sort(order);
    }
    if (u.engine !== 'argocd' || u.steps.length === 0)
      u.steps.splice(0, u.steps.length, { unit: u, phase: 'Sync', wave: 0, objects: u.engine === 'argocd' ? [] : objects, children: [] });
  }
  for (const u of units) {
    if (!u.resource) continue;
    const parentUnit = applier.get(u.resource)!;
    const parent = parentUnit.steps.find((s) => s.objects.includes(u.resource!))!;
    u.parent = parent;
    parent.children.push(u);
  }
  // a plain folder with no objects of its own adds nothing
  const used = units.filter((u) => u.steps.some((s) => s.objects.length > 0 || s.children.length > 0) || u.resource);
  // the set says how it is delivered when an Application or Kustomization of it applies some of its objects
  const declared = units.some((u) => u.resource && u.path !== undefined && u.steps.some((s) => s.objects.length > 0));
  return new Delivery(used, declared);
}

function chartSource(name: string, version: string, values: unknown): ChartSource {
  const parsed = typeof values === 'string' ? undefined : values;
  const install = operatorInstall(name, version);
  return { name, version, values: parsed ?? {}, ...(install ? { install } : {}) };
}

/** `kubeconfig <namespace>/<secret>`: the cluster a Kustomization with spec.kubeConfig.secretRef applies to. */
function kubeConfigCluster(k: Resource): string | undefined {
  const secret = k.body.spec?.kubeConfig?.secretRef?.name;
  return typeof secret === 'string' ? `kubeconfig ${k.namespace}/${secret}` : undefined;
}

function normalizePath(p: string): string {
  return p
    .replaceAll('\\', '/')
    .replace(/^\.(\/|$)/, '')
    .replace(/\/+$/, '');
}

/** The Argo CD tracking annotation (`<app>:<group>/<kind>:<ns>/<name>`) or Flux's kustomize/helm labels. */
function trackedBy(r: Resource, units: readonly Unit[]): Unit | undefined {
  const tracking = r.annotations['argocd.argoproj.io/tracking-id'];
  const app = tracking?.split(':')[0];
  const byName = (engine: Engine, kind: string, name: string | undefined, namespace?: string): Unit | undefined =>
    name === undefined
      ? undefined
      : units.find(
          (u) =>
            u.engine === engine &&
            u.resource?.kind === kind &&
            u.resource.name === name &&
            (namespace === undefined || u.resource.namespace === namespace),
        );
  return (
    byName('argocd', 'Application', app) ??
    byName('flux', 'Kustomization', r.labels['kustomize.toolkit.fluxcd.io/name'], r.labels['kustomize.toolkit.fluxcd.io/namespace']) ??
    byName('flux', 'HelmRelease', r.labels['helm.toolkit.fluxcd.io/name'], r.labels['helm.toolkit.fluxcd.io/namespace'])
  );
}

/** The unit whose folder holds the object's file (see folderMatch); the longest match wins. */
function coveringUnit(r: Resource, units: readonly Unit[]): Unit | undefined {
  // a unit of the repository root (`.`) holds what no other unit's folder does
  let best: Unit | undefined = units.find((u) => u.path === '');
  let bestScore = 0;
  for (const u of units) {
    const score = u.path === '' ? 0 : folderMatch(u.path!, r.doc.file);
    if (score > bestScore) {
      best = u;
      bestScore = score;
    }
  }
  return best;
}

/**
 * How many trailing segments of a unit's folder (`dist/prod`) the folder of a file has (`dist/prod/x.yaml`: 2;
 * `/tmp/out/prod/x.yaml`, written with `--out`: 1; 0 when its last segment differs).
 */
export function folderMatch(path: string, file: string): number {
  const dir = file
    .replaceAll('\\', '/')
    .split('/')
    .slice(0, -1)
    .filter((s) => s !== '' && s !== '.');
  const segments = normalizePath(path).split('/').filter(Boolean);
  let k = 0;
  while (k < segments.length && k < dir.length && segments[segments.length - 1 - k] === dir[dir.length - 1 - k]) k++;
  return k;
}

/** The folders (spec.path, `.` as '') that the Argo CD Applications and Flux Kustomizations among `objects` apply. */
export function appliedFolders(object: Record<string, any>): string[] {
  const group = typeof object.apiVersion === 'string' ? object.apiVersion.split('/')[0] : '';
  if (group === ARGO && (object.kind === 'Application' || object.kind === 'ApplicationSet')) {
    const spec = object.kind === 'ApplicationSet' ? object.spec?.template?.spec : object.spec;
    return [spec?.source, ...arr(spec?.sources)]
      .filter((s) => isRecord(s) && typeof s.path === 'string' && !s.chart)
      .map((s) => normalizePath(s.path));
  }
  if (group === KUSTOMIZE && object.kind === 'Kustomization' && typeof object.spec?.path === 'string') return [normalizePath(object.spec.path)];
  return [];
}

function dependsOnTransitively(u: Unit, target: Unit, seen = new Set<Unit>()): boolean {
  if (seen.has(u)) return false;
  seen.add(u);
  return u.dependsOn.some((d) => d === target || dependsOnTransitively(d, target, seen));
}

/** Units in dependsOn order (a unit after the units it depends on), else by id. */
function byDependsOn(units: readonly Unit[]): Unit[] {
  const rest = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Unit[] = [];
  while (rest.length > 0) {
    const i = rest.findIndex((u) => u.dependsOn.every((d) => !rest.includes(d)));
    out.push(...rest.splice(i === -1 ? 0 : i, 1));
  }
  return out;
}

function lazy<T>(f: () => T): () => T {
  let v: T | undefined;
  return () => (v ??= f());
}
