// One application: its workload, service, routing, metrics, autoscaling and placement.
import { Type } from '@sinclair/typebox';
import { AutoscalingSchema } from './autoscaling.js';
import { Duration, Name, Obj, Opt, ResourceList, StringMap } from './common.js';

const ProbeSchema = Obj({
  http: Opt(Obj({ path: Type.String({ default: '/' }), port: Opt(Type.Integer({ minimum: 1, maximum: 65535 })) })),
  tcp: Opt(Obj({ port: Opt(Type.Integer({ minimum: 1, maximum: 65535 })) })),
  exec: Opt(Obj({ command: Type.Array(Type.String(), { minItems: 1 }) })),
  initialDelaySeconds: Opt(Type.Integer({ minimum: 0 })),
  periodSeconds: Opt(Type.Integer({ minimum: 1 })),
  timeoutSeconds: Opt(Type.Integer({ minimum: 1 })),
  failureThreshold: Opt(Type.Integer({ minimum: 1 })),
  successThreshold: Opt(Type.Integer({ minimum: 1 })),
});

const EnvValue = Type.Union([
  Type.String(),
  Obj({ secretKeyRef: Obj({ name: Name, key: Type.String({ minLength: 1 }) }) }),
  Obj({ configMapKeyRef: Obj({ name: Name, key: Type.String({ minLength: 1 }) }) }),
]);

const RoutingSchema = Obj({
  hosts: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'hosts routed to this app through the environment gateway' }),
  gateway: Opt(Type.String({ description: 'gateway as name or namespace/name (default: the environment gateway)' })),
  pathPrefix: Type.String({ default: '/' }),
  timeout: Opt(Duration),
  retries: Opt(Obj({ attempts: Type.Integer({ minimum: 0 }), perTryTimeout: Opt(Duration), retryOn: Opt(Type.String()) })),
  canary: Opt(Obj({ image: Type.String({ minLength: 1 }), weight: Type.Integer({ minimum: 0, maximum: 100 }) })),
  outlierDetection: Opt(
    Obj({
      consecutive5xxErrors: Type.Integer({ minimum: 1, default: 5 }),
      interval: Type.String({ default: '10s' }),
      baseEjectionTime: Type.String({ default: '30s' }),
      maxEjectionPercent: Type.Integer({ minimum: 0, maximum: 100, default: 50 }),
    }),
  ),
});

const PlacementSchema = Obj({
  clusters: Type.Array(Obj({ name: Type.String({ minLength: 1 }), weight: Type.Integer({ minimum: 1, default: 1 }) }), { minItems: 1 }),
  overrides: Opt(
    Type.Array(
      Obj({
        cluster: Type.String({ minLength: 1 }),
        image: Opt(Type.String({ minLength: 1 })),
        replicas: Opt(Type.Integer({ minimum: 0 })),
      }),
    ),
  ),
});

const KnativeSchema = Obj({
  class: Type.Union([Type.Literal('kpa.autoscaling.knative.dev'), Type.Literal('hpa.autoscaling.knative.dev')], { default: 'kpa.autoscaling.knative.dev' }),
  metric: Type.Union([Type.Literal('concurrency'), Type.Literal('rps'), Type.Literal('cpu'), Type.Literal('memory')], { default: 'concurrency' }),
  target: Type.Number({ exclusiveMinimum: 0, default: 100 }),
  minScale: Type.Integer({ minimum: 0, default: 0 }),
  maxScale: Type.Integer({ minimum: 0, default: 10 }),
});

export const AppSchema = Obj({
  name: Name,
  namespace: Opt(Name),
  kind: Type.Union([Type.Literal('deployment'), Type.Literal('knative')], { default: 'deployment' }),
  image: Type.String({ minLength: 1, description: 'container image with tag or digest' }),
  port: Type.Integer({ minimum: 1, maximum: 65535, default: 8080 }),
  command: Opt(Type.Array(Type.String())),
  args: Opt(Type.Array(Type.String())),
  replicas: Type.Integer({ minimum: 0, default: 1, description: 'replicas when not autoscaled' }),
  env: Opt(Type.Record(Type.String({ pattern: '^[-._a-zA-Z][-._a-zA-Z0-9]*$' }), EnvValue)),
  resources: Opt(Obj({ requests: Opt(ResourceList), limits: Opt(ResourceList) })),
  probes: Opt(Obj({ liveness: Opt(ProbeSchema), readiness: Opt(ProbeSchema), startup: Opt(ProbeSchema) })),
  securityContext: Type.Object(
    {
      runAsNonRoot: Type.Boolean({ default: true }),
      readOnlyRootFilesystem: Type.Boolean({ default: true }),
      allowPrivilegeEscalation: Type.Boolean({ default: false }),
      runAsUser: Opt(Type.Integer({ minimum: 0 })),
    },
    { additionalProperties: false, default: {} },
  ),
  priorityClassName: Opt(Type.String({ minLength: 1 })),
  nodeSelector: Opt(StringMap),
  labels: Opt(StringMap),
  service: Type.Object(
    {
      enabled: Type.Boolean({ default: true }),
      port: Opt(Type.Integer({ minimum: 1, maximum: 65535, description: 'service port (default: the app port)' })),
      type: Type.Union([Type.Literal('ClusterIP'), Type.Literal('NodePort'), Type.Literal('LoadBalancer')], { default: 'ClusterIP' }),
    },
    { additionalProperties: false, default: {} },
  ),
  pdb: Type.Object(
    {
      enabled: Type.Boolean({ default: true }),
      maxUnavailable: Opt(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]+%$' })])),
      minAvailable: Opt(Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]+%$' })])),
    },
    { additionalProperties: false, default: {} },
  ),
  ingress: Opt(
    Obj({
      host: Opt(Type.String()),
      path: Type.String({ default: '/' }),
      pathType: Type.Union([Type.Literal('Prefix'), Type.Literal('Exact'), Type.Literal('ImplementationSpecific')], { default: 'Prefix' }),
      className: Opt(Type.String()),
    }),
  ),
  metrics: Opt(Obj({ port: Opt(Type.Integer({ minimum: 1, maximum: 65535 })), path: Type.String({ default: '/metrics' }), interval: Opt(Duration) })),
  routing: Opt(RoutingSchema),
  autoscaling: AutoscalingSchema,
  placement: Opt(PlacementSchema),
  knative: Opt(KnativeSchema),
});
