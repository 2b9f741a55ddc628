// Node autoscaling of an environment: Karpenter (v1 or v1alpha5), Cluster Autoscaler, or none.
import { Type } from '@sinclair/typebox';
import { goDurationPattern } from '../duration.js';
import { Image, Name, Obj, Opt, ResourceList } from './common.js';

/** Karpenter's duration: seconds, minutes and hours only (NodePool expireAfter/consolidateAfter), or Never. */
const KarpenterDuration = (fallback: string, description: string) =>
  Type.String({
    pattern: `^(${goDurationPattern(['s', 'm', 'h'], true).slice(1, -1)}|Never)$`,
    default: fallback,
    description: `a duration in s, m and h (e.g. 720h, 1h30m) or "Never": ${description}`,
  });

/** Tags that select subnets or security groups; the value "*" matches any value of the key. */
const SelectorTags = (what: string) =>
  Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }), {
    minProperties: 1,
    description: `tags that select the ${what} ("*" matches any value), e.g. { kubernetes.io/cluster/chris: "*" } (default: { karpenter.sh/discovery: <discoveryTag> })`,
  });

const Taint = Obj(
  {
    key: Type.String({ minLength: 1, description: 'taint key' }),
    value: Opt(Type.String({ description: 'taint value' })),
    effect: Type.Union([Type.Literal('NoSchedule'), Type.Literal('PreferNoSchedule'), Type.Literal('NoExecute')], {
      description: 'what the taint does to pods that do not tolerate it',
    }),
  },
  { description: 'a taint of the nodes of the pool' },
);

const Budget = Obj(
  {
    nodes: Type.String({
      pattern: '^((100|[0-9]{1,2})%|[0-9]+)$',
      description: 'nodes (or percent of the pool) that may be disrupted at once, e.g. "10%" or "0"',
    }),
    schedule: Opt(
      Type.String({
        pattern: '^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\\s(.+)\\s(.+)\\s(.+)\\s(.+))$',
        description: 'cron (UTC) when the budget starts; needs duration',
      }),
    ),
    duration: Opt(
      Type.String({
        pattern: '^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$',
        description: 'how long the budget is active after each schedule hit, e.g. 8h; needs schedule',
      }),
    ),
    reasons: Opt(
      Type.Array(Type.Union([Type.Literal('Underutilized'), Type.Literal('Empty'), Type.Literal('Drifted')]), {
        minItems: 1,
        description: 'disruption reasons it applies to (default: all)',
      }),
    ),
  },
  { description: 'a v1 disruption budget (v1alpha5 has none)' },
);

export const NodePoolSchema = Obj({
  name: Name,
  capacityTypes: Type.Array(Type.Union([Type.Literal('on-demand'), Type.Literal('spot')]), {
    minItems: 1,
    default: ['on-demand'],
    description: 'EC2 purchase options the pool may launch (requirement karpenter.sh/capacity-type)',
  }),
  instanceCategories: Opt(Type.Array(Type.String({ pattern: '^[a-z]+$' }), { minItems: 1, description: 'e.g. [c, m, r]' })),
  instanceFamilies: Opt(Type.Array(Type.String({ pattern: '^[a-z0-9-]+$' }), { minItems: 1, description: 'e.g. [m6i, c7g]' })),
  instanceTypes: Opt(Type.Array(Type.String({ pattern: '^[a-z0-9-]+\\.[a-z0-9]+$' }), { minItems: 1, description: 'e.g. [m5.large, m5.xlarge]' })),
  architectures: Type.Array(Type.Union([Type.Literal('amd64'), Type.Literal('arm64')]), {
    minItems: 1,
    default: ['amd64'],
    description: 'CPU architectures (requirement kubernetes.io/arch)',
  }),
  zones: Opt(Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'e.g. [us-west-2a, us-west-2b]' })),
  labels: Opt(
    Type.Record(Type.String(), Type.String(), {
      description: 'labels of the nodes (not in the restricted karpenter.sh, karpenter.k8s.aws or kubernetes.io domains)',
    }),
  ),
  taints: Opt(Type.Array(Taint, { description: 'taints of the nodes: only pods tolerating them land there' })),
  limits: Opt({
    ...ResourceList,
    description:
      'most cpu and memory the nodes of the pool may add up to, Kubernetes quantities, e.g. 1000, 1000Gi (v1 limits, v1alpha5 limits.resources)',
  }),
  weight: Opt(Type.Integer({ minimum: 1, maximum: 100, description: 'preference among pools (higher first)' })),
  expireAfter: KarpenterDuration('720h', 'node lifetime: v1 expireAfter, v1alpha5 ttlSecondsUntilExpired; Never keeps nodes'),
  consolidation: Type.Object(
    {
      policy: Type.Union([Type.Literal('WhenEmpty'), Type.Literal('WhenEmptyOrUnderutilized')], {
        default: 'WhenEmptyOrUnderutilized',
        description: 'v1 consolidationPolicy; v1alpha5: WhenEmpty → ttlSecondsAfterEmpty, WhenEmptyOrUnderutilized → consolidation.enabled',
      }),
      after: KarpenterDuration('1m', 'v1 consolidateAfter; v1alpha5 ttlSecondsAfterEmpty (with WhenEmpty)'),
      budgets: Opt(Type.Array(Budget, { minItems: 1, maxItems: 50, description: 'v1 disruption budgets: how many nodes may be disrupted, when' })),
    },
    { additionalProperties: false, default: {}, description: 'when Karpenter removes or replaces nodes' },
  ),
});

export const KarpenterSchema = Obj(
  {
    api: Type.Union([Type.Literal('v1'), Type.Literal('v1alpha5')], {
      default: 'v1',
      description: 'v1: NodePool + EC2NodeClass; v1alpha5 (Karpenter < 0.32): Provisioner + AWSNodeTemplate',
    }),
    nodeRole: Opt(Type.String({ minLength: 1, description: 'IAM role of the nodes (v1 EC2NodeClass role)' })),
    instanceProfile: Opt(Type.String({ minLength: 1, description: 'IAM instance profile (v1alpha5, or instead of nodeRole in v1)' })),
    controllerRoleArn: Opt(
      Type.String({
        pattern: '^arn:aws[-a-z]*:iam::[0-9]{12}:role/.+$',
        description:
          "the controller's AWS identity by IRSA: IAM role annotated on its ServiceAccount (eks.amazonaws.com/role-arn); this or podIdentity is required",
      }),
    ),
    podIdentity: Opt(
      Type.Boolean({
        description:
          "the controller's AWS identity by EKS Pod Identity: an association (made outside, e.g. Terraform) for the karpenter ServiceAccount; this or controllerRoleArn is required",
      }),
    ),
    interruptionQueue: Opt(
      Type.String({ minLength: 1, description: 'SQS queue of spot interruption and rebalance events (Helm value settings.interruptionQueue)' }),
    ),
    controllerResources: Opt(
      Obj(
        {
          requests: Opt({ ...ResourceList, description: 'cpu and memory the controller pods request, Kubernetes quantities, e.g. 1, 1Gi' }),
          limits: Opt({ ...ResourceList, description: 'most cpu and memory the controller pods may use, Kubernetes quantities, e.g. 1, 1Gi' }),
        },
        {
          description:
            "resources of the Karpenter controller pods (Helm value controller.resources; default: 1 cpu and 1Gi, requests = limits, as Karpenter's docs advise)",
        },
      ),
    ),
    amiAlias: Opt(
      Type.String({
        pattern: '^(al2|al2023|bottlerocket|windows2019|windows2022|windows2025)@(latest|v[0-9][-.0-9a-z]*)$',
        maxLength: 30,
        description: 'AMI family@version (v1 default al2023@latest; v1alpha5: the family maps to amiFamily, default AL2)',
      }),
    ),
    discoveryTag: Opt(
      Type.String({ minLength: 1, description: 'value of karpenter.sh/discovery on subnets and security groups (default: the cluster name)' }),
    ),
    subnetSelector: Opt(SelectorTags('subnets')),
    securityGroupSelector: Opt(SelectorTags('security groups')),
    tags: Opt(Type.Record(Type.String({ minLength: 1 }), Type.String(), { description: 'EC2 tags of the instances' })),
    blockDevice: Opt(
      Obj(
        {
          size: Type.String({ pattern: '^[1-9][0-9]*(Gi|G|Ti|T)$', description: 'root volume size, e.g. 50Gi' }),
          type: Type.Union(
            [
              Type.Literal('gp3'),
              Type.Literal('gp2'),
              Type.Literal('io1'),
              Type.Literal('io2'),
              Type.Literal('st1'),
              Type.Literal('sc1'),
              Type.Literal('standard'),
            ],
            { default: 'gp3', description: 'EBS volume type' },
          ),
          encrypted: Type.Boolean({ default: true, description: 'encrypt the volume (EBS encryption)' }),
        },
        { description: 'the root EBS volume of the nodes (/dev/xvda; Bottlerocket: its data volume /dev/xvdb)' },
      ),
    ),
    pools: Type.Array(NodePoolSchema, {
      minItems: 1,
      description: 'node pools (NodePool, or Provisioner on v1alpha5), e.g. on-demand and spot with weights',
    }),
  },
  { description: 'Karpenter settings' },
);

export const ClusterAutoscalerSchema = Obj(
  {
    image: Opt(Image('image (default: registry.k8s.io/autoscaling/cluster-autoscaler matching the Kubernetes minor)')),
    expander: Type.Union(
      [Type.Literal('least-waste'), Type.Literal('random'), Type.Literal('most-pods'), Type.Literal('priority'), Type.Literal('price')],
      { default: 'least-waste', description: 'which node group to grow (--expander)' },
    ),
    balanceSimilarNodeGroups: Type.Boolean({ default: true, description: '--balance-similar-node-groups' }),
    skipNodesWithSystemPods: Type.Boolean({ default: false, description: '--skip-nodes-with-system-pods' }),
    scaleDownDelayAfterAdd: Type.String({
      pattern: goDurationPattern(['s', 'm', 'h'], true),
      default: '10m',
      description: '--scale-down-delay-after-add: how long after a scale-up scale-down is considered again',
    }),
    scaleDownUnneededTime: Type.String({
      pattern: goDurationPattern(['s', 'm', 'h'], true),
      default: '10m',
      description: '--scale-down-unneeded-time: how long a node must be unneeded before it is removed',
    }),
    expendablePodsPriorityCutoff: Type.Integer({ default: -10, description: 'pods below this priority never trigger a scale-up' }),
    autoDiscoveryTags: Opt(
      Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: "ASG tags for --node-group-auto-discovery (default: the cluster's k8s.io/cluster-autoscaler tags)",
      }),
    ),
    controllerRoleArn: Opt(
      Type.String({
        pattern: '^arn:aws[-a-z]*:iam::[0-9]{12}:role/.+$',
        description: 'IAM role of its ServiceAccount (IRSA annotation eks.amazonaws.com/role-arn)',
      }),
    ),
    replicas: Type.Integer({
      minimum: 0,
      default: 1,
      description: 'replicas of the Cluster Autoscaler Deployment: 0 alongside nodes.karpenter (seed 001 scales it to zero)',
    }),
  },
  { default: {}, description: 'Cluster Autoscaler (EKS), rendered in kube-system' },
);

export const NodesSchema = Obj(
  {
    provisioner: Type.Union([Type.Literal('karpenter'), Type.Literal('cluster-autoscaler'), Type.Literal('none')], {
      default: 'none',
      description: 'what adds nodes for pending pods (file 10-node-autoscaling)',
    }),
    karpenter: Opt(KarpenterSchema),
    clusterAutoscaler: Opt(ClusterAutoscalerSchema),
  },
  { default: {}, description: 'node autoscaling' },
);
