// The convergence simulation: every object's needs against what provides them and when, as the apply engine orders
// them. Argo CD applies the waves of an Application in order and starts a wave only once the previous one is Healthy
// (gitops-engine pkg/sync/sync_context.go Sync: "waiting for healthy state of"); Flux applies a Kustomization's
// objects together and a dependent one only once it is Ready (dependsOn, wait: true).
import { nodePools } from '../capacity/node-pools.js';
import { PoolLanding } from '../capacity/placement.js';
import { describe, ObjectIndex, type Resource } from '../manifest/object-index.js';
import type { ManifestDoc } from '../validate/types.js';
import { buildDelivery, stepLabel, type Delivery, type Step, type Unit } from './delivery.js';
import { builtIn, chartNeeds, clusterOf, needsOf, providers, sameCluster, type Need, type NeedKind, type Provider } from './dependencies.js';
import { projectFindings } from './project-permission.js';
import { remoteSecretFindings, remoteSecretNeeds, remoteSecretsOf } from './remote-secrets.js';
import { EXTERNAL_SECRETS } from './external-secrets.js';

export type FindingSeverity = 'error' | 'warning' | 'note';

/** One reason a set cannot converge (or a note on what could not be verified). */
export interface Finding {
  readonly severity: FindingSeverity;
  readonly resource: Resource;
  /** JSON pointer in the object. */
  readonly path: string;
  readonly message: string;
}

/** Options of the simulation. */
export interface SimulateOptions {
  /** Secrets created outside the set (`namespace/name`): reported as notes, not verified. */
  readonly externalSecrets?: readonly string[];
}

/** Simulates the delivery of a set of objects. */
export function simulate(
  input: ObjectIndex | readonly ManifestDoc[],
  options: SimulateOptions = {},
): { readonly delivery: Delivery; readonly findings: Finding[] } {
  const index = input instanceof ObjectIndex ? input : new ObjectIndex(input);
  const delivery = buildDelivery(index);
  const provided = providers(index, delivery);
  const pools = PoolLanding.of(nodePools(index));
  const external = new Set(options.externalSecrets ?? []);
  const findings: Finding[] = [];
  /** The unit each Application, ApplicationSet, Kustomization or HelmRelease is (the first, as units are ordered). */
  const unitOf = new Map<Resource, Unit>();
  for (const u of delivery.units) if (u.resource && !unitOf.has(u.resource)) unitOf.set(u.resource, u);
  for (const r of index.all) {
    const step = delivery.stepOf(r);
    const unit = step.unit;
    const own = unitOf.get(r);
    // a chart's needs are its pods' and objects': they are created in the chart's own step, not where the Application is
    for (const need of needsOf(r, unit, index, pools)) addFinding(findings, check(r, step, need, provided, delivery, external));
    for (const need of remoteSecretNeeds(r)) addFinding(findings, check(r, step, need, provided, delivery, external));
    if (own) for (const need of chartNeeds(own)) addFinding(findings, check(r, own.steps[0]!, need, provided, delivery, external));
  }
  findings.push(...remoteSecretFindings(index.of('', 'Namespace')));
  findings.push(...dependsOnCycles(delivery));
  if (!delivery.declared) return { delivery, findings };
  findings.push(...projectFindings(index, delivery));
  for (const u of delivery.units) {
    if (u.chart && !u.chart.install && u.resource) {
      findings.push({
        severity: 'warning',
        resource: u.resource,
        path: u.engine === 'argocd' ? '/spec/source/targetRevision' : '/spec/chart/spec/version',
        message: `${u.id}: chart ${u.chart.name} ${u.chart.version} has no row in src/convergence/operator-installs.ts: what it installs (CRDs, namespaces, webhooks) is unknown to the convergence check`,
      });
    }
  }
  return { delivery, findings };
}

/**
 * Flux units whose dependsOn leads back to themselves: kustomize-controller and helm-controller reconcile an object
 * only once every dependsOn is Ready (kustomize-controller internal/controller/kustomization_controller.go
 * checkDependencies: "dependency ... is not ready", requeued), so each member of a cycle waits for the next forever.
 */
function dependsOnCycles(delivery: Delivery): Finding[] {
  const out: Finding[] = [];
  const path = (from: Unit, to: Unit, seen: Set<Unit>): Unit[] | undefined => {
    for (const d of from.dependsOn) {
      if (d === to) return [d];
      if (seen.has(d)) continue;
      seen.add(d);
      const rest = path(d, to, seen);
      if (rest) return [d, ...rest];
    }
    return undefined;
  };
  for (const u of delivery.units) {
    if (u.engine !== 'flux' || !u.resource) continue;
    const cycle = path(u, u, new Set());
    if (!cycle) continue;
    const chain = [u, ...cycle].map((x) => x.id).join(' → ');
    out.push({
      severity: 'error',
      resource: u.resource,
      path: '/spec/dependsOn',
      message: `${u.id} never becomes Ready: its dependsOn is a cycle (${chain}), and Flux applies a unit only once every unit it depends on is Ready`,
    });
  }
  return out;
}

function addFinding(findings: Finding[], finding: Finding | undefined): void {
  if (finding) findings.push(finding);
}

/** Secrets the object declares external (`namespace/name`): its annotation's, and the remote secrets it names. */
function declaredExternal(r: Resource): Set<string> {
  return new Set([
    ...(r.annotations[EXTERNAL_SECRETS] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => `${r.namespace}/${s}`),
    ...remoteSecretsOf(r),
  ]);
}

/** The consumer as messages name it (spelled out only for a finding): the object, and its step when that says more. */
function whoOf(r: Resource, step: Step): string {
  const label = stepLabel(step);
  return label === describe(r) ? label : `${describe(r)} (${label})`;
}

function check(
  r: Resource,
  step: Step,
  need: Need,
  provided: ReadonlyMap<string, Provider[]>,
  delivery: Delivery,
  external: ReadonlySet<string>,
): Finding | undefined {
  if (builtIn(need)) return undefined;
  const candidates: Provider[] = [];
  for (const k of need.keys) for (const p of provided.get(k) ?? []) if (sameCluster(p, step)) candidates.push(p);
  if (candidates.length === 0) {
    // an injector of another revision is installed: this revision's label selects no webhook, nothing is injected
    const served =
      need.kind === 'webhook' ? [...provided.keys()].filter((k) => k.startsWith('cap:istio-sidecar-injector:')).map((k) => k.split(':')[2]!) : [];
    if (served.length > 0) {
      return {
        severity: 'error',
        resource: r,
        path: need.path,
        message: `${whoOf(r, step)} needs ${need.what}, but the installed istiod serves revision ${served.join(', ')} only (its values.revision): no webhook matches, so its pods never get a sidecar`,
      };
    }
    return missing(r, step, need, delivery, external);
  }
  // the best provider (the first of the lowest rank): one already there, else one that is at least not later
  let best = candidates[0]!;
  let score = rank(best, step, need, delivery);
  for (let i = 1; i < candidates.length && score > 0; i++) {
    const r = rank(candidates[i]!, step, need, delivery);
    if (r < score) [best, score] = [candidates[i]!, r];
  }
  // without a declared delivery only what the set's own waves make impossible is known
  if (score <= 1 || (score === 2 && !delivery.declared)) return undefined;
  const where = stepLabel(best.step!);
  const from = [best.what !== need.what && !need.what.startsWith(best.what) ? best.what : '', best.what.includes(where) ? '' : where]
    .filter(Boolean)
    .join(', ');
  if (score === 4) {
    return {
      severity: 'error',
      resource: r,
      path: need.path,
      message: `${whoOf(r, step)} needs ${need.what} (${from}, applied later): ${explainLater(step, best.step!)}`,
    };
  }
  if (score === 3) {
    return {
      severity: 'error',
      resource: r,
      path: need.path,
      message: `${whoOf(r, step)} needs ${need.what} (${from}) before its pods are created, but both are applied in the same step: pods created before it is ready never get it; move it to an earlier wave`,
    };
  }
  return {
    severity: 'error',
    resource: r,
    path: need.path,
    message: `${whoOf(r, step)} needs ${need.what} (${from}), which nothing orders before it: ${explainUnordered(step, best.step!)}`,
  };
}

/** How late a provider comes for a need at `step`: 0 already there, 1 in time, 2 unordered, 3 too late to be seen, 4 later. */
function rank(p: Provider, step: Step, need: Need, delivery: Delivery): number {
  if (!p.step) return 0;
  const rel = delivery.relation(step, p.step);
  if (rel === 'before') return 0;
  if (rel === 'same') return need.timing === 'create' ? 3 : 1;
  if (rel === 'unordered') return need.timing === 'healthy' ? 1 : 2;
  // a Namespace or CRD of the same Application is moved before the first object that needs it, into its wave
  // (gitops-engine sync_tasks.go Sort/adjustDeps); Flux applies a Kustomization's CRDs and Namespaces first
  return p.reordered && p.step.unit === step.unit ? 1 : 4;
}

function missing(r: Resource, step: Step, need: Need, delivery: Delivery, external: ReadonlySet<string>): Finding | undefined {
  const nsName = need.keys[0]!.slice(need.keys[0]!.indexOf(':') + 1);
  if (need.kind === 'secret') {
    if (external.has(nsName) || declaredExternal(r).has(nsName))
      return { severity: 'note', resource: r, path: need.path, message: `${whoOf(r, step)} needs ${need.what}: declared external, not verified` };
    return {
      severity: 'warning',
      resource: r,
      path: need.path,
      message: `${whoOf(r, step)} needs ${need.what}, which is not in the set: its pods do not start until it exists (if something else creates it, declare it: the ${EXTERNAL_SECRETS} annotation, or apps[].externalSecrets in an environment file)`,
    };
  }
  // a set that does not say how it is delivered goes to a cluster we do not know: only its own order is checked
  // references to objects that are not in the set are the reference rules' to report
  const unchecked: readonly NeedKind[] = ['priority-class', 'node-pool', 'webhook', 'project', 'node-class', 'scale-target'];
  if (!delivery.declared || unchecked.includes(need.kind)) return undefined;
  if (need.kind === 'crd') {
    return {
      severity: 'error',
      resource: r,
      path: need.path,
      message: `${whoOf(r, step)} needs ${need.what}, which neither the set nor any operator chart it installs on ${clusterOf(delivery.stepOf(r).unit)} provides: it never applies (no matches for kind "${r.kind}")`,
    };
  }
  const reason =
    need.kind === 'namespace'
      ? 'it cannot be applied (namespaces not found), and no Application creates it (CreateNamespace=true)'
      : 'its pods are never created';
  return { severity: 'error', resource: r, path: need.path, message: `${whoOf(r, step)} needs ${need.what}, which is not in the set: ${reason}` };
}

/** Why a provider in a later step is never reached from the consumer's. */
function explainLater(consumer: Step, provider: Step): string {
  if (provider.unit.engine === 'flux' || consumer.unit.engine === 'flux') {
    return `Flux applies ${provider.unit.id} only once ${consumer.unit.id} is Ready (dependsOn), and that needs it`;
  }
  const [c, p] = commonLevel(consumer, provider);
  if (c && p && c !== p)
    return `Argo CD waits for wave ${c.wave}${c.unit.resource ? ` of ${c.unit.id}` : ''} to be Healthy before applying wave ${p.wave}`;
  return `${provider.unit.id} is applied only after ${consumer.unit.id} is Healthy`;
}

function explainUnordered(consumer: Step, provider: Step): string {
  const chain = (s: Step): Step[] => (s.unit.parent ? [...chain(s.unit.parent), s] : [s]);
  const unawaited = chain(provider)
    .map((s) => s.unit)
    .find((u) => !u.awaited || (u.parent && !u.parent.unit.waits && u.parent.unit.engine === 'flux'));
  if (unawaited && unawaited.resource?.kind === 'ApplicationSet') {
    return `${unawaited.id} is Healthy once it has generated its Applications, not once they are (Argo CD's ApplicationSet health check), so nothing waits for them`;
  }
  if (unawaited && unawaited.parent) return `${unawaited.parent.unit.id} has no wait: true, so it is Ready before ${unawaited.id} is`;
  if (consumer.unit.engine === 'flux' || provider.unit.engine === 'flux')
    return `no dependsOn orders ${provider.unit.id} before ${consumer.unit.id}; add it to dependsOn`;
  const [c, p] = commonLevel(consumer, provider);
  if (c && c === p)
    return `Argo CD applies wave ${c.wave}${c.unit.resource ? ` of ${c.unit.id}` : ''} at once, so the first sync races it (only retries can save it); put it in an earlier wave`;
  return 'they are applied at the same time';
}

/** The steps of the two sides' ancestors in the deepest unit both descend from. */
function commonLevel(a: Step, b: Step): [Step | undefined, Step | undefined] {
  const chain = (s: Step): Step[] => (s.unit.parent ? [...chain(s.unit.parent), s] : [s]);
  const cb = chain(b);
  let found: [Step | undefined, Step | undefined] = [undefined, undefined];
  for (const x of chain(a)) {
    const y = cb.find((t) => t.unit === x.unit);
    if (y) found = [x, y];
  }
  return found;
}
