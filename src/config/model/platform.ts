// Environment-wide platform settings: mesh, monitoring, priority classes, overprovisioning, multi-cluster.
import { Type } from '@sinclair/typebox';
import { PROMETHEUS_DURATION_PATTERN } from '../duration.js';
import { DEFAULT_TRUST_DOMAIN } from '../mesh-cluster.js';
import { WeightedClustersSchema } from './app.js';
import { Image, Name, Obj, Opt, Quantity, ResourceList, StringMap } from './common.js';

/** A Prometheus duration (retention, intervals, alert `for`), e.g. 30s, 15d, 1h30m. */
const PromDuration = (fallback: string, description?: string) =>
  Type.String({ pattern: PROMETHEUS_DURATION_PATTERN, default: fallback, description });

export const MeshSchema = Obj(
  {
    enabled: Type.Boolean({
      default: false,
      description: 'render Istio objects (Gateway, PeerAuthentication, routing) and label app namespaces for sidecar injection',
    }),
    mtls: Type.Union([Type.Literal('STRICT'), Type.Literal('PERMISSIVE'), Type.Literal('DISABLE')], {
      default: 'STRICT',
      description: 'mesh-wide PeerAuthentication mode (in the root namespace istio-system)',
    }),
    cni: Type.Boolean({
      default: true,
      description:
        "Istio CNI node agent (istio-cni) redirects the sidecars' traffic instead of the istio-init container, which needs NET_ADMIN and NET_RAW: namespaces enforcing Pod Security baseline or restricted need it",
    }),
    revision: Opt(
      Type.String({ minLength: 1, description: 'istiod revision: namespaces get istio.io/rev=<revision> instead of istio-injection=enabled' }),
    ),
    gateway: Opt(
      Obj(
        {
          name: Name,
          namespace: Type.String({ default: 'istio-system', description: 'namespace of the Gateway object (where the ingress gateway runs)' }),
          selector: Type.Record(Type.String(), Type.String(), {
            default: { istio: 'ingressgateway' },
            description: 'labels of the ingress gateway pods',
          }),
          hosts: Type.Array(Type.String({ minLength: 1 }), {
            minItems: 1,
            description: 'hosts the gateway serves; "*.example.com" matches any subdomain',
          }),
          httpPort: Type.Integer({ minimum: 1, maximum: 65535, default: 80, description: 'port of the plain-HTTP server' }),
          httpsPort: Type.Integer({ minimum: 1, maximum: 65535, default: 443, description: 'port of the HTTPS server (with tls)' }),
          tls: Opt(
            Obj(
              {
                credentialName: Type.String({ minLength: 1, description: 'name of the Secret holding the certificate (in the gateway namespace)' }),
                httpsRedirect: Type.Boolean({ default: true, description: 'answer plain HTTP with a redirect to HTTPS' }),
                minProtocolVersion: Type.Union([Type.Literal('TLSV1_2'), Type.Literal('TLSV1_3')], {
                  default: 'TLSV1_2',
                  description: 'lowest TLS version the HTTPS server accepts',
                }),
              },
              { description: 'serve HTTPS on httpsPort too, terminating TLS at the gateway (without tls: plain HTTP only)' },
            ),
          ),
        },
        { description: 'the environment ingress Gateway that routed apps attach to' },
      ),
    ),
    multiCluster: Opt(
      Obj(
        {
          meshId: Type.String({ minLength: 1, description: 'mesh ID shared by the clusters of the mesh (istiod global.meshID)' }),
          network: Type.String({ minLength: 1, description: "this cluster's network name: label topology.istio.io/network on istio-system" }),
          clusterName: Opt(
            Type.String({
              pattern: Name.pattern,
              maxLength: 63,
              description: 'istiod global.multiCluster.clusterName, unique in the mesh, a DNS label (default: cluster.name)',
            }),
          ),
          trustDomain: Type.String({
            minLength: 1,
            default: DEFAULT_TRUST_DOMAIN,
            description: "istiod meshConfig.trustDomain: the SPIFFE trust domain of the workloads' identities, the same in every cluster of the mesh",
          }),
          remoteSecrets: Type.Array(
            Obj({
              cluster: Type.String({
                pattern: Name.pattern,
                maxLength: 63,
                description: 'the other cluster (its clusterName) whose API server istiod watches for endpoints',
              }),
              name: Opt(
                Type.String({
                  pattern: Name.pattern,
                  maxLength: 253,
                  description: 'the Secret in istio-system (default: istio-remote-secret-<cluster>, as istioctl names it)',
                }),
              ),
            }),
            {
              default: [],
              description:
                'remote secrets of the other clusters of the mesh, created with `istioctl create-remote-secret` (they hold credentials: never rendered, only referenced)',
            },
          ),
          eastWestGateway: Type.Boolean({
            default: true,
            description: 'render the cross-network Gateway (AUTO_PASSTHROUGH on 15443) for the east-west gateway',
          }),
          eastWestSelector: Type.Record(Type.String(), Type.String(), {
            default: { istio: 'eastwestgateway' },
            description: 'labels of the east-west gateway pods',
          }),
          eastWestPort: Type.Integer({ minimum: 1, maximum: 65535, default: 15443, description: 'the east-west gateway TLS port' }),
        },
        { description: 'multi-network, multi-primary mesh membership (seed 002)' },
      ),
    ),
  },
  { default: {}, description: 'Istio service mesh: gateway, mTLS and sidecar injection (file 25-mesh; app routing in 40-routing)' },
);

export const MonitoringSchema = Obj(
  {
    enabled: Type.Boolean({ default: false, description: 'render the Prometheus, monitors and alert rules (prometheus-operator must be installed)' }),
    namespace: Type.String({ pattern: Name.pattern, maxLength: 63, default: 'monitoring', description: 'namespace of the Prometheus and its rules' }),
    selectorLabels: Type.Record(Type.String(), Type.String(), {
      default: { release: 'prometheus' },
      minProperties: 1,
      description: 'labels every rendered monitor and rule carries; the Prometheus selects monitors and rules by them',
    }),
    prometheus: Type.Object(
      {
        name: Type.String({
          default: 'prometheus',
          description: 'name of the Prometheus object and its ServiceAccount (ClusterRole <namespace>-<name>)',
        }),
        replicas: Type.Integer({ minimum: 1, default: 1, description: 'Prometheus pods, each scraping every target (1 = no high availability)' }),
        retention: PromDuration('15d', 'how long samples are kept in the TSDB, a Prometheus duration, e.g. 15d'),
        scrapeInterval: PromDuration('30s', 'how often every target is scraped, a Prometheus duration, e.g. 30s'),
        evaluationInterval: PromDuration('30s', 'how often recording and alerting rules are evaluated, a Prometheus duration, e.g. 30s'),
        resources: Opt(
          Obj(
            {
              requests: Opt({
                ...ResourceList,
                description: 'cpu and memory the Prometheus container requests, Kubernetes quantities, e.g. 500m, 2Gi',
              }),
              limits: Opt({
                ...ResourceList,
                description: 'most cpu and memory the Prometheus container may use, Kubernetes quantities, e.g. 2, 4Gi',
              }),
            },
            { description: 'requests and limits of the Prometheus container (default: none)' },
          ),
        ),
        storage: Type.Object(
          {
            enabled: Type.Boolean({ default: true, description: 'keep the TSDB on a PersistentVolumeClaim (false: emptyDir, lost on restart)' }),
            size: Quantity,
            storageClassName: Opt(
              Type.String({ minLength: 1, description: "StorageClass of the TSDB volume claim (default: the cluster's default StorageClass)" }),
            ),
          },
          {
            additionalProperties: false,
            default: { size: '50Gi', enabled: true },
            description: 'the TSDB volume: a ReadWriteOnce PersistentVolumeClaim of size (a Kubernetes quantity, e.g. 50Gi) per pod',
          },
        ),
      },
      {
        additionalProperties: false,
        default: {},
        description: 'the Prometheus object prometheus-operator runs, with its ServiceAccount and read-only discovery RBAC',
      },
    ),
    istioMetrics: Type.Boolean({ default: true, description: 'PodMonitor for Envoy sidecars and ServiceMonitor for istiod when the mesh is on' }),
    alerts: Type.Object(
      {
        enabled: Type.Boolean({
          default: true,
          description: 'render the autoscaling-alerts PrometheusRule (WorkloadAtMaxReplicas, PodsPendingTooLong, TargetDown, ...)',
        }),
        atMaxReplicasFor: PromDuration('15m', 'how long a workload may run at its maximum replicas before WorkloadAtMaxReplicas fires'),
        podsPendingFor: PromDuration('10m', 'how long a pod may stay Pending (nodes cannot be provisioned) before PodsPendingTooLong fires'),
        scalerErrorsFor: PromDuration('5m', 'how long KEDA scaler errors or an HPA without metrics may last before firing'),
        targetDownFor: PromDuration('5m', 'how long a scrape target may be down before TargetDown fires'),
      },
      { additionalProperties: false, default: {}, description: 'the autoscaling alert rules and how long each condition lasts before it fires' },
    ),
  },
  { default: {}, description: 'Prometheus monitoring with prometheus-operator: the Prometheus, monitors and alert rules (file 20-monitoring)' },
);

export const PriorityClassSchema = Obj({
  name: Name,
  value: Type.Integer({
    minimum: -2147483648,
    maximum: 1000000000,
    description:
      'priority of the pods of the class: higher is scheduled first and may preempt lower (above 1000000000 is reserved for system classes)',
  }),
  description: Opt(Type.String({ description: 'free text kept in the PriorityClass description field' })),
  preemptionPolicy: Type.Union([Type.Literal('PreemptLowerPriority'), Type.Literal('Never')], {
    default: 'PreemptLowerPriority',
    description: 'PreemptLowerPriority: pending pods of the class may evict lower-priority pods; Never: they wait in the queue',
  }),
  globalDefault: Type.Boolean({ default: false, description: 'the class of pods without a priorityClassName (at most one class)' }),
});

export const OverprovisioningSchema = Obj(
  {
    enabled: Type.Boolean({ default: false, description: 'render the placeholder PriorityClass and Deployment (file 15-overprovisioning)' }),
    namespace: Type.String({ default: 'overprovisioning', description: 'namespace of the placeholder Deployment (00-namespaces creates it)' }),
    replicas: Type.Integer({ minimum: 0, default: 1, description: 'placeholder pods, each requesting (and limited to) cpu and memory' }),
    cpu: Quantity,
    memory: Quantity,
    priorityValue: Type.Integer({ maximum: -1, default: -1, description: 'priority of the placeholder pods (negative)' }),
    image: Image('image of the placeholder pods', { default: 'registry.k8s.io/pause:3.9' }),
    nodeSelector: Opt({ ...StringMap, description: 'node labels the placeholder pods require' }),
    pools: Opt(
      Type.Array(Name, {
        minItems: 1,
        description: "Karpenter pools the placeholders keep warm: they land only on those pools' nodes (and tolerate their taints)",
      }),
    ),
  },
  {
    default: { cpu: '1', memory: '1Gi' },
    description: 'spare node capacity: pause pods at a negative priority that any real workload preempts, so nodes stay warm',
  },
);

export const MulticlusterSchema = Obj(
  {
    karmada: Type.Boolean({
      default: false,
      description: 'this environment is a Karmada control plane: render a PropagationPolicy (and OverridePolicy) per app with a placement',
    }),
    clusters: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'member clusters registered with Karmada; when set, placements may only name these',
    }),
    placement: Opt(
      Obj(
        { clusters: WeightedClustersSchema },
        { description: 'default placement of every deployment app without its own placement (needs karmada)' },
      ),
    ),
    apiServer: Type.String({
      minLength: 1,
      default: 'karmada-apiserver',
      description:
        'Argo CD cluster name of the Karmada API server: the Application of the placed objects (policies, their resource templates, namespaces) targets it by name',
    }),
    kubeConfigSecret: Type.String({
      minLength: 1,
      default: 'karmada-kubeconfig',
      description:
        'Flux: Secret (in the Flux namespace) with the kubeconfig of the Karmada API server, the kubeConfig.secretRef of the Kustomization of the placed objects',
    }),
  },
  { default: {}, description: 'Karmada multi-cluster placement of the apps (file 45-multicluster)' },
);
