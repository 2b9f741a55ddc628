// One application: its workload, service, routing, metrics, autoscaling and placement.
import { Type } from '@sinclair/typebox';
import { AutoscalingSchema } from './autoscaling.js';
import { Duration, Image, Name, Obj, Opt, ResourceList, StringMap } from './common.js';
import { PodSecurityLevel } from './pod-security.js';

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
  // Kubernetes bounds only the whole object (etcd's 1.5 MiB request limit); 32 KiB is more than any real value
  Type.String({ maxLength: 32768 }),
  Obj({ secretKeyRef: Obj({ name: Name, key: Type.String({ minLength: 1 }) }) }),
  Obj({ configMapKeyRef: Obj({ name: Name, key: Type.String({ minLength: 1 }) }) }),
]);

const RoutingSchema = Obj(
  {
    hosts: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'hosts routed to this app through the gateway' }),
    gateway: Opt(
      Type.String({
        pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-.a-z0-9]*[a-z0-9])?$',
        description: 'gateway as name or namespace/name (default: the environment gateway mesh.gateway)',
      }),
    ),
    pathPrefix: Type.String({ pattern: '^/', default: '/', description: 'URI prefix routed to the app' }),
    timeout: Opt(Type.String({ pattern: Duration.pattern, description: 'request timeout, e.g. 10s (Istio default: none)' })),
    retries: Opt(
      Obj({
        attempts: Type.Integer({ minimum: 0, description: 'retries per request (0 disables retries)' }),
        perTryTimeout: Opt(Type.String({ pattern: Duration.pattern })),
        retryOn: Opt(Type.String({ pattern: '^[-a-z0-9]+(,[-a-z0-9]+)*$', description: 'Envoy retry conditions, e.g. "5xx,connect-failure"' })),
      }),
    ),
    canary: Opt(
      Obj(
        {
          image: Image('image of the canary Deployment <app>-canary (pod label version=canary)'),
          weight: Type.Integer({ minimum: 0, maximum: 100, description: 'percent of requests sent to the canary' }),
        },
        { description: 'weighted canary release through DestinationRule subsets stable/canary' },
      ),
    ),
    outlierDetection: Type.Object(
      {
        enabled: Type.Boolean({ default: true, description: 'eject pods that keep failing from the load-balancing pool' }),
        consecutive5xxErrors: Type.Integer({ minimum: 1, default: 5 }),
        interval: Type.String({ pattern: Duration.pattern, default: '10s' }),
        baseEjectionTime: Type.String({ pattern: Duration.pattern, default: '30s' }),
        maxEjectionPercent: Type.Integer({ minimum: 0, maximum: 100, default: 50 }),
      },
      { additionalProperties: false, default: {}, description: 'health-aware load balancing in the DestinationRule' },
    ),
  },
  { description: 'Istio routing: VirtualService and DestinationRule (needs mesh.enabled)' },
);

/** Member clusters with static weights: replicas are divided in proportion (seed 002: us 2 / ap 1 / eu 2). */
export const WeightedClustersSchema = Type.Array(
  Obj({
    name: Type.String({ minLength: 1, description: 'Karmada member cluster name' }),
    weight: Type.Integer({ minimum: 1, default: 1, description: 'static weight: replicas are divided in proportion' }),
  }),
  { minItems: 1 },
);

const PlacementSchema = Obj(
  {
    clusters: WeightedClustersSchema,
    overrides: Opt(
      Type.Array(
        Obj({
          cluster: Type.String({ minLength: 1, description: 'one of placement.clusters' }),
          image: Opt(Image('image of the app container in that cluster')),
          replicas: Opt(Type.Integer({ minimum: 0, description: 'replicas in that cluster (instead of the weighted share); not with autoscaling' })),
          minReplicas: Opt(
            Type.Integer({ minimum: 0, description: "autoscaling.minReplicas in that cluster (engine keda: that member's ScaledObject)" }),
          ),
          maxReplicas: Opt(
            Type.Integer({ minimum: 1, description: "autoscaling.maxReplicas in that cluster (engine keda: that member's ScaledObject)" }),
          ),
        }),
        { minItems: 1 },
      ),
    ),
  },
  { description: 'Karmada PropagationPolicy (static weighted) and OverridePolicy (needs multicluster.karmada)' },
);

export const KnativeSchema = Obj(
  {
    class: Type.Union([Type.Literal('kpa.autoscaling.knative.dev'), Type.Literal('hpa.autoscaling.knative.dev')], {
      default: 'kpa.autoscaling.knative.dev',
    }),
    metric: Type.Union([Type.Literal('concurrency'), Type.Literal('rps'), Type.Literal('cpu'), Type.Literal('memory')], {
      default: 'concurrency',
      description: 'kpa: concurrency or rps; hpa: cpu or memory',
    }),
    target: Type.Number({ exclusiveMinimum: 0, default: 100, description: 'target value of the metric per replica' }),
    minScale: Type.Integer({ minimum: 0, default: 0, description: 'minimum replicas (0 = scale to zero)' }),
    maxScale: Type.Integer({ minimum: 0, default: 10, description: 'maximum replicas (0 = unlimited)' }),
    containerConcurrency: Opt(
      Type.Integer({ minimum: 0, maximum: 1000, description: 'hard limit of concurrent requests per replica (0 = unlimited)' }),
    ),
  },
  { description: 'Knative Service autoscaling (kind: knative)' },
);

export const AppSchema = Obj({
  name: Name,
  namespace: Opt(Name),
  kind: Type.Union([Type.Literal('deployment'), Type.Literal('knative')], { default: 'deployment' }),
  image: Image('container image with tag or digest'),
  port: Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.Literal('none')], {
    default: 8080,
    description:
      'port the container listens on; "none" for a container that listens on nothing (no container port, no Service, no default startup probe)',
  }),
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
      runAsUser: Opt(
        Type.Integer({
          minimum: 0,
          description: 'numeric uid: needed with runAsNonRoot when the image names its user (e.g. `USER app`), which the kubelet cannot check',
        }),
      ),
      runAsGroup: Opt(Type.Integer({ minimum: 0, description: 'numeric gid of the container process' })),
      fsGroup: Opt(Type.Integer({ minimum: 0, description: 'gid that owns mounted volumes (pod level)' })),
    },
    { additionalProperties: false, default: {} },
  ),
  podSecurity: Opt(
    PodSecurityLevel({
      description: "Pod Security level of the app's namespace (default: podSecurity.enforce); apps sharing a namespace set the same",
    }),
  ),
  terminationGracePeriodSeconds: Opt(Type.Integer({ minimum: 0, description: 'seconds a pod gets to stop after SIGTERM (Kubernetes default 30)' })),
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
