// Autoscaling rules: per-app KEDA/HPA triggers and bounds, the prometheus-adapter metrics they share, node
// provisioners (Karpenter v1/v1alpha5, Cluster Autoscaler) and where overprovisioning keeps capacity warm.
import { fallbackNeedsExternalTrigger, KEDA_NAME_MAX, kedaHpaName, onlyResourceTriggers } from '../../manifest/keda-webhook.js';
import { deliveryOf, type App, type Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';
import { escapePointer } from '../../json-pointer.js';
import { displayPath } from '../source-map.js';

type Trigger = App['autoscaling']['triggers'][number];
type Pool = NonNullable<Environment['nodes']['karpenter']>['pools'][number];

const KEDA_TRIGGERS = new Set(['cpu', 'memory', 'prometheus', 'cron']);
const HPA_TRIGGERS = new Set(['cpu', 'memory', 'pods']);
/** Istio metrics reported by the receiving sidecar: there is none while a workload is scaled to zero. */
const DESTINATION_REPORTER = /reporter\s*=~?\s*"destination"/;
/** Label key prefixes (domains) Karpenter and the kubelet reserve for themselves. */
const RESTRICTED_LABEL_DOMAINS = ['karpenter.sh', 'karpenter.k8s.aws', 'kubernetes.io', 'k8s.io'];
/** Subdomains of kubernetes.io that node labels may use. */
const ALLOWED_LABEL_DOMAINS = ['node.kubernetes.io', 'node-restriction.kubernetes.io'];
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** EC2NodeClass tag keys Karpenter rejects (they are its own or EKS's). */
const RESTRICTED_TAGS: readonly [(key: string) => boolean, string][] = [
  [(k) => k === 'eks:eks-cluster-name', 'eks:eks-cluster-name'],
  [(k) => k.startsWith('kubernetes.io/cluster'), 'kubernetes.io/cluster/*'],
  [(k) => k === 'karpenter.sh/nodepool', 'karpenter.sh/nodepool'],
  [(k) => k === 'karpenter.sh/nodeclaim', 'karpenter.sh/nodeclaim'],
  [(k) => k === 'karpenter.k8s.aws/ec2nodeclass', 'karpenter.k8s.aws/ec2nodeclass'],
];
/** AMI families Karpenter v0.31 (v1alpha5) knows, by v1 alias family. */
const V1ALPHA5_AMI_FAMILIES: Readonly<Record<string, string>> = {
  al2: 'AL2',
  bottlerocket: 'Bottlerocket',
  windows2019: 'Windows2019',
  windows2022: 'Windows2022',
};

/** The v1alpha5 AWSNodeTemplate amiFamily for a v1 alias such as `bottlerocket@latest` (undefined when unknown). */
export function v1alpha5AmiFamily(alias: string): string | undefined {
  return V1ALPHA5_AMI_FAMILIES[alias.split('@')[0]!];
}

/** Checks every app's `autoscaling`, the adapter metrics, `nodes` and `overprovisioning.pools`. */
export function checkAutoscaling(env: Environment, out: DiagnosticList): void {
  env.apps.forEach((app, i) => checkApp(app, `/apps/${i}`, out));
  checkAdapterMetrics(env, out);
  checkNodes(env, out);
  checkOverprovisioningPools(env, out);
}

function checkApp(app: App, at: string, out: DiagnosticList): void {
  const a = app.autoscaling;
  const as = `${at}/autoscaling`;
  const scaled = a.engine !== 'none';
  if (scaled && a.minReplicas > a.maxReplicas)
    out.add(`${as}/maxReplicas`, `maxReplicas (${a.maxReplicas}) must be >= minReplicas (${a.minReplicas})`);
  if (!scaled && a.triggers.length > 0) out.add(`${as}/triggers`, 'triggers need an engine: set autoscaling.engine to "keda" or "hpa"');
  if (scaled && a.triggers.length === 0) out.add(`${as}/triggers`, `engine "${a.engine}" needs at least one trigger`);
  if (a.engine === 'hpa' && a.minReplicas < 1) out.add(`${as}/minReplicas`, 'minReplicas (0) needs engine "keda" (an HPA cannot scale to zero)');
  const allowed = a.engine === 'keda' ? KEDA_TRIGGERS : HPA_TRIGGERS;
  const names = new Map<string, number>();
  a.triggers.forEach((t, j) => {
    const tp = `${as}/triggers/${j}`;
    if (scaled && !allowed.has(t.type)) {
      out.add(`${tp}/type`, `trigger type "${t.type}" is not supported by engine "${a.engine}" (supported: ${[...allowed].join(', ')})`);
    }
    checkTrigger(app, t, tp, out);
    if (t.type === 'prometheus' && t.name !== undefined) {
      const first = names.get(t.name);
      if (first !== undefined) out.add(`${tp}/name`, `trigger name "${t.name}" is already used by triggers[${first}]`);
      else names.set(t.name, j);
    }
  });
  if (a.engine !== 'keda') {
    for (const key of ['idleReplicaCount', 'fallback', 'pollingInterval', 'cooldownPeriod'] as const) {
      if (a[key] !== undefined) out.add(`${as}/${key}`, `${key} is a KEDA setting; engine is "${a.engine}"`);
    }
  }
  if (a.idleReplicaCount !== undefined && a.idleReplicaCount >= a.minReplicas) {
    out.add(`${as}/idleReplicaCount`, `idleReplicaCount (${a.idleReplicaCount}) must be < minReplicas (${a.minReplicas})`);
  }
  if (a.engine === 'keda') checkKeda(app, as, out);
}

function checkTrigger(app: App, t: Trigger, tp: string, out: DiagnosticList): void {
  switch (t.type) {
    case 'cpu':
    case 'memory':
      if ((t.utilization === undefined) === (t.averageValue === undefined))
        out.add(tp, `a ${t.type} trigger needs exactly one of utilization or averageValue`);
      if (t.utilization !== undefined && app.resources?.requests?.[t.type] === undefined) {
        out.add(tp, `${t.type} utilization scaling needs resources.requests.${t.type} on the app (utilization is a percentage of the request)`);
      }
      return;
    case 'prometheus':
      return;
    case 'cron':
      if (!validTimeZone(t.timezone)) out.add(`${tp}/timezone`, `timezone "${t.timezone}" is not an IANA time zone (e.g. Etc/UTC, Europe/Paris)`);
      for (const key of ['start', 'end'] as const) {
        if (t[key].trim().split(/\s+/).length !== 5)
          out.add(`${tp}/${key}`, `${key} ("${t[key]}") must be a cron expression of 5 fields: minute hour day-of-month month day-of-week`);
      }
      if (t.start.trim() === t.end.trim()) out.add(`${tp}/end`, `end ("${t.end}") must differ from start`);
      return;
    case 'pods':
      return;
  }
}

/** KEDA webhook rules that would otherwise only fail in the cluster. */
function checkKeda(app: App, as: string, out: DiagnosticList): void {
  const a = app.autoscaling;
  const resourceOnly = onlyResourceTriggers(a.triggers.map((t) => t.type));
  if (resourceOnly && a.minReplicas === 0) {
    out.add(
      `${as}/minReplicas`,
      'minReplicas (0) needs a trigger other than cpu or memory: resource metrics come from running pods, so KEDA cannot scale up from zero',
    );
  }
  if (resourceOnly && a.idleReplicaCount !== undefined) {
    out.add(
      `${as}/idleReplicaCount`,
      `idleReplicaCount (${a.idleReplicaCount}) needs a trigger other than cpu or memory: an idle workload produces no resource metrics`,
    );
  }
  if (a.idleReplicaCount === 0 || a.minReplicas === 0) {
    const setting = a.idleReplicaCount === 0 ? 'idleReplicaCount' : 'minReplicas';
    a.triggers.forEach((t, j) => {
      if (t.type === 'prometheus' && DESTINATION_REPORTER.test(t.query)) {
        out.add(
          `${as}/triggers/${j}/query`,
          `${setting} (0) scales to zero, but the query uses reporter="destination": with no pods nothing reports, so it never wakes up; count the requests where they are sent (reporter="source", by destination_service_name and destination_service_namespace)`,
        );
      }
    });
  }
  if (
    a.fallback &&
    fallbackNeedsExternalTrigger(
      a.triggers.map((t) => t.type),
      false,
    )
  ) {
    out.add(
      `${as}/fallback`,
      'fallback needs a trigger other than cpu or memory: KEDA applies it to metrics it fails to read from an external source',
    );
  }
  const hpa = kedaHpaName(app.name);
  if (hpa.length > KEDA_NAME_MAX) {
    out.add(
      `${as}/engine`,
      `app name "${app.name}" has ${app.name.length} characters: KEDA names its HPA ${hpa.replace(app.name, '<name>')}, which must fit ${KEDA_NAME_MAX} (keep the name within ${KEDA_NAME_MAX - hpa.length + app.name.length})`,
    );
  }
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** One prometheus-adapter rule per metric name: two apps asking for one metric must define it the same way. */
function checkAdapterMetrics(env: Environment, out: DiagnosticList): void {
  const first = new Map<string, { at: string; key: string }>();
  env.apps.forEach((app, i) => {
    if (app.autoscaling.engine !== 'hpa') return;
    app.autoscaling.triggers.forEach((t, j) => {
      if (t.type !== 'pods') return;
      const at = `/apps/${i}/autoscaling/triggers/${j}`;
      const key = JSON.stringify([t.seriesQuery, t.metricsQuery ?? null, t.namespaceLabel, t.podLabel]);
      const prior = first.get(t.metric);
      if (!prior) first.set(t.metric, { at, key });
      else if (prior.key !== key) {
        out.add(
          `${at}/metric`,
          `metric "${t.metric}" is already served by prometheus-adapter with another seriesQuery/metricsQuery/labels (${displayPath(prior.at)}): use the same definition or another metric name`,
        );
      }
    });
  });
}

/**
 * The Karpenter controller calls EC2, SQS and IAM: without an AWS identity it cannot launch a node. Installed by the
 * GitOps engine, its ServiceAccount gets the IRSA annotation (Helm value serviceAccount.annotations), or relies on an
 * EKS Pod Identity association.
 */
function checkControllerIdentity(env: Environment, k: NonNullable<Environment['nodes']['karpenter']>, out: DiagnosticList): void {
  if (!deliveryOf(env) || env.gitops?.operators.karpenter === false) return; // not installed by this environment
  if (k.controllerRoleArn && k.podIdentity) {
    out.add(
      '/nodes/karpenter/podIdentity',
      `set controllerRoleArn ("${k.controllerRoleArn}") or podIdentity, not both: the controller has one AWS identity`,
    );
  } else if (!k.controllerRoleArn && !k.podIdentity) {
    out.add(
      '/nodes/karpenter',
      "needs the Karpenter controller's AWS identity: controllerRoleArn (IRSA role, e.g. arn:aws:iam::<account>:role/KarpenterControllerRole-<cluster>) or podIdentity: true (an EKS Pod Identity association)",
    );
  }
}

function checkNodes(env: Environment, out: DiagnosticList): void {
  const { provisioner, karpenter: k } = env.nodes;
  if (provisioner === 'karpenter' && !k)
    out.add('/nodes/provisioner', 'provisioner "karpenter" needs a nodes.karpenter section with at least one pool');
  if (provisioner === 'cluster-autoscaler' && env.cluster.provider !== 'eks') {
    out.add(
      '/nodes/provisioner',
      `provisioner "cluster-autoscaler" discovers AWS Auto Scaling groups by tag: cluster.provider must be "eks", got "${env.cluster.provider}"`,
    );
  }
  if (k && provisioner !== 'none') {
    if (env.cluster.provider !== 'eks' && env.cluster.provider !== 'generic') {
      out.add('/nodes/karpenter', `Karpenter's node classes launch EC2 instances: cluster.provider must be "eks", got "${env.cluster.provider}"`);
    }
    if (k.api === 'v1alpha5' && !k.instanceProfile)
      out.add('/nodes/karpenter/instanceProfile', 'is required with api "v1alpha5" (AWSNodeTemplate.spec.instanceProfile)');
    if (k.api === 'v1' && !k.nodeRole && !k.instanceProfile)
      out.add('/nodes/karpenter', 'needs nodeRole or instanceProfile (EC2NodeClass.spec.role / instanceProfile)');
    if (k.api === 'v1' && k.nodeRole && k.instanceProfile) {
      out.add(
        '/nodes/karpenter/instanceProfile',
        `set nodeRole ("${k.nodeRole}") or instanceProfile ("${k.instanceProfile}"), not both: an EC2NodeClass takes exactly one`,
      );
    }
    if (k.api === 'v1alpha5' && k.amiAlias !== undefined) {
      const [family, version] = k.amiAlias.split('@') as [string, string];
      if (!v1alpha5AmiFamily(k.amiAlias))
        out.add(
          '/nodes/karpenter/amiAlias',
          `AMI family "${family}" does not exist in Karpenter v1alpha5 (known: ${Object.keys(V1ALPHA5_AMI_FAMILIES).join(', ')})`,
        );
      if (version !== 'latest')
        out.add(
          '/nodes/karpenter/amiAlias',
          `version "${version}": v1alpha5 selects AMIs by family only (use "${family}@latest", or api "v1" to pin a version)`,
        );
    }
    checkControllerIdentity(env, k, out);
    for (const key of Object.keys(k.tags ?? {})) {
      const restricted = RESTRICTED_TAGS.find(([test]) => test(key));
      if (restricted)
        out.add(`/nodes/karpenter/tags/${escapePointer(key)}`, `tag "${key}" is restricted (${restricted[1]} is set by Karpenter or EKS)`, true);
    }
  }
  const names = new Map<string, number>();
  k?.pools.forEach((pool, i) => {
    const at = `/nodes/karpenter/pools/${i}`;
    const first = names.get(pool.name);
    if (first !== undefined) out.add(`${at}/name`, `duplicate node pool name "${pool.name}" (also pools[${first}])`);
    else names.set(pool.name, i);
    checkPool(pool, k.api, at, out);
  });
  const ca = env.nodes.clusterAutoscaler;
  if (k && provisioner === 'cluster-autoscaler' && (ca?.replicas ?? 1) > 0) {
    out.add(
      ca ? '/nodes/clusterAutoscaler/replicas' : '/nodes/karpenter',
      `Cluster Autoscaler (replicas ${ca?.replicas ?? 1}) and Karpenter (nodes.karpenter) would both add nodes for the same pending pods: set nodes.clusterAutoscaler.replicas: 0 while Karpenter takes over (Karpenter's migration guide; seed 001 scales it to zero), or remove nodes.karpenter`,
    );
  }
  const cutoff = env.nodes.clusterAutoscaler?.expendablePodsPriorityCutoff ?? -10;
  if (env.overprovisioning.enabled && provisioner === 'cluster-autoscaler' && env.overprovisioning.priorityValue < cutoff) {
    out.add(
      '/overprovisioning/priorityValue',
      `priorityValue (${env.overprovisioning.priorityValue}) is below Cluster Autoscaler's expendable cutoff (${cutoff}): the placeholders would never trigger a scale-up`,
    );
  }
}

function checkPool(pool: Pool, api: 'v1' | 'v1alpha5', at: string, out: DiagnosticList): void {
  for (const [key, value] of Object.entries(pool.labels ?? {})) {
    const lp = `${at}/labels/${escapePointer(key)}`;
    const problem = labelKeyProblem(key);
    if (problem) out.add(lp, problem, true);
    if (value.length > 63 || !LABEL_VALUE.test(value))
      out.add(lp, `label value "${value}" must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit`);
  }
  const taints = new Map<string, number>();
  pool.taints?.forEach((t, j) => {
    const key = `${t.key}:${t.effect}`;
    const first = taints.get(key);
    if (first !== undefined) out.add(`${at}/taints/${j}`, `taint ${key} is already set by taints[${first}]`);
    else taints.set(key, j);
  });
  pool.consolidation.budgets?.forEach((b, j) => {
    if ((b.schedule === undefined) !== (b.duration === undefined)) {
      out.add(
        `${at}/consolidation/budgets/${j}`,
        `schedule and duration go together: got ${b.schedule === undefined ? `duration "${b.duration}" without schedule` : `schedule "${b.schedule}" without duration`}`,
      );
    }
  });
  if (api === 'v1alpha5' && pool.consolidation.budgets) {
    out.add(`${at}/consolidation/budgets`, 'disruption budgets need api "v1": a v1alpha5 Provisioner has none');
  }
}

function labelKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (name.length > 63 || !LABEL_NAME.test(name) || (prefix !== undefined && (prefix.length > 253 || !LABEL_PREFIX.test(prefix)))) {
    return `label key "${key}" is not a valid label name ([prefix/]name, name at most 63 letters, digits, "-", "_", ".")`;
  }
  if (prefix === undefined || ALLOWED_LABEL_DOMAINS.some((d) => prefix === d || prefix.endsWith(`.${d}`))) return undefined;
  const domain = RESTRICTED_LABEL_DOMAINS.find((d) => prefix === d || prefix.endsWith(`.${d}`));
  if (domain)
    return `label "${key}" is in the restricted domain "${domain}": Karpenter and the kubelet set those labels (use capacityTypes, architectures, instance* and zones to constrain nodes)`;
  return undefined;
}

function checkOverprovisioningPools(env: Environment, out: DiagnosticList): void {
  const pools = env.overprovisioning.pools;
  if (!pools) return;
  const k = env.nodes.karpenter;
  if (!k || env.nodes.provisioner === 'none') {
    out.add(
      '/overprovisioning/pools',
      'pools names Karpenter pools: set nodes.provisioner "karpenter" and nodes.karpenter.pools (or use nodeSelector)',
    );
    return;
  }
  const known = k.pools.map((p) => p.name);
  pools.forEach((name, i) => {
    if (!known.includes(name))
      out.add(`/overprovisioning/pools/${i}`, `pool "${name}" is not defined in nodes.karpenter.pools (defined: ${known.join(', ')})`);
  });
}
