// Environment-wide platform settings: mesh, monitoring, priority classes, overprovisioning, multi-cluster.
import { Type } from '@sinclair/typebox';
import { Duration, Name, Obj, Opt, Quantity, ResourceList, StringMap } from './common.js';

export const MeshSchema = Obj(
  {
    enabled: Type.Boolean({ default: false }),
    mtls: Type.Union([Type.Literal('STRICT'), Type.Literal('PERMISSIVE'), Type.Literal('DISABLE')], { default: 'STRICT' }),
    revision: Opt(Name),
    gateway: Opt(
      Obj({
        name: Name,
        namespace: Type.String({ default: 'istio-system' }),
        selector: Type.Record(Type.String(), Type.String(), { default: { istio: 'ingressgateway' } }),
        hosts: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        tls: Opt(Obj({ credentialName: Type.String({ minLength: 1, description: 'name of the Secret holding the certificate' }), httpsRedirect: Type.Boolean({ default: true }) })),
      }),
    ),
    multiCluster: Opt(
      Obj({
        meshId: Type.String({ minLength: 1 }),
        network: Type.String({ minLength: 1, description: 'this cluster\'s network name (topology.istio.io/network)' }),
        clusterName: Opt(Type.String({ minLength: 1 })),
        eastWestGateway: Type.Boolean({ default: true }),
      }),
    ),
  },
  { default: {} },
);

export const MonitoringSchema = Obj(
  {
    enabled: Type.Boolean({ default: false }),
    namespace: Name,
    prometheus: Type.Object(
      {
        name: Type.String({ default: 'prometheus' }),
        replicas: Type.Integer({ minimum: 1, default: 1 }),
        retention: Type.String({ default: '15d' }),
        scrapeInterval: Type.String({ default: '30s' }),
        resources: Opt(Obj({ requests: Opt(ResourceList), limits: Opt(ResourceList) })),
        storage: Type.Object(
          { size: Quantity, storageClassName: Opt(Type.String()), enabled: Type.Boolean({ default: true }) },
          { additionalProperties: false, default: { size: '50Gi', enabled: true } },
        ),
      },
      { additionalProperties: false, default: {} },
    ),
    istioMetrics: Type.Boolean({ default: true, description: 'PodMonitor for Envoy sidecars and ServiceMonitor for istiod when the mesh is on' }),
    alerts: Type.Object(
      {
        enabled: Type.Boolean({ default: true }),
        atMaxReplicasFor: Duration,
        podsPendingFor: Duration,
      },
      { additionalProperties: false, default: { enabled: true, atMaxReplicasFor: '15m', podsPendingFor: '10m' } },
    ),
  },
  { default: { namespace: 'monitoring' } },
);

export const PriorityClassSchema = Obj({
  name: Name,
  value: Type.Integer({ minimum: -2147483648, maximum: 1000000000 }),
  description: Opt(Type.String()),
  preemptionPolicy: Type.Union([Type.Literal('PreemptLowerPriority'), Type.Literal('Never')], { default: 'PreemptLowerPriority' }),
  globalDefault: Type.Boolean({ default: false }),
});

export const OverprovisioningSchema = Obj(
  {
    enabled: Type.Boolean({ default: false }),
    namespace: Type.String({ default: 'overprovisioning' }),
    replicas: Type.Integer({ minimum: 0, default: 1 }),
    cpu: Quantity,
    memory: Quantity,
    priorityValue: Type.Integer({ maximum: -1, default: -1, description: 'priority of the placeholder pods (negative)' }),
    image: Type.String({ default: 'registry.k8s.io/pause:3.9' }),
    nodeSelector: Opt(StringMap),
  },
  { default: { cpu: '1', memory: '1Gi' } },
);

export const MulticlusterSchema = Obj(
  {
    karmada: Type.Boolean({ default: false, description: 'render Karmada policies for apps with a placement' }),
  },
  { default: {} },
);
