// One application: its workload, service, routing, metrics, autoscaling and placement.
import { Type } from '@sinclair/typebox';
import { AutoscalingSchema } from './autoscaling.js';
import { Duration, Image, Name, Obj, Opt, ResourceList, StringMap } from './common.js';
import { PodSecurityLevel } from './pod-security.js';

// One handler (http, tcp or exec) and the timing fields of a Kubernetes Probe (k8s.io/api core/v1 types.go)
const ProbePort = Type.Integer({ minimum: 1, maximum: 65535, description: 'port to probe (default: the app port)' });
const ProbeSchema = (description: string) =>
  Obj(
    {
      http: Opt(Obj({ path: Type.String({ default: '/', description: 'HTTP path' }), port: Opt(ProbePort) }, { description: 'an HTTP GET' })),
      tcp: Opt(Obj({ port: Opt(ProbePort) }, { description: 'a TCP connection' })),
      exec: Opt(
        Obj(
          { command: Type.Array(Type.String(), { minItems: 1, description: 'command and arguments' }) },
          { description: 'a command in the container' },
        ),
      ),
      initialDelaySeconds: Opt(Type.Integer({ minimum: 0, description: 'seconds after the container started before the first probe' })),
      periodSeconds: Opt(Type.Integer({ minimum: 1, description: 'seconds between probes (Kubernetes default 10)' })),
      timeoutSeconds: Opt(Type.Integer({ minimum: 1, description: 'seconds before a probe times out (Kubernetes default 1)' })),
      failureThreshold: Opt(Type.Integer({ minimum: 1, description: 'consecutive failures that count as failed (Kubernetes default 3)' })),
      successThreshold: Opt(Type.Integer({ minimum: 1, description: 'consecutive successes that count as succeeded (1 for liveness and startup)' })),
    },
    { description },
  );

const EnvValue = Type.Union(
  [
    // Kubernetes bounds only the whole object (etcd's 1.5 MiB request limit); 32 KiB is more than any real value
    Type.String({ maxLength: 32768 }),
    Obj({
      secretKeyRef: Obj({ name: Name, key: Type.String({ minLength: 1, description: 'key in the Secret' }) }, { description: 'a key of a Secret' }),
    }),
    Obj({
      configMapKeyRef: Obj(
        { name: Name, key: Type.String({ minLength: 1, description: 'key in the ConfigMap' }) },
        { description: 'a key of a ConfigMap' },
      ),
    }),
  ],
  { description: 'value of the variable: a string, or secretKeyRef / configMapKeyRef naming a key of a Secret or ConfigMap' },
);

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
      Obj(
        {
          attempts: Type.Integer({ minimum: 0, description: 'retries per request (0 disables retries)' }),
          perTryTimeout: Opt(Type.String({ pattern: Duration.pattern, description: 'timeout of each attempt, at most timeout' })),
          retryOn: Opt(Type.String({ pattern: '^[-a-z0-9]+(,[-a-z0-9]+)*$', description: 'Envoy retry conditions, e.g. "5xx,connect-failure"' })),
        },
        { description: 'VirtualService retries' },
      ),
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
        consecutive5xxErrors: Type.Integer({ minimum: 1, default: 5, description: 'consecutive 5xx responses that eject a pod' }),
        interval: Type.String({ pattern: Duration.pattern, default: '10s', description: 'time between ejection sweeps' }),
        baseEjectionTime: Type.String({ pattern: Duration.pattern, default: '30s', description: 'how long a pod is ejected (longer each time)' }),
        maxEjectionPercent: Type.Integer({ minimum: 0, maximum: 100, default: 50, description: 'at most this percent of the pods ejected' }),
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
  { minItems: 1, description: 'Karmada member clusters the app goes to (PropagationPolicy), each with a static weight of its replicas' },
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
        {
          minItems: 1,
          description: 'per-cluster image, replicas or autoscaling bounds (OverridePolicies <app>-overrides and <app>-scaling-overrides)',
        },
      ),
    ),
  },
  { description: 'Karmada PropagationPolicy (static weighted) and OverridePolicy (needs multicluster.karmada)' },
);

export const KnativeSchema = Obj(
  {
    class: Type.Union([Type.Literal('kpa.autoscaling.knative.dev'), Type.Literal('hpa.autoscaling.knative.dev')], {
      default: 'kpa.autoscaling.knative.dev',
      description: 'annotation autoscaling.knative.dev/class: kpa (Knative Pod Autoscaler, can scale to zero) or hpa (an HPA on cpu or memory)',
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
  kind: Type.Union([Type.Literal('deployment'), Type.Literal('knative')], {
    default: 'deployment',
    description: 'deployment: Deployment, Service, PDB; knative: a Knative Service (50-serverless)',
  }),
  image: Image('container image with tag or digest'),
  port: Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.Literal('none')], {
    default: 8080,
    description:
      'port the container listens on; "none" for a container that listens on nothing (no container port, no Service, no default startup probe)',
  }),
  command: Opt(Type.Array(Type.String(), { description: "the container's command (default: the image's entrypoint)" })),
  args: Opt(Type.Array(Type.String(), { description: "the container's arguments (default: the image's)" })),
  replicas: Type.Integer({ minimum: 0, default: 1, description: 'replicas when not autoscaled' }),
  env: Opt(
    Type.Record(Type.String({ pattern: '^[-._a-zA-Z][-._a-zA-Z0-9]*$' }), EnvValue, {
      description: 'environment variables: a plain value, or secretKeyRef / configMapKeyRef (secret values are never written inline)',
    }),
  ),
  externalSecrets: Opt(
    Type.Array(Name, {
      uniqueItems: true,
      description:
        'Secrets of env secretKeyRef that something outside the rendered set creates (External Secrets Operator, Sealed Secrets, by hand): the convergence check notes them instead of warning that they are missing',
    }),
  ),
  resources: Opt(
    Obj(
      {
        requests: Opt({ ...ResourceList, description: 'cpu and memory the container requests, Kubernetes quantities, e.g. 250m, 512Mi' }),
        limits: Opt({ ...ResourceList, description: 'most cpu and memory the container may use, Kubernetes quantities, e.g. 1, 1Gi' }),
      },
      { description: 'container requests and limits, written exactly as given (utilization triggers need requests)' },
    ),
  ),
  probes: Opt(
    Obj(
      {
        liveness: Opt(ProbeSchema('restart the container when it fails')),
        readiness: Opt(ProbeSchema('take the pod out of its Service while it fails')),
        startup: Opt(ProbeSchema('hold the other probes until it succeeds')),
      },
      { description: 'container probes' },
    ),
  ),
  securityContext: Type.Object(
    {
      runAsNonRoot: Type.Boolean({ default: true, description: 'the kubelet refuses to start the container as root' }),
      readOnlyRootFilesystem: Type.Boolean({ default: true, description: "the container's root filesystem is read-only" }),
      allowPrivilegeEscalation: Type.Boolean({ default: false, description: 'whether a process may gain more privileges than its parent' }),
      runAsUser: Opt(
        Type.Integer({
          minimum: 0,
          description: 'numeric uid: needed with runAsNonRoot when the image names its user (e.g. `USER app`), which the kubelet cannot check',
        }),
      ),
      runAsGroup: Opt(Type.Integer({ minimum: 0, description: 'numeric gid of the container process' })),
      fsGroup: Opt(Type.Integer({ minimum: 0, description: 'gid that owns mounted volumes (pod level)' })),
    },
    {
      additionalProperties: false,
      default: {},
      description: 'security context of the container (restricted apps also get seccomp RuntimeDefault and drop ALL capabilities)',
    },
  ),
  podSecurity: Opt(
    PodSecurityLevel({
      description: "Pod Security level of the app's namespace (default: podSecurity.enforce); apps sharing a namespace set the same",
    }),
  ),
  terminationGracePeriodSeconds: Opt(Type.Integer({ minimum: 0, description: 'seconds a pod gets to stop after SIGTERM (Kubernetes default 30)' })),
  priorityClassName: Opt(
    Type.String({ minLength: 1, description: 'a PriorityClass of priorityClasses, or a built-in one (system-cluster-critical, ...)' }),
  ),
  nodeSelector: Opt({ ...StringMap, description: 'node labels the pods require' }),
  labels: Opt({ ...StringMap, description: 'extra labels of the pods' }),
  service: Type.Object(
    {
      enabled: Type.Boolean({ default: true, description: 'render a Service for the app port' }),
      port: Opt(Type.Integer({ minimum: 1, maximum: 65535, description: 'service port (default: the app port)' })),
      type: Type.Union([Type.Literal('ClusterIP'), Type.Literal('NodePort'), Type.Literal('LoadBalancer')], {
        default: 'ClusterIP',
        description: 'Service type',
      }),
    },
    { additionalProperties: false, default: {}, description: "the app's Service" },
  ),
  pdb: Type.Object(
    {
      enabled: Type.Boolean({ default: true, description: 'render a PodDisruptionBudget' }),
      maxUnavailable: Opt(
        Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]+%$' })], {
          description: 'pods that may be down during voluntary disruptions, a number or a percent (default 1)',
        }),
      ),
      minAvailable: Opt(
        Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]+%$' })], {
          description: 'pods that must stay available instead, a number or a percent',
        }),
      ),
    },
    { additionalProperties: false, default: {}, description: "the app's PodDisruptionBudget" },
  ),
  ingress: Opt(
    Obj(
      {
        host: Opt(Type.String({ description: 'host of the Ingress rule (default: any host)' })),
        path: Type.String({ default: '/', description: 'HTTP path routed to the app' }),
        pathType: Type.Union([Type.Literal('Prefix'), Type.Literal('Exact'), Type.Literal('ImplementationSpecific')], {
          default: 'Prefix',
          description: 'how the path matches',
        }),
        className: Opt(Type.String({ description: 'IngressClass, e.g. nginx' })),
      },
      { description: 'a Kubernetes Ingress to the app Service (routing is the Istio alternative)' },
    ),
  ),
  metrics: Opt(
    Obj(
      {
        port: Opt(Type.Integer({ minimum: 1, maximum: 65535, description: 'port serving the metrics (default: the app port)' })),
        path: Type.String({ default: '/metrics', description: 'HTTP path of the metrics' }),
        interval: Opt(Duration),
      },
      { description: 'Prometheus metrics of the app: a ServiceMonitor (or PodMonitor without a Service)' },
    ),
  ),
  routing: Opt(RoutingSchema),
  autoscaling: AutoscalingSchema,
  placement: Opt(PlacementSchema),
  knative: Opt(KnativeSchema),
});
