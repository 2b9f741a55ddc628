// Karpenter v1: one NodePool per pool and the shared EC2NodeClass.
import { Construct } from 'constructs';
import {
  Ec2NodeClass,
  Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType,
  Ec2NodeClassSpecMetadataOptionsHttpEndpoint,
  Ec2NodeClassSpecMetadataOptionsHttpProtocolIPv6,
  Ec2NodeClassSpecMetadataOptionsHttpTokens,
} from '../../imports/karpenter.k8s.aws.js';
import {
  NodePool,
  NodePoolSpecDisruptionBudgetsReasons,
  NodePoolSpecDisruptionConsolidationPolicy,
  NodePoolSpecLimits,
  NodePoolSpecTemplateSpecRequirementsOperator,
  NodePoolSpecTemplateSpecTaintsEffect,
} from '../../imports/karpenter.sh.js';
import type { Environment } from '../../src/config/model/environment.js';
import { DEFAULT_AMI_ALIAS, instanceTags, METADATA_OPTIONS, poolRequirements, rootDeviceName, selectorTags } from './karpenter-requirements.js';

/** Props of KarpenterV1. */
export interface KarpenterV1Props {
  /** The environment. */
  readonly env: Environment;
  /** Its `nodes.karpenter`. */
  readonly karpenter: NonNullable<Environment['nodes']['karpenter']>;
}

/** Name of the EC2NodeClass every NodePool refers to. */
export const NODE_CLASS_NAME = 'default';

/** EC2NodeClass `default` (subnets and security groups found by the selector tags) and a NodePool per pool. */
export class KarpenterV1 extends Construct {
  public constructor(scope: Construct, id: string, props: KarpenterV1Props) {
    super(scope, id);
    const { env, karpenter: k } = props;
    const selectors = selectorTags(env);
    new Ec2NodeClass(this, 'node-class', {
      metadata: { name: NODE_CLASS_NAME },
      spec: {
        role: k.instanceProfile ? undefined : k.nodeRole,
        instanceProfile: k.instanceProfile,
        amiSelectorTerms: [{ alias: k.amiAlias ?? DEFAULT_AMI_ALIAS }],
        subnetSelectorTerms: [{ tags: selectors.subnets }],
        securityGroupSelectorTerms: [{ tags: selectors.securityGroups }],
        tags: instanceTags(env),
        blockDeviceMappings: k.blockDevice && [
          {
            deviceName: rootDeviceName(k.amiAlias ?? DEFAULT_AMI_ALIAS),
            ebs: {
              volumeSize: k.blockDevice.size,
              volumeType: k.blockDevice.type as Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType,
              encrypted: k.blockDevice.encrypted,
            },
          },
        ],
        metadataOptions: {
          httpEndpoint: METADATA_OPTIONS.httpEndpoint as Ec2NodeClassSpecMetadataOptionsHttpEndpoint,
          httpProtocolIPv6: METADATA_OPTIONS.httpProtocolIPv6 as Ec2NodeClassSpecMetadataOptionsHttpProtocolIPv6,
          httpPutResponseHopLimit: METADATA_OPTIONS.httpPutResponseHopLimit,
          httpTokens: METADATA_OPTIONS.httpTokens as Ec2NodeClassSpecMetadataOptionsHttpTokens,
        },
      },
    });
    for (const pool of k.pools) {
      const limits: Record<string, NodePoolSpecLimits> = {};
      if (pool.limits?.cpu !== undefined) limits.cpu = NodePoolSpecLimits.fromString(String(pool.limits.cpu));
      if (pool.limits?.memory !== undefined) limits.memory = NodePoolSpecLimits.fromString(String(pool.limits.memory));
      new NodePool(this, pool.name, {
        metadata: { name: pool.name },
        spec: {
          weight: pool.weight,
          limits: Object.keys(limits).length > 0 ? limits : undefined,
          disruption: {
            consolidationPolicy: pool.consolidation.policy as NodePoolSpecDisruptionConsolidationPolicy,
            consolidateAfter: pool.consolidation.after,
            budgets: pool.consolidation.budgets?.map((b) => ({ ...b, reasons: b.reasons?.map((r) => r as NodePoolSpecDisruptionBudgetsReasons) })),
          },
          template: {
            metadata: pool.labels && { labels: pool.labels },
            spec: {
              nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: NODE_CLASS_NAME },
              expireAfter: pool.expireAfter,
              requirements: poolRequirements(pool).map((r) => ({ ...r, operator: NodePoolSpecTemplateSpecRequirementsOperator.IN })),
              taints: pool.taints?.map((t) => ({ ...t, effect: t.effect as NodePoolSpecTemplateSpecTaintsEffect })),
            },
          },
        },
      });
    }
  }
}
