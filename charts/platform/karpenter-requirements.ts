// A node pool's instance constraints as Karpenter requirements (the same keys in v1 and v1alpha5).
import type { Environment } from '../../src/config/model/environment.js';

type Pool = NonNullable<Environment['nodes']['karpenter']>['pools'][number];

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
