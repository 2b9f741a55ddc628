// What each object of a set must find applied (and Healthy) before it can become Healthy itself: the edges the apply
// order (Argo CD sync waves) is computed from, and that a convergence check can simulate.
import { autoscalers } from './autoscalers.js';
import { arr, isRecord, type ObjectIndex, type Resource } from './object-index.js';
import { podTemplateOf } from './workloads.js';

/** One edge: the object waits for `on`, for `reason`. */
export interface Dependency {
  /** Key (objectKey) of the object waited for. */
  readonly on: string;
  /** Why, for messages and the plan: e.g. `priorityClassName high`, `node label karpenter.sh/nodepool=spot`. */
  readonly reason: string;
}

/** Identity of an object: `group/kind/namespace/name` (group and namespace empty for core and cluster-scoped). */
export function objectKey(r: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string }): string {
  return `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
}

/** Node labels that every node has whatever provisioned it: they never tie a pod to one pool. */
const UNIVERSAL_NODE_LABELS = new Set([
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/instance-type',
]);

/** Objects that run pods from a spec of their own (not a template), e.g. prometheus-operator's Prometheus. */
const POD_SPEC_KINDS = new Set(['monitoring.coreos.com/Prometheus', 'monitoring.coreos.com/Alertmanager']);

/** A node pool: the object, and the node labels its nodes carry (key → possible values). */
interface Pool {
  readonly resource: Resource;
  readonly labels: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * The dependencies of every object of `index` on other objects of the same set, keyed by objectKey. Covered: the
 * Namespace of a namespaced object; the CRD of a custom resource; for pods (templates, and pod specs of Prometheus):
 * their PriorityClass, ServiceAccount, ConfigMaps and Secrets (volumes, env, envFrom, imagePullSecrets), the
 * Karpenter NodePool or Provisioner whose node labels their nodeSelector or required node affinity asks for, and every
 * rendered MutatingWebhookConfiguration (it may inject them); a NodePool's EC2NodeClass, a Provisioner's
 * AWSNodeTemplate; an autoscaler's scale target; a RoleBinding's Role or ClusterRole; a serving.knative.dev object's
 * KnativeServing (whose reconciliation makes the Knative operator install Knative Serving and its CRDs; the operator's
 * KnativeServing is Ready once they are: knative/operator pkg/reconciler/knativeserving). Objects outside the set (built-in
 * PriorityClasses, external Secrets, what operator charts install) are not edges.
 */
export function applyDependencies(index: ObjectIndex): Map<string, Dependency[]> {
  const pools = nodePools(index);
  const webhooks = index.of('admissionregistration.k8s.io', 'MutatingWebhookConfiguration');
  const crds = new Map<string, Resource>();
  for (const crd of index.of('apiextensions.k8s.io', 'CustomResourceDefinition')) {
    const spec = isRecord(crd.body.spec) ? crd.body.spec : {};
    crds.set(`${spec.group}/${spec.names?.kind}`, crd);
  }
  const servings = index.of('operator.knative.dev', 'KnativeServing');
  const out = new Map<string, Dependency[]>();
  for (const r of index.all) out.set(objectKey(r), []);
  const add = (r: Resource, on: Resource | undefined, reason: string) => {
    if (on && on !== r) out.get(objectKey(r))!.push({ on: objectKey(on), reason });
  };
  for (const r of index.all) {
    if (r.namespace) add(r, index.get('', 'Namespace', '', r.namespace), `namespace ${r.namespace}`);
    add(r, crds.get(`${r.group}/${r.kind}`), `CustomResourceDefinition of ${r.kind}`);
    if (r.group === 'serving.knative.dev')
      for (const s of servings) add(r, s, `KnativeServing ${s.namespace}/${s.name} (installs the CRD of ${r.kind})`);
    const template = podTemplateOf(r);
    const podSpec = template?.spec ?? (POD_SPEC_KINDS.has(`${r.group}/${r.kind}`) && isRecord(r.body.spec) ? r.body.spec : undefined);
    if (podSpec) {
      podDependencies(r, podSpec, index, pools, add);
      for (const w of webhooks) add(r, w, `admission webhook ${w.name}`);
    }
    const spec = isRecord(r.body.spec) ? r.body.spec : {};
    if (r.group === 'karpenter.sh' && r.kind === 'NodePool') {
      const ref = spec.template?.spec?.nodeClassRef;
      if (isRecord(ref))
        add(
          r,
          index.get(String(ref.group ?? 'karpenter.k8s.aws'), String(ref.kind ?? 'EC2NodeClass'), '', String(ref.name)),
          `nodeClassRef ${ref.name}`,
        );
    }
    if (r.group === 'karpenter.sh' && r.kind === 'Provisioner' && isRecord(spec.providerRef)) {
      add(
        r,
        index.get('karpenter.k8s.aws', String(spec.providerRef.kind ?? 'AWSNodeTemplate'), '', String(spec.providerRef.name)),
        `providerRef ${spec.providerRef.name}`,
      );
    }
    if (r.group === 'rbac.authorization.k8s.io' && (r.kind === 'RoleBinding' || r.kind === 'ClusterRoleBinding') && isRecord(r.body.roleRef)) {
      const ref = r.body.roleRef;
      add(
        r,
        index.get('rbac.authorization.k8s.io', String(ref.kind), ref.kind === 'Role' ? r.namespace : '', String(ref.name)),
        `roleRef ${ref.kind} ${ref.name}`,
      );
    }
  }
  for (const a of autoscalers(index)) {
    const t = a.target;
    add(a.resource, index.get(t.group, t.kind, a.resource.namespace, t.name), `scaleTargetRef ${t.kind} ${t.name}`);
  }
  return out;
}

function podDependencies(
  r: Resource,
  spec: Record<string, any>,
  index: ObjectIndex,
  pools: readonly Pool[],
  add: (r: Resource, on: Resource | undefined, reason: string) => void,
): void {
  const ns = r.namespace;
  if (typeof spec.priorityClassName === 'string')
    add(r, index.get('scheduling.k8s.io', 'PriorityClass', '', spec.priorityClassName), `priorityClassName ${spec.priorityClassName}`);
  if (typeof spec.serviceAccountName === 'string')
    add(r, index.get('', 'ServiceAccount', ns, spec.serviceAccountName), `serviceAccountName ${spec.serviceAccountName}`);
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  for (const v of arr(spec.volumes)) {
    if (typeof v?.configMap?.name === 'string') configMaps.add(v.configMap.name);
    if (typeof v?.secret?.secretName === 'string') secrets.add(v.secret.secretName);
    for (const s of arr(v?.projected?.sources)) {
      if (typeof s?.configMap?.name === 'string') configMaps.add(s.configMap.name);
      if (typeof s?.secret?.name === 'string') secrets.add(s.secret.name);
    }
  }
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    for (const e of arr(c?.envFrom)) {
      if (typeof e?.configMapRef?.name === 'string') configMaps.add(e.configMapRef.name);
      if (typeof e?.secretRef?.name === 'string') secrets.add(e.secretRef.name);
    }
    for (const e of arr(c?.env)) {
      if (typeof e?.valueFrom?.configMapKeyRef?.name === 'string') configMaps.add(e.valueFrom.configMapKeyRef.name);
      if (typeof e?.valueFrom?.secretKeyRef?.name === 'string') secrets.add(e.valueFrom.secretKeyRef.name);
    }
  }
  for (const s of arr(spec.imagePullSecrets)) if (typeof s?.name === 'string') secrets.add(s.name);
  for (const name of [...configMaps].sort()) add(r, index.get('', 'ConfigMap', ns, name), `ConfigMap ${name}`);
  for (const name of [...secrets].sort()) add(r, index.get('', 'Secret', ns, name), `Secret ${name}`);
  const wanted = nodeRequirements(spec);
  for (const pool of pools) {
    const tied = wanted.filter((w) => !UNIVERSAL_NODE_LABELS.has(w.key) && pool.labels.has(w.key));
    const fits = wanted.every((w) => !pool.labels.has(w.key) || w.values.some((v) => pool.labels.get(w.key)!.has(v)));
    if (tied.length > 0 && fits) add(r, pool.resource, `node label ${tied.map((w) => `${w.key}=${w.values.join('|')}`).join(', ')}`);
  }
}

/** Node labels a pod must find: nodeSelector and the `In` terms of its required node affinity. */
function nodeRequirements(spec: Record<string, any>): { key: string; values: string[] }[] {
  const out: { key: string; values: string[] }[] = [];
  if (isRecord(spec.nodeSelector)) for (const [key, value] of Object.entries(spec.nodeSelector)) out.push({ key, values: [String(value)] });
  const terms = arr(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
  for (const e of terms.flatMap((t) => arr(t?.matchExpressions))) {
    if (e?.operator === 'In' && typeof e.key === 'string') out.push({ key: e.key, values: arr(e.values).map(String) });
  }
  return out;
}

/** Karpenter v1 NodePools and v1alpha5 Provisioners with the labels of the nodes they launch. */
function nodePools(index: ObjectIndex): Pool[] {
  const pools: Pool[] = [];
  const read = (resource: Resource, nameLabel: string, labels: unknown, requirements: unknown) => {
    const out = new Map<string, Set<string>>([[nameLabel, new Set([resource.name])]]);
    if (isRecord(labels)) for (const [k, v] of Object.entries(labels)) out.set(k, new Set([String(v)]));
    for (const req of arr(requirements))
      if (req?.operator === 'In' && typeof req.key === 'string') out.set(req.key, new Set(arr(req.values).map(String)));
    pools.push({ resource, labels: out });
  };
  for (const p of index.of('karpenter.sh', 'NodePool'))
    read(p, 'karpenter.sh/nodepool', p.body.spec?.template?.metadata?.labels, p.body.spec?.template?.spec?.requirements);
  for (const p of index.of('karpenter.sh', 'Provisioner')) read(p, 'karpenter.sh/provisioner-name', p.body.spec?.labels, p.body.spec?.requirements);
  return pools;
}
