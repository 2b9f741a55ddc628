// Pod autoscaling of one app: KEDA ScaledObject or autoscaling/v2 HPA, from one list of triggers.
import { Type } from '@sinclair/typebox';
import { Duration, Name, Obj, Opt, Quantity } from './common.js';

const Utilization = Type.Integer({ minimum: 1, maximum: 1000, description: 'target average utilization, percent of requests' });

export const CpuTriggerSchema = Obj({
  type: Type.Literal('cpu'),
  utilization: Opt(Utilization),
  averageValue: Opt(Quantity),
});

export const MemoryTriggerSchema = Obj({
  type: Type.Literal('memory'),
  utilization: Opt(Utilization),
  averageValue: Opt(Quantity),
});

export const PrometheusTriggerSchema = Obj({
  type: Type.Literal('prometheus'),
  name: Opt(Name),
  query: Type.String({ minLength: 1, description: 'PromQL returning one number' }),
  threshold: Type.Number({ exclusiveMinimum: 0, description: 'target value per replica' }),
  activationThreshold: Opt(Type.Number({ minimum: 0, description: 'scale from zero above this value' })),
  metricType: Opt(Type.Union([Type.Literal('AverageValue'), Type.Literal('Value')], { description: 'KEDA metricType' })),
  serverAddress: Opt(Type.String({ description: 'Prometheus URL (default: the environment Prometheus service)' })),
  authSecret: Opt(Name),
});

export const CronTriggerSchema = Obj({
  type: Type.Literal('cron'),
  timezone: Type.String({ default: 'Etc/UTC', description: 'IANA time zone' }),
  start: Type.String({ minLength: 1, description: 'cron expression, e.g. "0 8 * * 1-5"' }),
  end: Type.String({ minLength: 1, description: 'cron expression' }),
  desiredReplicas: Type.Integer({ minimum: 1 }),
});

export const PodsMetricTriggerSchema = Obj({
  type: Type.Literal('pods'),
  metric: Type.String({ pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$', description: 'metric the HPA asks for, e.g. http_requests_per_second' }),
  averageValue: Quantity,
  seriesQuery: Type.String({ minLength: 1, description: 'prometheus-adapter seriesQuery, e.g. http_requests_total{namespace!="",pod!=""}' }),
  metricsQuery: Opt(Type.String({ description: 'prometheus-adapter metricsQuery (default: rate over 2m summed by <<.GroupBy>>)' })),
});

export const TriggerSchema = Type.Union(
  [CpuTriggerSchema, MemoryTriggerSchema, PrometheusTriggerSchema, CronTriggerSchema, PodsMetricTriggerSchema],
  { description: 'a scaling signal: cpu | memory | prometheus | cron (keda) | pods (hpa via prometheus-adapter)' },
);

const ScalingPolicy = Obj({
  type: Type.Union([Type.Literal('Pods'), Type.Literal('Percent')]),
  value: Type.Integer({ minimum: 1 }),
  periodSeconds: Type.Integer({ minimum: 1, maximum: 1800 }),
});

const ScalingRules = Obj({
  stabilizationWindowSeconds: Opt(Type.Integer({ minimum: 0, maximum: 3600 })),
  selectPolicy: Opt(Type.Union([Type.Literal('Max'), Type.Literal('Min'), Type.Literal('Disabled')])),
  policies: Opt(Type.Array(ScalingPolicy, { minItems: 1 })),
});

export const AutoscalingSchema = Obj(
  {
    engine: Type.Union([Type.Literal('keda'), Type.Literal('hpa'), Type.Literal('none')], { default: 'none' }),
    minReplicas: Type.Integer({ minimum: 0, default: 1 }),
    maxReplicas: Type.Integer({ minimum: 1, default: 1 }),
    triggers: Type.Array(TriggerSchema, { default: [] }),
    pollingInterval: Opt(Type.Integer({ minimum: 1, description: 'keda: seconds between trigger checks (KEDA default 30)' })),
    cooldownPeriod: Opt(Type.Integer({ minimum: 0, description: 'keda: seconds after the last active trigger before scaling to zero (KEDA default 300)' })),
    idleReplicaCount: Opt(Type.Integer({ minimum: 0, description: 'keda: replicas when no trigger is active (0 = scale to zero)' })),
    fallback: Opt(Obj({ failureThreshold: Type.Integer({ minimum: 1 }), replicas: Type.Integer({ minimum: 1 }) })),
    behavior: Opt(Obj({ scaleUp: Opt(ScalingRules), scaleDown: Opt(ScalingRules) })),
    pollingTimeout: Opt(Duration),
  },
  { description: 'pod autoscaling', default: {} },
);
