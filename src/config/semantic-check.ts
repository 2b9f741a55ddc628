// Rules on the environment model that a JSON Schema cannot express; each reports the field and the value received.
import type { App, Environment } from './model/environment.js';
import type { DiagnosticList } from './diagnostic.js';
import { checkMesh } from './checks/mesh-checks.js';
import { checkMonitoring } from './checks/monitoring-checks.js';
import { checkMulticluster } from './checks/multicluster-checks.js';
import { checkServerless } from './checks/serverless-checks.js';

const BUILTIN_PRIORITY_CLASSES = new Set(['system-cluster-critical', 'system-node-critical']);
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
const KEDA_TRIGGERS = new Set(['cpu', 'memory', 'prometheus', 'cron']);
const HPA_TRIGGERS = new Set(['cpu', 'memory', 'pods']);

/** Checks cross-field rules of a schema-valid environment (defaults applied). */
export function checkSemantics(env: Environment, out: DiagnosticList): void {
  checkPriorityClasses(env, out);
  checkMesh(env, out);
  checkMonitoring(env, out);
  checkMulticluster(env, out);
  checkServerless(env, out);
  const seen = new Map<string, number>();
  env.apps.forEach((app, i) => {
    const at = `/apps/${i}`;
    const first = seen.get(app.name);
    if (first !== undefined) out.add(`${at}/name`, `duplicate app name "${app.name}" (also apps[${first}])`);
    else seen.set(app.name, i);
    checkApp(app, at, out);
  });
  if (env.nodes.provisioner === 'karpenter' && !env.nodes.karpenter) {
    out.add('/nodes/provisioner', 'provisioner "karpenter" needs a nodes.karpenter section with at least one pool');
  }
  if (env.nodes.karpenter) {
    const names = new Set<string>();
    env.nodes.karpenter.pools.forEach((pool, i) => {
      if (names.has(pool.name)) out.add(`/nodes/karpenter/pools/${i}/name`, `duplicate node pool name "${pool.name}"`);
      names.add(pool.name);
    });
    if (env.nodes.karpenter.api === 'v1alpha5' && !env.nodes.karpenter.instanceProfile && env.nodes.provisioner !== 'none') {
      out.add('/nodes/karpenter/instanceProfile', 'is required with api "v1alpha5" (AWSNodeTemplate.spec.instanceProfile)');
    }
    if (env.nodes.karpenter.api === 'v1' && !env.nodes.karpenter.nodeRole && !env.nodes.karpenter.instanceProfile && env.nodes.provisioner !== 'none') {
      out.add('/nodes/karpenter', 'needs nodeRole or instanceProfile (EC2NodeClass.spec.role / instanceProfile)');
    }
  }
  const cutoff = env.nodes.clusterAutoscaler?.expendablePodsPriorityCutoff ?? -10;
  if (env.overprovisioning.enabled && env.nodes.provisioner === 'cluster-autoscaler' && env.overprovisioning.priorityValue < cutoff) {
    out.add('/overprovisioning/priorityValue', `priorityValue (${env.overprovisioning.priorityValue}) is below Cluster Autoscaler's expendable cutoff (${cutoff}): the placeholders would never trigger a scale-up`);
  }
}

function checkPriorityClasses(env: Environment, out: DiagnosticList): void {
  const names = new Set<string>();
  let globalDefault: number | undefined;
  env.priorityClasses.forEach((pc, i) => {
    if (names.has(pc.name)) out.add(`/priorityClasses/${i}/name`, `duplicate priority class "${pc.name}"`);
    names.add(pc.name);
    if (pc.globalDefault) {
      if (globalDefault !== undefined) out.add(`/priorityClasses/${i}/globalDefault`, `only one priority class may be globalDefault (also priorityClasses[${globalDefault}])`);
      globalDefault ??= i;
    }
  });
  env.apps.forEach((app, i) => {
    const pc = app.priorityClassName;
    if (pc !== undefined && !names.has(pc) && !BUILTIN_PRIORITY_CLASSES.has(pc)) {
      out.add(`/apps/${i}/priorityClassName`, `priorityClassName "${pc}" is not defined in priorityClasses (defined: ${[...names].join(', ') || 'none'})`);
    }
  });
}

function checkApp(app: App, at: string, out: DiagnosticList): void {
  for (const [name, value] of Object.entries(app.env ?? {})) {
    if (typeof value === 'string' && SECRET_NAME.test(name) && value !== '') {
      out.add(`${at}/env/${name}`, `"${name}" looks like a secret: never put secret values in environment files; reference a Secret with secretKeyRef: { name, key }`);
    }
  }
  const a = app.autoscaling;
  const scaled = a.engine !== 'none';
  if (scaled && a.minReplicas > a.maxReplicas) {
    out.add(`${at}/autoscaling/maxReplicas`, `maxReplicas (${a.maxReplicas}) must be >= minReplicas (${a.minReplicas})`);
  }
  if (!scaled && a.triggers.length > 0) out.add(`${at}/autoscaling/triggers`, 'triggers need an engine: set autoscaling.engine to "keda" or "hpa"');
  if (scaled && a.triggers.length === 0) out.add(`${at}/autoscaling/triggers`, `engine "${a.engine}" needs at least one trigger`);
  if (a.engine === 'hpa' && a.minReplicas < 1) out.add(`${at}/autoscaling/minReplicas`, 'minReplicas (0) needs engine "keda" (an HPA cannot scale to zero)');
  const allowed = a.engine === 'keda' ? KEDA_TRIGGERS : HPA_TRIGGERS;
  a.triggers.forEach((t, j) => {
    const tp = `${at}/autoscaling/triggers/${j}`;
    if (scaled && !allowed.has(t.type)) {
      out.add(`${tp}/type`, `trigger type "${t.type}" is not supported by engine "${a.engine}" (supported: ${[...allowed].join(', ')})`);
    }
    if (t.type === 'cpu' || t.type === 'memory') {
      if ((t.utilization === undefined) === (t.averageValue === undefined)) {
        out.add(tp, `a ${t.type} trigger needs exactly one of utilization or averageValue`);
      }
      if (t.utilization !== undefined && app.resources?.requests?.[t.type] === undefined) {
        out.add(tp, `${t.type} utilization scaling needs resources.requests.${t.type} on the app (utilization is a percentage of the request)`);
      }
    }
    if (t.type === 'prometheus' && t.serverAddress && /:\/\/[^/@]+:[^/@]+@/.test(t.serverAddress)) {
      out.add(`${tp}/serverAddress`, 'serverAddress must not carry credentials: put them in a Secret and name it in authSecret');
    }
  });
  if (a.engine !== 'keda') {
    for (const key of ['idleReplicaCount', 'fallback', 'pollingInterval', 'cooldownPeriod'] as const) {
      if (a[key] !== undefined) out.add(`${at}/autoscaling/${key}`, `${key} is a KEDA setting; engine is "${a.engine}"`);
    }
  }
  if (a.idleReplicaCount !== undefined && a.idleReplicaCount >= a.minReplicas) {
    out.add(`${at}/autoscaling/idleReplicaCount`, `idleReplicaCount (${a.idleReplicaCount}) must be < minReplicas (${a.minReplicas})`);
  }
  if (app.pdb.minAvailable !== undefined && app.pdb.maxUnavailable !== undefined) {
    out.add(`${at}/pdb`, 'set minAvailable or maxUnavailable, not both');
  }
}
