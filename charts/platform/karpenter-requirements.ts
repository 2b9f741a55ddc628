// What Karpenter v1 and v1alpha5 share: a pool's instance constraints as requirements (same keys in both APIs), the
// discovery tag and subnet/security-group selectors, the node label naming the pool, and the IMDS settings of the launch template.
import type { Environment } from '../../src/config/model/environment.js';

type Karpenter = NonNullable<Environment['nodes']['karpenter']>;
type Pool = Karpenter['pools'][number];

/** One `key In values` requirement. */
export interface Requirement {
  readonly key: string;
  readonly operator: 'In';
  readonly values: string[];
}

/** capacity type, architecture, instance categories/families/types and zones, in that order, when set. */
export function poolRequirements(pool: Pool): Requirement[] {
  const out: Requirement[] = [
    { key: 'karpenter.sh/capacity-type', operator: 'In', values: [...pool.capacityTypes] },
    { key: 'kubernetes.io/arch', operator: 'In', values: [...pool.architectures] },
  ];
  const optional: [string, readonly string[] | undefined][] = [
    ['karpenter.k8s.aws/instance-category', pool.instanceCategories],
    ['karpenter.k8s.aws/instance-family', pool.instanceFamilies],
    ['node.kubernetes.io/instance-type', pool.instanceTypes],
    ['topology.kubernetes.io/zone', pool.zones],
  ];
  for (const [key, values] of optional) if (values) out.push({ key, operator: 'In', values: [...values] });
  return out;
}

/** The tag value subnets and security groups carry for Karpenter discovery (default: the cluster name). */
export function discoveryTag(env: Environment): string {
  return env.nodes.karpenter?.discoveryTag ?? env.cluster.name;
}

/** Tags that select the subnets (`subnets`) and security groups (`securityGroups`): the environment's, else the discovery tag. */
export function selectorTags(env: Environment): { subnets: Record<string, string>; securityGroups: Record<string, string> } {
  const discovery = { 'karpenter.sh/discovery': discoveryTag(env) };
  const k = env.nodes.karpenter;
  return { subnets: { ...(k?.subnetSelector ?? discovery) }, securityGroups: { ...(k?.securityGroupSelector ?? discovery) } };
}

/** Tags of the instances: the discovery tag, then the environment's own. */
export function instanceTags(env: Environment): Record<string, string> {
  return { 'karpenter.sh/discovery': discoveryTag(env), ...(env.nodes.karpenter?.tags ?? {}) };
}

/** The label Karpenter puts on every node with the name of the pool that launched it. */
export function poolLabelKey(karpenter: Pick<Karpenter, 'api'>): string {
  return karpenter.api === 'v1alpha5' ? 'karpenter.sh/provisioner-name' : 'karpenter.sh/nodepool';
}

/** Default AMI of a v1 EC2NodeClass. */
export const DEFAULT_AMI_ALIAS = 'al2023@latest';

/** Root volume device: Bottlerocket keeps its data (images, pods) on the second volume. */
export function rootDeviceName(amiAlias: string | undefined): string {
  return amiAlias?.startsWith('bottlerocket@') ? '/dev/xvdb' : '/dev/xvda';
}

/** IMDSv2 only, one hop: pods cannot reach the node's instance credentials (they use IRSA / Pod Identity). */
export const METADATA_OPTIONS = {
  httpEndpoint: 'enabled',
  httpProtocolIPv6: 'disabled',
  httpPutResponseHopLimit: 1,
  httpTokens: 'required',
} as const;
