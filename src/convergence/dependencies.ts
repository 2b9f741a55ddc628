// What each object needs before it can be applied or become Healthy, and what provides it: the objects of the set,
// the charts its units install (operator-installs.ts), the namespaces units create, and what every cluster has.
import { nodePools } from '../capacity/node-pools.js';
import { PoolLanding } from '../capacity/placement.js';
import { normalizeLabelKey } from '../capacity/ec2-instance-types.js';
import { autoscalerOf } from '../manifest/autoscalers.js';
import { arr, isRecord, objectKey, type ObjectIndex, type Resource } from '../manifest/object-index.js';
import { podTemplateOf, type PodTemplate } from '../manifest/workloads.js';
import { BUILT_IN_CLASSES } from '../validate/rules/priorities.js';
import type { Delivery, Step, Unit } from './delivery.js';
import { KNATIVE_SERVING_KINDS, valueAt, type Capability } from './operator-installs.js';

// One model of what an object needs, for both the convergence check (simulate.ts) and the sync waves planned
// before the charts render (src/synth/apply-plan.ts, through waves.ts dependencyGraph).
export type NeedKind =
  | 'namespace'
  | 'crd'
  | 'project'
  | 'priority-class'
  | 'service-account'
  | 'config-map'
  | 'secret'
  | 'node-pool'
  | 'node-class'
  | 'scale-target'
  | 'webhook';

/**
 * When a need must be met: `apply` before the object is applied (its namespace, its CRD); `create` before its pods
 * are created, by a step that completed earlier (an injection webhook, the kinds a chart renders); `healthy` before it
 * can become Healthy (whatever its pods need to start: the apply engine keeps waiting for it meanwhile).
 */
export type Timing = 'apply' | 'create' | 'healthy';

/** One thing an object needs. */
export interface Need {
  readonly kind: NeedKind;
  /** Provider keys, any of which meets it. */
  readonly keys: readonly string[];
  /** e.g. `NodePool spot`, `Namespace web`, `the CRD of keda.sh/ScaledObject`. */
  readonly what: string;
  /** JSON pointer in the consumer. */
  readonly path: string;
  readonly timing: Timing;
}

/** Something that meets needs of one key. */
export interface Provider {
  /** The step that applies it; undefined when it exists before anything is applied (built-in, the engine's own). */
  readonly step?: Step;
  /** e.g. `NodePool spot`, `Application argocd/prod-keda (chart keda 2.20.2)`. */
  readonly what: string;
  /** The object that provides it (the unit's Application or HelmRelease for what a chart installs). */
  readonly resource?: Resource;
  /** Whether it is an object of the consumer's unit that the apply engine itself orders first (Namespace, CRD). */
  readonly reordered?: boolean;
  /** The cluster it is on when not its step's (a chart's own API server, e.g. Karmada's). @default its step's */
  readonly cluster?: string;
}

/** Groups every Kubernetes API server serves (not CRDs). */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

/** Namespaces every cluster has. */
const BUILT_IN_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** ConfigMaps Kubernetes (kube-root-ca.crt) and istiod (istio-ca-root-cert) write into every namespace. */
const PUBLISHED_CONFIG_MAPS = new Set(['kube-root-ca.crt', 'istio-ca-root-cert']);

/** Keys of what the engines bring: Argo CD's and Flux's own kinds exist where they run. */
const isEngineGroup = (group: string): boolean => group === 'argoproj.io' || group.endsWith('.toolkit.fluxcd.io');

export const key = {
  namespace: (ns: string) => `ns:${ns}`,
  crd: (group: string, kind: string) => `crd:${group}/${kind}`,
  priorityClass: (name: string) => `pc:${name}`,
  serviceAccount: (ns: string, name: string) => `sa:${ns}/${name}`,
  configMap: (ns: string, name: string) => `cm:${ns}/${name}`,
  secret: (ns: string, name: string) => `secret:${ns}/${name}`,
  pool: (kind: string, name: string) => `pool:${kind}/${name}`,
  capability: (c: Capability, revision = 'default') => `cap:${c}:${revision}`,
  /** Any object of the set, by objectKey: node classes, scale targets, AppProjects. */
  object: (group: string, kind: string, namespace: string, name: string) => `obj:${objectKey({ group, kind, namespace, name })}`,
};

/** Kinds that run pods from a spec of their own, not a template: prometheus-operator's Prometheus and Alertmanager. */
const POD_SPEC_KINDS = new Set(['monitoring.coreos.com/Prometheus', 'monitoring.coreos.com/Alertmanager']);

/** The pods an object makes: its pod template, or the pod spec of a POD_SPEC_KINDS object (its operator's StatefulSet). */
function podsOf(r: Resource): PodTemplate | undefined {
  const t = podTemplateOf(r);
  if (t || !POD_SPEC_KINDS.has(`${r.group}/${r.kind}`) || !isRecord(r.body.spec)) return t;
  return { owner: r, spec: r.body.spec, labels: {}, annotations: {}, path: '/spec' };
}

/** The namespace a namespaced object lands in: its own, else its unit's destination namespace. */
export function namespaceOf(r: Resource, unit: Unit): string {
  return r.namespace || (isClusterScoped(r) ? '' : unit.destination.namespace);
}

/**
 * Whether an object is cluster-scoped. Rendered objects name their namespace whenever they have one (the convention
 * src/synth/project-scope.ts relies on too), so an object without one is taken as cluster-scoped.
 */
export function isClusterScoped(r: Resource): boolean {
  return r.namespace === '';
}

/** Everything the set provides, by key. */
export function providers(index: ObjectIndex, delivery: Delivery): Map<string, Provider[]> {
  const out = new Map<string, Provider[]>();
  const add = (k: string, p: Provider): void => {
    const list = out.get(k);
    if (list) list.push(p);
    else out.set(k, [p]);
  };
  const at = (r: Resource): Step => delivery.stepOf(r);
  for (const r of index.all)
    add(key.object(r.group, r.kind, r.namespace, r.name), { step: at(r), resource: r, what: `${r.kind} ${describeName(r)}` });
  for (const r of index.of('', 'Namespace')) add(key.namespace(r.name), { step: at(r), resource: r, what: `Namespace ${r.name}`, reordered: true });
  for (const r of index.of('apiextensions.k8s.io', 'CustomResourceDefinition')) {
    const group = r.body.spec?.group;
    const kind = r.body.spec?.names?.kind;
    if (typeof group === 'string' && typeof kind === 'string')
      add(key.crd(group, kind), { step: at(r), resource: r, what: `CustomResourceDefinition ${r.name}`, reordered: true });
  }
  for (const r of index.of('scheduling.k8s.io', 'PriorityClass'))
    add(key.priorityClass(r.name), { step: at(r), resource: r, what: `PriorityClass ${r.name}` });
  for (const r of index.of('', 'ServiceAccount'))
    add(key.serviceAccount(r.namespace, r.name), { step: at(r), resource: r, what: `ServiceAccount ${r.namespace}/${r.name}` });
  for (const r of index.of('', 'ConfigMap'))
    add(key.configMap(r.namespace, r.name), { step: at(r), resource: r, what: `ConfigMap ${r.namespace}/${r.name}` });
  for (const r of index.of('', 'Secret')) add(key.secret(r.namespace, r.name), { step: at(r), resource: r, what: `Secret ${r.namespace}/${r.name}` });
  // controllers that write a Secret of the set's choosing
  for (const r of index.of('external-secrets.io', 'ExternalSecret'))
    add(key.secret(r.namespace, String(r.body.spec?.target?.name ?? r.name)), {
      step: at(r),
      resource: r,
      what: `ExternalSecret ${r.namespace}/${r.name}`,
    });
  for (const r of index.of('bitnami.com', 'SealedSecret'))
    add(key.secret(r.namespace, r.name), { step: at(r), resource: r, what: `SealedSecret ${r.namespace}/${r.name}` });
  for (const p of nodePools(index))
    add(key.pool(p.resource.kind, p.resource.name), { step: at(p.resource), resource: p.resource, what: `${p.resource.kind} ${p.resource.name}` });
  // a KnativeServing makes the Knative operator install Knative Serving and its CRDs
  for (const r of index.of('operator.knative.dev', 'KnativeServing')) {
    for (const k of KNATIVE_SERVING_KINDS)
      add(key.crd(k.group, k.kind), { step: at(r), resource: r, what: `KnativeServing ${r.namespace}/${r.name}` });
  }
  for (const w of index.of('admissionregistration.k8s.io', 'MutatingWebhookConfiguration')) {
    if (w.name.startsWith('istio-sidecar-injector'))
      add(key.capability('istio-sidecar-injector', w.labels['istio.io/rev'] ?? 'default'), {
        step: at(w),
        resource: w,
        what: `MutatingWebhookConfiguration ${w.name}`,
      });
  }
  // Argo CD and Flux run in the namespace of their own objects: it exists before anything is applied
  for (const r of index.all)
    if (isEngineGroup(r.group) && r.namespace)
      add(key.namespace(r.namespace), { what: `Namespace ${r.namespace} (where ${r.group.startsWith('argoproj') ? 'Argo CD' : 'Flux'} runs)` });
  for (const u of delivery.units) {
    const step = u.steps[0]!;
    if (u.createsNamespace && u.destination.namespace)
      add(key.namespace(u.destination.namespace), { step, resource: u.resource, what: `${u.id} (CreateNamespace)`, reordered: true });
    const install = u.chart?.install;
    if (!install) continue;
    const what = `${u.id} (chart ${install.chart} ${install.version})`;
    for (const c of install.crds) add(key.crd(c.group, c.kind), { step, resource: u.resource, what });
    // the chart's own API server (Karmada's) serves its kinds to the units whose destination it is
    for (const server of new Set(delivery.units.filter((k) => k.karmadaApiServer).map((k) => k.destination.server))) {
      for (const c of install.apiServerCrds ?? [])
        add(key.crd(c.group, c.kind), { step, resource: u.resource, what: `${what} on the Karmada API server ${server}`, cluster: server });
    }
    for (const c of install.provides) {
      const revision = valueAt(u.chart!.values, 'revision');
      add(key.capability(c, typeof revision === 'string' && revision !== '' ? revision : 'default'), { step, resource: u.resource, what });
    }
  }
  return out;
}

/** `namespace/name`, or `name` when cluster-scoped. */
function describeName(r: Resource): string {
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

/** Whether a need is met by what every cluster (and the apply engine) brings. */
export function builtIn(need: Need): boolean {
  return need.keys.some((k) => {
    if (k.startsWith('ns:')) return BUILT_IN_NAMESPACES.has(k.slice(3));
    if (k.startsWith('crd:')) {
      const group = k.slice(4, k.lastIndexOf('/'));
      return BUILT_IN_GROUPS.has(group) || isEngineGroup(group);
    }
    if (k.startsWith('pc:')) return BUILT_IN_CLASSES.has(k.slice(3));
    if (k.startsWith('sa:')) return k.endsWith('/default');
    if (k.startsWith('cm:')) return PUBLISHED_CONFIG_MAPS.has(k.slice(k.lastIndexOf('/') + 1));
    // every Argo CD has the project `default`
    if (k.startsWith('obj:argoproj.io/AppProject/')) return k.endsWith('/default');
    return false;
  });
}

/** What one object needs (its namespace, its CRD; for pod templates what the pods need). */
export function needsOf(r: Resource, unit: Unit, index: ObjectIndex, pools: PoolLanding): Need[] {
  const out: Need[] = [];
  const ns = namespaceOf(r, unit);
  if (ns && !(r.group === '' && r.kind === 'Namespace'))
    out.push({ kind: 'namespace', keys: [key.namespace(ns)], what: `Namespace ${ns}`, path: '/metadata/namespace', timing: 'apply' });
  if (!(r.group === 'apiextensions.k8s.io' && r.kind === 'CustomResourceDefinition')) {
    out.push({ kind: 'crd', keys: [key.crd(r.group, r.kind)], what: `the CRD of ${r.group}/${r.kind}`, path: '/apiVersion', timing: 'apply' });
  }
  out.push(...referenceNeeds(r, ns));
  const t = podsOf(r);
  // a Karmada API server runs no pods: it propagates the templates to member clusters, which the set does not describe
  if (!t || !ns || unit.karmadaApiServer) return out;
  const spec = t.spec;
  const at = t.path;
  if (typeof spec.priorityClassName === 'string' && spec.priorityClassName !== '') {
    out.push({
      kind: 'priority-class',
      keys: [key.priorityClass(spec.priorityClassName)],
      what: `PriorityClass ${spec.priorityClassName}`,
      path: `${at}/priorityClassName`,
      timing: 'healthy',
    });
  }
  const sa =
    typeof spec.serviceAccountName === 'string' ? spec.serviceAccountName : typeof spec.serviceAccount === 'string' ? spec.serviceAccount : undefined;
  if (sa)
    out.push({
      kind: 'service-account',
      keys: [key.serviceAccount(ns, sa)],
      what: `ServiceAccount ${ns}/${sa}`,
      path: `${at}${spec.serviceAccountName ? '/serviceAccountName' : '/serviceAccount'}`,
      timing: 'healthy',
    });
  for (const [i, v] of arr(spec.volumes).entries()) {
    if (!isRecord(v)) continue;
    ref(out, ns, at, 'config-map', v.configMap?.name, `/volumes/${i}/configMap/name`, v.configMap?.optional);
    ref(out, ns, at, 'secret', v.secret?.secretName, `/volumes/${i}/secret/secretName`, v.secret?.optional);
    for (const [j, s] of arr(v.projected?.sources).entries()) {
      ref(out, ns, at, 'config-map', s?.configMap?.name, `/volumes/${i}/projected/sources/${j}/configMap/name`, s?.configMap?.optional);
      ref(out, ns, at, 'secret', s?.secret?.name, `/volumes/${i}/projected/sources/${j}/secret/name`, s?.secret?.optional);
    }
  }
  for (const [i, s] of arr(spec.imagePullSecrets).entries()) ref(out, ns, at, 'secret', s?.name, `/imagePullSecrets/${i}/name`, false);
  for (const field of ['initContainers', 'containers'] as const) {
    for (const [i, c] of arr(spec[field]).entries()) {
      for (const [j, e] of arr(c?.envFrom).entries()) {
        ref(out, ns, at, 'config-map', e?.configMapRef?.name, `/${field}/${i}/envFrom/${j}/configMapRef/name`, e?.configMapRef?.optional);
        ref(out, ns, at, 'secret', e?.secretRef?.name, `/${field}/${i}/envFrom/${j}/secretRef/name`, e?.secretRef?.optional);
      }
      for (const [j, e] of arr(c?.env).entries()) {
        const from = e?.valueFrom;
        ref(
          out,
          ns,
          at,
          'config-map',
          from?.configMapKeyRef?.name,
          `/${field}/${i}/env/${j}/valueFrom/configMapKeyRef/name`,
          from?.configMapKeyRef?.optional,
        );
        ref(out, ns, at, 'secret', from?.secretKeyRef?.name, `/${field}/${i}/env/${j}/valueFrom/secretKeyRef/name`, from?.secretKeyRef?.optional);
      }
    }
  }
  const pool = poolNeed(spec, pools);
  if (pool) out.push({ ...pool, path: `${at}${pool.path}` });
  const injection = injectionNeed(r, t.labels, t.spec, ns, index);
  if (injection) out.push({ ...injection, path: t.path.replace(/\/spec$/, '/metadata') });
  return out;
}

/** A need of the ConfigMap or Secret a pod names at `path` below `at` (its pod spec), once per name; none when optional. */
function ref(out: Need[], ns: string, at: string, kind: 'config-map' | 'secret', name: unknown, path: string, optional: unknown): void {
  if (typeof name !== 'string' || name === '' || optional === true) return;
  const k = kind === 'config-map' ? key.configMap(ns, name) : key.secret(ns, name);
  for (const n of out) if (n.keys[0] === k) return;
  out.push({ kind, keys: [k], what: `${kind === 'config-map' ? 'ConfigMap' : 'Secret'} ${ns}/${name}`, path: `${at}${path}`, timing: 'healthy' });
}

/**
 * What an object names and cannot be Healthy without: an Application's (or ApplicationSet's) AppProject (Argo CD does
 * not sync an Application of a project that does not exist), a NodePool's EC2NodeClass and a Provisioner's
 * AWSNodeTemplate (Karpenter launches no node for a pool whose class is missing: NodePool condition NodeClassReady), an
 * HPA's or ScaledObject's scale target (HPA condition AbleToScale false, FailedGetScale). Missing ones are left to the
 * rules that check the references themselves.
 */
function referenceNeeds(r: Resource, ns: string): Need[] {
  const need = (kind: NeedKind, group: string, k: string, namespace: string, name: unknown, path: string): Need[] =>
    typeof name === 'string' && name !== ''
      ? [{ kind, keys: [key.object(group, k, namespace, name)], what: `${k} ${namespace ? `${namespace}/` : ''}${name}`, path, timing: 'healthy' }]
      : [];
  const spec = isRecord(r.body.spec) ? r.body.spec : {};
  if (r.group === 'argoproj.io' && (r.kind === 'Application' || r.kind === 'ApplicationSet')) {
    const project = r.kind === 'ApplicationSet' ? spec.template?.spec?.project : spec.project;
    return need(
      'project',
      'argoproj.io',
      'AppProject',
      r.namespace,
      project,
      r.kind === 'ApplicationSet' ? '/spec/template/spec/project' : '/spec/project',
    );
  }
  if (r.group === 'karpenter.sh' && r.kind === 'NodePool') {
    const ref = spec.template?.spec?.nodeClassRef;
    return need(
      'node-class',
      String(ref?.group ?? 'karpenter.k8s.aws'),
      String(ref?.kind ?? 'EC2NodeClass'),
      '',
      ref?.name,
      '/spec/template/spec/nodeClassRef',
    );
  }
  if (r.group === 'karpenter.sh' && r.kind === 'Provisioner')
    return need(
      'node-class',
      'karpenter.k8s.aws',
      String(spec.providerRef?.kind ?? 'AWSNodeTemplate'),
      '',
      spec.providerRef?.name,
      '/spec/providerRef',
    );
  const target = autoscalerOf(r)?.target;
  return target ? need('scale-target', target.group, target.kind, ns, target.name, '/spec/scaleTargetRef') : [];
}

/** Keys a pod selects nodes by that only the rendered pools' nodes carry (Karpenter's own, or a label a pool sets). */
function poolNeed(spec: Record<string, any>, pools: PoolLanding): (Omit<Need, 'path'> & { path: string }) | undefined {
  if (pools.pools.length === 0) return undefined;
  const poolKeys = (k: string) => k === 'karpenter.sh/nodepool' || k === 'karpenter.sh/provisioner-name' || pools.labelKeys.has(k);
  const selector = isRecord(spec.nodeSelector) ? Object.keys(spec.nodeSelector).map(normalizeLabelKey) : [];
  const terms = arr(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
  // every alternative term must name a pool key (else nodes outside the pools may do)
  const termKeys = terms.map((t) =>
    arr(t?.matchExpressions)
      .filter((e) => e?.operator === 'In' || e?.operator === 'Exists')
      .map((e) => normalizeLabelKey(String(e?.key))),
  );
  const bySelector = selector.find((k) => poolKeys(k));
  const byAffinity = terms.length > 0 && termKeys.every((ks) => ks.some((k) => poolKeys(k)));
  if (!bySelector && !byAffinity) return undefined;
  const candidates = pools.poolsFor(spec);
  if (candidates.length === 0) return undefined; // no pool fits at all: pod-fits-instance-type and the capacity rules say so
  return {
    kind: 'node-pool',
    keys: candidates.map((p) => key.pool(p.resource.kind, p.resource.name)),
    what: candidates.map((p) => `${p.resource.kind} ${p.resource.name}`).join(' or '),
    path: bySelector ? `/nodeSelector/${bySelector.replaceAll('~', '~0').replaceAll('/', '~1')}` : '/affinity/nodeAffinity',
    timing: 'healthy',
  };
}

/** Pods of a namespace labelled for Istio injection need the injector when they are created (istio-discovery mutatingwebhook.yaml). */
function injectionNeed(
  r: Resource,
  podLabels: Readonly<Record<string, string>>,
  _spec: Record<string, any>,
  ns: string,
  index: ObjectIndex,
): Omit<Need, 'path'> | undefined {
  if (r.group === 'serving.knative.dev') return undefined; // Knative creates the pods: they are injected whenever they start
  const podInject = podLabels['sidecar.istio.io/inject'];
  if (podInject === 'false') return undefined;
  const namespace = index.get('', 'Namespace', '', ns);
  const nsLabels = namespace?.labels ?? {};
  const revision =
    podLabels['istio.io/rev'] ??
    nsLabels['istio.io/rev'] ??
    (nsLabels['istio-injection'] === 'enabled' || podInject === 'true' ? 'default' : undefined);
  if (revision === undefined || nsLabels['istio-injection'] === 'disabled') return undefined;
  const via = podLabels['istio.io/rev']
    ? `its pods' label istio.io/rev=${revision}`
    : nsLabels['istio.io/rev']
      ? `namespace ${ns} labelled istio.io/rev=${revision}`
      : podInject === 'true'
        ? "its pods' label sidecar.istio.io/inject=true"
        : `namespace ${ns} labelled istio-injection=enabled`;
  return {
    kind: 'webhook',
    keys: [key.capability('istio-sidecar-injector', revision)],
    what: `the Istio sidecar injector${revision === 'default' ? '' : ` of revision ${revision}`} (${via})`,
    timing: 'create',
  };
}

/** What an operator chart needs before it installs: the kinds its values make it render, the capabilities its pods need. */
export function chartNeeds(unit: Unit): Need[] {
  const install = unit.chart?.install;
  if (!install) return [];
  const out: Need[] = [];
  const valuesPath = unit.engine === 'argocd' ? '/spec/source/helm/valuesObject' : '/spec/values';
  for (const n of install.needs) {
    if (valueAt(unit.chart!.values, n.when) !== true) continue;
    out.push({
      kind: 'crd',
      keys: [key.crd(n.group, n.kind)],
      what: `the CRD of ${n.group}/${n.kind} (${n.when}: true renders ${n.renders})`,
      path: `${valuesPath}/${n.when.replaceAll('.', '/')}`,
      timing: 'create',
    });
  }
  const revision = valueAt(unit.chart!.values, 'revision');
  for (const c of install.requires) {
    out.push({
      kind: 'webhook',
      keys: [key.capability(c, typeof revision === 'string' && revision !== '' ? revision : 'default')],
      what: `the Istio sidecar injector (chart ${install.chart} creates its pods with image: auto)`,
      path: '/spec',
      timing: 'create',
    });
  }
  return out;
}

/** Whether a provider is on the cluster of the consumer's step. */
export function sameCluster(p: Provider, consumer: Step): boolean {
  if (!p.step) return true;
  const a = p.cluster ?? clusterOf(p.step.unit);
  const b = clusterOf(consumer.unit);
  return a === b || a === '*' || b === '*';
}

/** The cluster a unit applies to: its destination, or its parent's when it applies no chart or folder of its own. */
export function clusterOf(u: Unit): string {
  if (u.resource) return u.destination.server;
  return u.parent ? clusterOf(u.parent.unit) : 'https://kubernetes.default.svc';
}
