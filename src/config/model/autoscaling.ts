// Pod autoscaling of one app: KEDA ScaledObject or autoscaling/v2 HPA, from one list of triggers.
import { Type } from '@sinclair/typebox';
import { Name, Obj, Opt, PROMQL_MAX_LENGTH, Quantity } from './common.js';

const Utilization = Type.Integer({ minimum: 1, maximum: 1000, description: 'target average utilization, percent of the container requests' });

export const CpuTriggerSchema = Obj(
  {
    type: Type.Literal('cpu', { description: 'trigger type' }),
    utilization: Opt(Utilization),
    averageValue: Opt(Quantity),
  },
  { description: 'cpu of the pods (keda, hpa): exactly one of utilization or averageValue' },
);

export const MemoryTriggerSchema = Obj(
  {
    type: Type.Literal('memory', { description: 'trigger type' }),
    utilization: Opt(Utilization),
    averageValue: Opt(Quantity),
  },
  { description: 'memory of the pods (keda, hpa): exactly one of utilization or averageValue' },
);

export const PrometheusTriggerSchema = Obj(
  {
    type: Type.Literal('prometheus', { description: 'trigger type' }),
    name: Opt(Name),
    query: Type.String({ minLength: 1, maxLength: PROMQL_MAX_LENGTH, description: 'PromQL returning one number' }),
    threshold: Type.Number({ exclusiveMinimum: 0, description: 'target value per replica' }),
    activationThreshold: Opt(Type.Number({ minimum: 0, description: 'scale from zero above this value' })),
    metricType: Opt(
      Type.Union([Type.Literal('AverageValue'), Type.Literal('Value')], { description: 'KEDA metricType (KEDA default: AverageValue)' }),
    ),
    serverAddress: Opt(Type.String({ pattern: '^https?://', description: 'Prometheus URL (default: the environment Prometheus service)' })),
    authSecret: Opt(
      Type.String({
        pattern: Name.pattern,
        maxLength: 63,
        description: 'name of the Secret (in the app namespace) holding the credentials: key "token" (bearer) or "username" and "password" (basic)',
      }),
    ),
    authMode: Type.Union([Type.Literal('bearer'), Type.Literal('basic')], {
      default: 'bearer',
      description: 'how authSecret authenticates to Prometheus',
    }),
  },
  { description: 'a Prometheus query (keda)' },
);

export const CronTriggerSchema = Obj(
  {
    type: Type.Literal('cron', { description: 'trigger type' }),
    timezone: Type.String({ default: 'Etc/UTC', description: 'IANA time zone, e.g. Europe/Paris' }),
    start: Type.String({ minLength: 1, description: 'cron expression (5 fields), e.g. "0 8 * * 1-5"' }),
    end: Type.String({ minLength: 1, description: 'cron expression (5 fields), e.g. "0 20 * * 1-5"' }),
    desiredReplicas: Type.Integer({ minimum: 1, description: 'replicas between start and end' }),
  },
  { description: 'a known peak (keda)' },
);

export const PodsMetricTriggerSchema = Obj(
  {
    type: Type.Literal('pods', { description: 'trigger type' }),
    metric: Type.String({
      pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$',
      description: 'metric the HPA asks for and the adapter serves, e.g. http_requests_per_second',
    }),
    averageValue: Quantity,
    seriesQuery: Type.String({
      maxLength: PROMQL_MAX_LENGTH,
      pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})?$',
      description: 'prometheus-adapter seriesQuery: a series name with optional label matchers, e.g. http_requests_total{namespace!="",pod!=""}',
    }),
    metricsQuery: Opt(
      Type.String({
        minLength: 1,
        maxLength: PROMQL_MAX_LENGTH,
        description: 'prometheus-adapter metricsQuery (default: sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>))',
      }),
    ),
    namespaceLabel: Type.String({ default: 'namespace', description: 'series label holding the namespace (resources.overrides)' }),
    podLabel: Type.String({ default: 'pod', description: 'series label holding the pod name (resources.overrides)' }),
  },
  { description: 'a custom per-pod metric served by prometheus-adapter (hpa)' },
);

export const TriggerSchema = Type.Union(
  [CpuTriggerSchema, MemoryTriggerSchema, PrometheusTriggerSchema, CronTriggerSchema, PodsMetricTriggerSchema],
  { description: 'a scaling signal: cpu | memory | prometheus | cron (keda) | pods (hpa via prometheus-adapter)' },
);

// HPAScalingRules and HPAScalingPolicy of autoscaling/v2 (k8s.io/api autoscaling/v2 types.go), with the API server's bounds
const ScalingPolicy = Obj({
  type: Type.Union([Type.Literal('Pods'), Type.Literal('Percent')], {
    description: 'change by a number of pods or a percent of the current replicas',
  }),
  value: Type.Integer({ minimum: 1, description: 'how many pods, or what percent, may be added or removed per period' }),
  periodSeconds: Type.Integer({ minimum: 1, maximum: 1800, description: 'the window the value applies to' }),
});

const ScalingRules = (description: string) =>
  Obj(
    {
      stabilizationWindowSeconds: Opt(
        Type.Integer({ minimum: 0, maximum: 3600, description: 'past recommendations considered before scaling (seconds)' }),
      ),
      selectPolicy: Opt(
        Type.Union([Type.Literal('Max'), Type.Literal('Min'), Type.Literal('Disabled')], {
          description: 'which policy applies when several do: the largest change, the smallest, or none (no scaling in this direction)',
        }),
      ),
      policies: Opt(Type.Array(ScalingPolicy, { minItems: 1, description: 'the changes allowed per period' })),
    },
    { description },
  );

export const AutoscalingSchema = Obj(
  {
    engine: Type.Union([Type.Literal('keda'), Type.Literal('hpa'), Type.Literal('none')], {
      default: 'none',
      description: 'keda: ScaledObject; hpa: autoscaling/v2 HPA; none: fixed replicas',
    }),
    minReplicas: Type.Integer({ minimum: 0, default: 1, description: 'lowest replica count (0 needs keda and a trigger other than cpu/memory)' }),
    maxReplicas: Type.Integer({ minimum: 1, default: 1, description: 'highest replica count' }),
    triggers: Type.Array(TriggerSchema, { default: [], description: 'the scaling signals; the highest desired replica count wins' }),
    pollingInterval: Opt(Type.Integer({ minimum: 1, description: 'keda: seconds between trigger checks (KEDA default 30)' })),
    cooldownPeriod: Opt(
      Type.Integer({ minimum: 0, description: 'keda: seconds after the last active trigger before scaling to zero (KEDA default 300)' }),
    ),
    idleReplicaCount: Opt(
      Type.Integer({ minimum: 0, description: 'keda: replicas when no trigger is active (0 = scale to zero); must be < minReplicas' }),
    ),
    fallback: Opt(
      Obj(
        {
          failureThreshold: Type.Integer({ minimum: 1, description: 'failed checks of a trigger before the fallback replicas apply' }),
          replicas: Type.Integer({ minimum: 1, description: 'replicas while the trigger keeps failing' }),
        },
        { description: 'keda: replicas after failureThreshold failed trigger checks (not with cpu/memory or Value triggers)' },
      ),
    ),
    behavior: Opt(
      Obj(
        {
          scaleUp: Opt(ScalingRules('how fast replicas are added')),
          scaleDown: Opt(ScalingRules('how fast replicas are removed')),
        },
        { description: 'HPA behavior (keda: advanced.horizontalPodAutoscalerConfig.behavior)' },
      ),
    ),
  },
  { description: 'pod autoscaling', default: {} },
);
