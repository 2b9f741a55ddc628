import { describe, expect, it } from 'vitest';
import { find, render } from './support/render.js';

const POOLS = `    pools:
      - name: spot
        capacityTypes: [spot]
        instanceCategories: [c, m]
        architectures: [amd64, arm64]
        zones: [eu-west-1a, eu-west-1b]
        labels: { workload: web }
        taints: [{ key: dedicated, value: web, effect: NoSchedule }]
        limits: { cpu: "200", memory: 800Gi }
        weight: 50
        consolidation: { policy: WhenEmptyOrUnderutilized, after: 2m, budgets: [{ nodes: "10%" }] }
      - name: batch
        instanceTypes: [m5.large, m5.xlarge]
        consolidation: { policy: WhenEmpty, after: 30s }
`;

describe('Karpenter v1', () => {
  const objects = render({
    dev: `cluster: { name: shop, provider: eks }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    nodeRole: KarpenterNodeRole-shop\n    tags: { team: platform }\n    blockDevice: { size: 50Gi }\n${POOLS}`,
  });

  it('renders a NodePool per pool with requirements, taints, labels, limits, weight and disruption', () => {
    const spot = find(objects, 'NodePool', 'spot');
    expect(spot.apiVersion).toBe('karpenter.sh/v1');
    expect(spot.spec.template.spec.requirements).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm'] },
      { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a', 'eu-west-1b'] },
    ]);
    expect(spot.spec.template.spec.taints).toEqual([{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }]);
    expect(spot.spec.template.metadata.labels).toEqual({ workload: 'web' });
    expect(spot.spec).toMatchObject({ weight: 50, limits: { cpu: '200', memory: '800Gi' }, disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '2m', budgets: [{ nodes: '10%' }] } });
    expect(spot.spec.template.spec.expireAfter).toBe('720h');
    expect(spot.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' });
  });

  it('renders the EC2NodeClass: role, AMI alias, discovery by the cluster tag, tags, disk, IMDSv2', () => {
    const nc = find(objects, 'EC2NodeClass', 'default');
    expect(nc.spec).toMatchObject({
      role: 'KarpenterNodeRole-shop',
      amiSelectorTerms: [{ alias: 'al2023@latest' }],
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'shop' } }],
      securityGroupSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'shop' } }],
      tags: { 'karpenter.sh/discovery': 'shop', team: 'platform' },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: '50Gi', volumeType: 'gp3', encrypted: true } }],
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
    });
  });
});

describe('Karpenter v1alpha5 from the same pools', () => {
  const objects = render({
    dev: `cluster: { name: shop, provider: eks }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    api: v1alpha5\n    instanceProfile: KarpenterNodeInstanceProfile-shop\n${POOLS}`,
  });

  it('maps consolidation to consolidation.enabled, or WhenEmpty to ttlSecondsAfterEmpty (mutually exclusive)', () => {
    const spot = find(objects, 'Provisioner', 'spot');
    expect(spot.spec).toMatchObject({ consolidation: { enabled: true }, ttlSecondsUntilExpired: 2592000, providerRef: { name: 'default' }, limits: { resources: { cpu: '200', memory: '800Gi' } } });
    expect(spot.spec).not.toHaveProperty('ttlSecondsAfterEmpty');
    const batch = find(objects, 'Provisioner', 'batch');
    expect(batch.spec.ttlSecondsAfterEmpty).toBe(30);
    expect(batch.spec).not.toHaveProperty('consolidation');
    expect(batch.spec.requirements).toContainEqual({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.large', 'm5.xlarge'] });
  });

  it('renders the AWSNodeTemplate selecting subnets and security groups by the discovery tag', () => {
    expect(find(objects, 'AWSNodeTemplate', 'default').spec).toMatchObject({
      subnetSelector: { 'karpenter.sh/discovery': 'shop' },
      securityGroupSelector: { 'karpenter.sh/discovery': 'shop' },
      instanceProfile: 'KarpenterNodeInstanceProfile-shop',
    });
  });
});

describe('Cluster Autoscaler', () => {
  const objects = render({
    dev: `cluster: { name: legacy, provider: eks, kubernetesVersion: "1.29" }\nnodes:\n  provisioner: cluster-autoscaler\n  clusterAutoscaler: { expander: priority, controllerRoleArn: "arn:aws:iam::123456789012:role/ca" }\n`,
  });
  const d = find(objects, 'Deployment', 'cluster-autoscaler');
  const c = d.spec.template.spec.containers[0];

  it('matches the image to the Kubernetes minor version', () => {
    expect(c.image).toBe('registry.k8s.io/autoscaling/cluster-autoscaler:v1.29.0');
  });

  it('discovers node groups by the cluster tags and carries the flags of a safe set-up', () => {
    expect(c.command).toEqual(
      expect.arrayContaining([
        '--cloud-provider=aws',
        '--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/legacy',
        '--balance-similar-node-groups',
        '--skip-nodes-with-system-pods=false',
        '--expander=priority',
        '--scale-down-delay-after-add=10m',
        '--expendable-pods-priority-cutoff=-10',
      ]),
    );
    expect(d.spec.template.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' });
  });

  it('runs under its own ServiceAccount (IRSA role) with RBAC', () => {
    expect(find(objects, 'ServiceAccount', 'cluster-autoscaler').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/ca' });
    expect(find(objects, 'ClusterRoleBinding', 'cluster-autoscaler').subjects).toEqual([{ kind: 'ServiceAccount', name: 'cluster-autoscaler', namespace: 'kube-system' }]);
    expect(find(objects, 'ClusterRole', 'cluster-autoscaler').rules.length).toBeGreaterThan(5);
  });
});
