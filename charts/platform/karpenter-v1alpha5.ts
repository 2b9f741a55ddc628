// Karpenter v1alpha5 (before 0.32): one Provisioner per pool and the shared AWSNodeTemplate, from the same pools.
import { Construct } from 'constructs';
import { AwsNodeTemplate, AwsNodeTemplateSpecBlockDeviceMappingsEbsVolumeSize } from '../../imports/karpenter.k8s.aws.js';
import { Provisioner, ProvisionerSpecLimitsResources } from '../../imports/karpenter.sh.js';
import { v1alpha5AmiFamily } from '../../src/config/checks/autoscaling-checks.js';
import { durationMs } from '../../src/config/duration.js';
import type { Environment } from '../../src/config/model/environment.js';
import { instanceTags, METADATA_OPTIONS, poolRequirements, rootDeviceName, selectorTags } from './karpenter-requirements.js';

/** Props of KarpenterV1alpha5. */
export interface KarpenterV1alpha5Props {
  /** The environment. */
  readonly env: Environment;
  /** Its `nodes.karpenter`. */
  readonly karpenter: NonNullable<Environment['nodes']['karpenter']>;
}

/** Name of the AWSNodeTemplate every Provisioner refers to. */
export const NODE_TEMPLATE_NAME = 'default';

/** AWSNodeTemplate `default` (subnets and security groups by the selector tags) and a Provisioner per pool. */
export class KarpenterV1alpha5 extends Construct {
  public constructor(scope: Construct, id: string, props: KarpenterV1alpha5Props) {
    super(scope, id);
    const { env, karpenter: k } = props;
    const selectors = selectorTags(env);
    new AwsNodeTemplate(this, 'node-template', {
      metadata: { name: NODE_TEMPLATE_NAME },
      spec: {
        amiFamily: k.amiAlias && v1alpha5AmiFamily(k.amiAlias),
        subnetSelector: selectors.subnets,
        securityGroupSelector: selectors.securityGroups,
        instanceProfile: k.instanceProfile,
        tags: instanceTags(env),
        blockDeviceMappings: k.blockDevice && [
          {
            deviceName: rootDeviceName(k.amiAlias),
            ebs: {
              volumeSize: AwsNodeTemplateSpecBlockDeviceMappingsEbsVolumeSize.fromString(k.blockDevice.size),
              volumeType: k.blockDevice.type,
              encrypted: k.blockDevice.encrypted,
            },
          },
        ],
        metadataOptions: { ...METADATA_OPTIONS },
      },
    });
    for (const pool of k.pools) {
      const resources: Record<string, ProvisionerSpecLimitsResources> = {};
      if (pool.limits?.cpu !== undefined) resources.cpu = ProvisionerSpecLimitsResources.fromString(String(pool.limits.cpu));
      if (pool.limits?.memory !== undefined) resources.memory = ProvisionerSpecLimitsResources.fromString(String(pool.limits.memory));
      const whenEmpty = pool.consolidation.policy === 'WhenEmpty';
      new Provisioner(this, pool.name, {
        metadata: { name: pool.name },
        spec: {
          weight: pool.weight,
          requirements: poolRequirements(pool),
          limits: Object.keys(resources).length > 0 ? { resources } : undefined,
          labels: pool.labels,
          taints: pool.taints,
          providerRef: { name: NODE_TEMPLATE_NAME },
          // v1alpha5: ttlSecondsAfterEmpty and consolidation are mutually exclusive; "Never" leaves the field unset
          ttlSecondsAfterEmpty: whenEmpty ? seconds(pool.consolidation.after) : undefined,
          consolidation: whenEmpty ? undefined : { enabled: true },
          ttlSecondsUntilExpired: seconds(pool.expireAfter),
        },
      });
    }
  }
}

/** Whole seconds of a Karpenter duration; undefined for "Never". */
function seconds(duration: string): number | undefined {
  const ms = durationMs(duration);
  return ms === undefined ? undefined : Math.round(ms / 1000);
}
