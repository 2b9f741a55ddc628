// Node autoscaling of an environment: Karpenter (v1 or v1alpha5), Cluster Autoscaler, or none.
import { Type } from '@sinclair/typebox';
import { Duration, Name, Obj, Opt, Quantity, ResourceList, StringMap } from './common.js';

const Taint = Obj({
  key: Type.String({ minLength: 1 }),
  value: Opt(Type.String()),
  effect: Type.Union([Type.Literal('NoSchedule'), Type.Literal('PreferNoSchedule'), Type.Literal('NoExecute')]),
});

export const NodePoolSchema = Obj({
  name: Name,
  capacityTypes: Type.Array(Type.Union([Type.Literal('on-demand'), Type.Literal('spot')]), { minItems: 1, default: ['on-demand'] }),
  instanceCategories: Opt(Type.Array(Type.String({ pattern: '^[a-z]+$' }), { minItems: 1 })),
  instanceFamilies: Opt(Type.Array(Type.String({ pattern: '^[a-z0-9-]+$' }), { minItems: 1 })),
  instanceTypes: Opt(Type.Array(Type.String({ pattern: '^[a-z0-9-]+\\.[a-z0-9]+$' }), { minItems: 1 })),
  architectures: Type.Array(Type.Union([Type.Literal('amd64'), Type.Literal('arm64')]), { minItems: 1, default: ['amd64'] }),
  zones: Opt(Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })),
  labels: Opt(StringMap),
  taints: Opt(Type.Array(Taint)),
  limits: Opt(ResourceList),
  weight: Opt(Type.Integer({ minimum: 1, maximum: 100 })),
  expireAfter: Type.String({ default: '720h', description: 'v1 expireAfter; v1alpha5 ttlSecondsUntilExpired' }),
  consolidation: Type.Object(
    {
      policy: Type.Union([Type.Literal('WhenEmpty'), Type.Literal('WhenEmptyOrUnderutilized')], { default: 'WhenEmptyOrUnderutilized' }),
      after: Type.String({ default: '1m', description: 'consolidateAfter (v1) / ttlSecondsAfterEmpty (v1alpha5, with WhenEmpty)' }),
      budgets: Opt(Type.Array(Obj({ nodes: Type.String({ pattern: '^((100|[0-9]{1,2})%|[0-9]+)$' }), schedule: Opt(Type.String()), duration: Opt(Duration) }))),
    },
    { additionalProperties: false, default: {} },
  ),
});

export const KarpenterSchema = Obj(
  {
    api: Type.Union([Type.Literal('v1'), Type.Literal('v1alpha5')], { default: 'v1' }),
    nodeRole: Opt(Type.String({ minLength: 1, description: 'IAM role of the nodes (v1 EC2NodeClass role)' })),
    instanceProfile: Opt(Type.String({ minLength: 1, description: 'IAM instance profile (v1alpha5, or instead of nodeRole)' })),
    controllerRoleArn: Opt(Type.String({ pattern: '^arn:aws[-a-z]*:iam::[0-9]{12}:role/.+$' })),
    interruptionQueue: Opt(Type.String({ minLength: 1 })),
    amiAlias: Type.String({ default: 'al2023@latest', description: 'v1 amiSelectorTerms alias (family@version)' }),
    discoveryTag: Opt(Type.String({ description: 'value of karpenter.sh/discovery on subnets and security groups (default: the cluster name)' })),
    tags: Opt(StringMap),
    blockDevice: Opt(Obj({ size: Quantity, type: Type.String({ default: 'gp3' }), encrypted: Type.Boolean({ default: true }) })),
    daemonsetOverhead: Type.Object({ cpu: Quantity, memory: Quantity }, { additionalProperties: false, default: { cpu: '200m', memory: '256Mi' } }),
    pools: Type.Array(NodePoolSchema, { minItems: 1 }),
  },
  { description: 'Karpenter settings' },
);

export const ClusterAutoscalerSchema = Obj(
  {
    image: Opt(Type.String({ description: 'image (default: registry.k8s.io/autoscaling/cluster-autoscaler matching the Kubernetes minor)' })),
    expander: Type.Union([Type.Literal('least-waste'), Type.Literal('random'), Type.Literal('most-pods'), Type.Literal('priority'), Type.Literal('price')], { default: 'least-waste' }),
    balanceSimilarNodeGroups: Type.Boolean({ default: true }),
    skipNodesWithSystemPods: Type.Boolean({ default: false }),
    scaleDownDelayAfterAdd: Type.String({ default: '10m' }),
    scaleDownUnneededTime: Type.String({ default: '10m' }),
    expendablePodsPriorityCutoff: Type.Integer({ default: -10 }),
    autoDiscoveryTags: Opt(Type.Array(Type.String(), { description: 'ASG tags for --node-group-auto-discovery (default: the cluster\'s k8s.io/cluster-autoscaler tags)' })),
    controllerRoleArn: Opt(Type.String({ pattern: '^arn:aws[-a-z]*:iam::[0-9]{12}:role/.+$' })),
    nodeGroups: Opt(Type.Array(Obj({ name: Type.String({ minLength: 1 }), cpu: Quantity, memory: Quantity, maxSize: Type.Integer({ minimum: 1 }) }), { description: 'node groups for the capacity plan' })),
  },
  { default: {} },
);

export const NodesSchema = Obj(
  {
    provisioner: Type.Union([Type.Literal('karpenter'), Type.Literal('cluster-autoscaler'), Type.Literal('none')], { default: 'none' }),
    karpenter: Opt(KarpenterSchema),
    clusterAutoscaler: Opt(ClusterAutoscalerSchema),
  },
  { default: {} },
);
