// HorizontalPodAutoscalers and KEDA ScaledObjects read into one shape: target, bounds, signals.
import { arr, isRecord, type ObjectIndex, type Resource } from './object-index.js';

/** What an autoscaler scales. */
export interface ScaleTarget {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
}

/** One scaling signal (an HPA metric or a KEDA trigger). */
export interface Signal {
  /** `cpu`, `memory`, `prometheus`, `cron`, `pods`, `external`, ... */
  readonly type: string;
  /** Short text for the plan, e.g. `cpu 70%`, `prometheus > 50`. */
  readonly summary: string;
  /** JSON pointer of the trigger or metric. */
  readonly path: string;
  /** Set when the signal is a percentage of requests of that resource. */
  readonly utilizationOf?: 'cpu' | 'memory';
  /** Only this container's requests count (ContainerResource metric, KEDA containerName). */
  readonly container?: string;
  /** PromQL of a prometheus trigger. */
  readonly query?: string;
}

export interface Autoscaler {
  readonly resource: Resource;
  readonly target: ScaleTarget;
  /** Minimum replicas (HPA default 1; ScaledObject default 0). */
  readonly min: number;
  /** Maximum replicas (ScaledObject default 100). */
  readonly max: number;
  readonly signals: readonly Signal[];
}

/**
 * Every HPA (autoscaling/v1, v2), Karmada FederatedHPA and ScaledObject of the set. A FederatedHPA has the spec of an
 * autoscaling/v2 HPA (karmada pkg/apis/autoscaling/v1alpha1/federatedhpa_types.go: scaleTargetRef, minReplicas,
 * maxReplicas, metrics, behavior), its bounds those of the total over the member clusters.
 */
export function autoscalers(index: ObjectIndex): Autoscaler[] {
  return [
    ...index.of('autoscaling', 'HorizontalPodAutoscaler').map(fromHpa),
    ...index.of('autoscaling.karmada.io', 'FederatedHPA').map(fromHpa),
    ...index.of('keda.sh', 'ScaledObject').map(fromScaledObject),
  ];
}

/** The object as an autoscaler, when it is an HPA or a ScaledObject. */
export function autoscalerOf(r: Resource): Autoscaler | undefined {
  if (r.group === 'autoscaling' && r.kind === 'HorizontalPodAutoscaler') return fromHpa(r);
  if (r.group === 'keda.sh' && r.kind === 'ScaledObject') return fromScaledObject(r);
  return undefined;
}

/** Key of a target in a namespace, for joins. */
export function targetKey(namespace: string, t: ScaleTarget): string {
  return `${t.group}/${t.kind}/${namespace}/${t.name}`;
}

function targetOf(ref: unknown, defaults: { group: string; kind: string } | undefined): ScaleTarget {
  const r = isRecord(ref) ? ref : {};
  const apiVersion = typeof r.apiVersion === 'string' ? r.apiVersion : undefined;
  const group = apiVersion === undefined ? (defaults?.group ?? '') : apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  return { group, kind: typeof r.kind === 'string' ? r.kind : (defaults?.kind ?? ''), name: typeof r.name === 'string' ? r.name : '' };
}

function fromHpa(r: Resource): Autoscaler {
  const spec = isRecord(r.body.spec) ? r.body.spec : {};
  const signals: Signal[] = [];
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    signals.push({
      type: 'cpu',
      summary: `cpu ${spec.targetCPUUtilizationPercentage}%`,
      path: '/spec/targetCPUUtilizationPercentage',
      utilizationOf: 'cpu',
    });
  }
  for (const [i, m] of arr(spec.metrics).entries()) {
    const path = `/spec/metrics/${i}`;
    if (m?.type === 'Resource' || m?.type === 'ContainerResource') {
      const src = m.type === 'Resource' ? m.resource : m.containerResource;
      const name = String(src?.name ?? '');
      const t = src?.target ?? {};
      const util = t.type === 'Utilization' && (name === 'cpu' || name === 'memory');
      signals.push({
        type: name,
        summary: util ? `${name} ${t.averageUtilization ?? '?'}%` : `${name} ${t.averageValue ?? t.value ?? '?'}`,
        path,
        ...(util ? { utilizationOf: name as 'cpu' | 'memory' } : {}),
        ...(m.type === 'ContainerResource' ? { container: String(src?.container ?? '') } : {}),
      });
    } else if (m?.type === 'Pods' || m?.type === 'Object' || m?.type === 'External') {
      const src = m.type === 'Pods' ? m.pods : m.type === 'Object' ? m.object : m.external;
      const t = src?.target ?? {};
      signals.push({ type: String(m.type).toLowerCase(), summary: `${src?.metric?.name ?? '?'} ${t.averageValue ?? t.value ?? ''}`.trim(), path });
    }
  }
  return {
    resource: r,
    target: targetOf(spec.scaleTargetRef, undefined),
    min: typeof spec.minReplicas === 'number' ? spec.minReplicas : 1,
    max: typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 1,
    signals,
  };
}

function fromScaledObject(r: Resource): Autoscaler {
  const spec = isRecord(r.body.spec) ? r.body.spec : {};
  const signals: Signal[] = [];
  for (const [i, t] of arr(spec.triggers).entries()) {
    const type = String(t?.type ?? '');
    const meta = isRecord(t?.metadata) ? t.metadata : {};
    const path = `/spec/triggers/${i}`;
    if (type === 'cpu' || type === 'memory') {
      const metricType = t.metricType ?? meta.type ?? 'Utilization';
      signals.push({
        type,
        summary: metricType === 'Utilization' ? `${type} ${meta.value ?? '?'}%` : `${type} ${meta.value ?? '?'}`,
        path,
        ...(metricType === 'Utilization' ? { utilizationOf: type } : {}),
        ...(typeof meta.containerName === 'string' && meta.containerName ? { container: meta.containerName } : {}),
      });
    } else if (type === 'prometheus') {
      signals.push({
        type,
        summary: `prometheus ${meta.threshold ?? '?'}/replica`,
        path,
        ...(typeof meta.query === 'string' ? { query: meta.query } : {}),
      });
    } else if (type === 'cron') {
      signals.push({ type, summary: `cron ${meta.start ?? '?'} → ${meta.desiredReplicas ?? '?'}`, path });
    } else {
      signals.push({ type, summary: type, path });
    }
  }
  return {
    resource: r,
    target: targetOf(spec.scaleTargetRef, { group: 'apps', kind: 'Deployment' }),
    min: typeof spec.minReplicaCount === 'number' ? spec.minReplicaCount : 0,
    max: typeof spec.maxReplicaCount === 'number' ? spec.maxReplicaCount : 100,
    signals,
  };
}
