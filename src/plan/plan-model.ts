// The capacity plan of a set of objects: a row per app, a row per node pool, and the request/scaling flow graph.
import { capacityPlan, type WorkloadDemand } from '../capacity/capacity-plan.js';
import { applyOrder, type ApplyStep } from '../convergence/apply-order.js';
import { mapSelects } from '../manifest/label-selector.js';
import { arr, describe, ObjectIndex, type Resource } from '../manifest/object-index.js';
import type { Resources } from '../manifest/workloads.js';
import type { ManifestDoc } from '../validate/types.js';
import { boundGateways, ISTIO, qualify } from '../validate/rules/istio-hosts.js';

/** One scalable workload. */
export interface AppRow {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Per pod. */
  readonly requests: Resources;
  /** Per pod (0 where a container sets no limit). */
  readonly limits: Resources;
  /** maxReplicas × requests. */
  readonly worstCase: Resources;
  /** Autoscaler and its signals, e.g. `ScaledObject: prometheus 50/replica, cpu 70%`; `fixed` without one. */
  readonly signal: string;
  /** Names of the pools its pods can land on. */
  readonly pools: readonly string[];
  readonly placeholder: boolean;
}

/** One node pool. */
export interface PoolRow {
  readonly kind: string;
  readonly name: string;
  /** Pool limits; undefined = unlimited. */
  readonly limits: { readonly cpu?: number; readonly memory?: number };
  /** Σ worst cases of the apps that can land on it. */
  readonly demand: Resources;
  /** Σ requests of the overprovisioning placeholders that can land on it: capacity held warm. */
  readonly overprovisioning: Resources;
  /** limits − demand − overprovisioning (undefined when unlimited). */
  readonly headroom: { readonly cpu?: number; readonly memory?: number };
  /** Largest known instance type allowed. */
  readonly largest?: string;
}

/** A node of the flow graph. */
export interface FlowNode {
  /** Mermaid-safe id. */
  readonly id: string;
  /** e.g. `Gateway istio-system/public`, or the PromQL text for a query. */
  readonly label: string;
  readonly kind: string;
}

/** An edge of the flow graph (from → to). */
export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
}

export interface Plan {
  readonly apps: readonly AppRow[];
  readonly pools: readonly PoolRow[];
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
  /** The apply order (Argo CD waves, Flux dependsOn) and what each step waits for. */
  readonly order: readonly ApplyStep[];
}

/** Builds the plan of a set of objects (rendered, or any manifests). */
export function buildPlan(docs: readonly ManifestDoc[]): Plan {
  const index = new ObjectIndex(docs);
  const cap = capacityPlan(index);
  const apps = cap.workloads.map(appRow);
  const pools = cap.pools.map((p): PoolRow => {
    const lim = p.pool.limits;
    const used = (k: 'cpu' | 'memory'): number | undefined => (lim[k] === undefined ? undefined : lim[k]! - p.demand[k] - p.overprovisioning[k]);
    const headCpu = used('cpu');
    const headMem = used('memory');
    return {
      kind: p.pool.resource.kind,
      name: p.pool.resource.name,
      limits: lim,
      demand: p.demand,
      overprovisioning: p.overprovisioning,
      headroom: { ...(headCpu !== undefined ? { cpu: headCpu } : {}), ...(headMem !== undefined ? { memory: headMem } : {}) },
      ...(p.largest ? { largest: p.largest.name } : {}),
    };
  });
  const graph = flowGraph(index, cap.workloads);
  return { apps, pools, ...graph, order: applyOrder(docs) };
}

function appRow(w: WorkloadDemand): AppRow {
  const r = w.template.owner;
  const signal =
    w.autoscalers.length === 0
      ? w.placeholder
        ? 'overprovisioning placeholder'
        : 'fixed replicas'
      : w.autoscalers
          .map(
            (a) =>
              `${a.resource.kind === 'HorizontalPodAutoscaler' ? 'HPA' : a.resource.kind}: ${a.signals.map((s) => s.summary).join(', ') || 'no signal'}`,
          )
          .join('; ');
  return {
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    minReplicas: w.minReplicas,
    maxReplicas: w.maxReplicas,
    requests: w.requests,
    limits: w.limits,
    worstCase: w.worstCase,
    signal,
    pools: w.pools.map((p) => p.resource.name),
    placeholder: w.placeholder,
  };
}

/** Gateway → VirtualService → Service → workload ← autoscaler ← query; workload → node pool. */
function flowGraph(index: ObjectIndex, workloads: readonly WorkloadDemand[]): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes = new Map<string, FlowNode>();
  const edges: FlowEdge[] = [];
  const edgeKeys = new Set<string>();
  const node = (r: Resource): string => {
    const id = safeId(`${r.kind}_${r.namespace}_${r.name}`);
    if (!nodes.has(id)) nodes.set(id, { id, label: describe(r), kind: r.kind });
    return id;
  };
  const edge = (from: string, to: string, label?: string): void => {
    const key = `${from}>${to}`;
    if (edgeKeys.has(key)) return;
    edgeKeys.add(key);
    edges.push({ from, to, ...(label ? { label } : {}) });
  };
  const services = new Map(index.of('', 'Service').map((s) => [`${s.name}.${s.namespace}.svc.cluster.local`, s]));
  const shown = workloads.filter((w) => !w.placeholder);
  for (const vs of index.of(ISTIO, 'VirtualService')) {
    for (const { ref } of boundGateways(vs)) {
      if (ref.mesh) continue;
      const gw = index.get(ISTIO, 'Gateway', ref.namespace, ref.name);
      if (gw) edge(node(gw), node(vs));
    }
    for (const route of arr(vs.body.spec?.http)) {
      for (const dw of arr(route?.route)) {
        const host = dw?.destination?.host;
        const svc = typeof host === 'string' ? services.get(qualify(host, vs.namespace)) : undefined;
        if (svc) edge(node(vs), node(svc), dw.weight !== undefined ? `${dw.weight}%` : undefined);
      }
    }
  }
  for (const svc of index.of('', 'Service')) {
    for (const w of shown) {
      if (w.template.owner.namespace === svc.namespace && mapSelects(svc.body.spec?.selector, w.template.labels))
        edge(node(svc), node(w.template.owner));
    }
  }
  for (const w of shown) {
    const target = node(w.template.owner);
    for (const a of w.autoscalers) {
      const scaler = node(a.resource);
      edge(scaler, target, `${a.min}..${a.max}`);
      for (const s of a.signals) {
        if (!s.query) continue;
        const id = safeId(`query_${a.resource.namespace}_${a.resource.name}_${s.path}`);
        nodes.set(id, { id, label: s.query, kind: 'PromQL' });
        edge(id, scaler, s.summary);
      }
    }
    for (const p of w.pools) edge(target, node(p.resource));
  }
  return { nodes: [...nodes.values()], edges };
}

function safeId(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_');
}
