// Node autoscaling as rendered from environment files: Karpenter v1 and v1alpha5 from the same pools, Cluster
// Autoscaler; every object validates against the real CRDs.
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { envDir } from './support/env-dir.js';
import { find, render, type K8sObject } from './support/render.js';
import { mirrorDirs } from './support/mirror.js';

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
        consolidation: { policy: WhenEmptyOrUnderutilized, after: 2m }
      - name: batch
        instanceTypes: [m5.large, m5.xlarge]
        consolidation: { policy: WhenEmpty, after: 30s }
`;

const BUDGETS = `      - name: steady
        expireAfter: Never
        consolidation:
          policy: WhenEmpty
          after: 5m
          budgets:
            - { nodes: "10%" }
            - { nodes: "0", schedule: "0 9 * * mon-fri", duration: 8h, reasons: [Underutilized, Drifted] }
`;

const V1 = `cluster: { name: shop, provider: eks }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    nodeRole: KarpenterNodeRole-shop\n    tags: { team: platform }\n    blockDevice: { size: 50Gi }\n${POOLS}${BUDGETS}`;
const V1ALPHA5 = `cluster: { name: shop, provider: eks, kubernetesVersion: "1.28" }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    api: v1alpha5\n    instanceProfile: KarpenterNodeInstanceProfile-shop\n${POOLS}`;
const CA = `cluster: { name: legacy, provider: eks, kubernetesVersion: "1.29" }\nnodes:\n  provisioner: cluster-autoscaler\n  clusterAutoscaler: { expander: priority, controllerRoleArn: "arn:aws:iam::123456789012:role/ca" }\n`;

describe('Karpenter v1', () => {
  const objects = render({ dev: V1 });

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
    expect(spot.spec).toMatchObject({
      weight: 50,
      limits: { cpu: '200', memory: '800Gi' },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '2m' },
    });
    expect(spot.spec.template.spec.expireAfter).toBe('720h');
    expect(spot.spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' });
  });

  it('defaults a pool to on-demand amd64, consolidation when empty or underutilized after 1m, no limits or weight', () => {
    const batch = find(objects, 'NodePool', 'batch');
    expect(batch.spec.template.spec.requirements).toEqual([
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.large', 'm5.xlarge'] },
    ]);
    expect(batch.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '30s' });
    expect(batch.spec).not.toHaveProperty('limits');
    expect(batch.spec).not.toHaveProperty('weight');
  });

  it('renders disruption budgets (scheduled, per reason) and nodes that never expire', () => {
    const steady = find(objects, 'NodePool', 'steady');
    expect(steady.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '5m',
      budgets: [{ nodes: '10%' }, { nodes: '0', schedule: '0 9 * * mon-fri', duration: '8h', reasons: ['Underutilized', 'Drifted'] }],
    });
    expect(steady.spec.template.spec.expireAfter).toBe('Never');
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
    expect(nc.spec).not.toHaveProperty('instanceProfile');
  });

  it('takes an instance profile instead of a role, and puts a Bottlerocket volume on its data device', () => {
    const nc = find(
      render({
        dev: `cluster: { name: shop, provider: eks }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    instanceProfile: NodeProfile\n    amiAlias: bottlerocket@v1.20.0\n    blockDevice: { size: 100Gi, type: gp2, encrypted: false }\n    pools: [{ name: default }]\n`,
      }),
      'EC2NodeClass',
      'default',
    );
    expect(nc.spec).toMatchObject({ instanceProfile: 'NodeProfile', amiSelectorTerms: [{ alias: 'bottlerocket@v1.20.0' }] });
    expect(nc.spec).not.toHaveProperty('role');
    expect(nc.spec.blockDeviceMappings).toEqual([{ deviceName: '/dev/xvdb', ebs: { volumeSize: '100Gi', volumeType: 'gp2', encrypted: false } }]);
  });
});

describe('Karpenter: custom subnet and security-group selector tags', () => {
  const env = (api: string, role: string) =>
    `cluster: { name: chris, provider: eks${api === 'v1alpha5' ? ', kubernetesVersion: "1.28"' : ''} }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    api: ${api}\n    ${role}\n    subnetSelector: { kubernetes.io/cluster/chris: "*" }\n    securityGroupSelector: { kubernetes.io/cluster/chris: owned, tier: nodes }\n    pools: [{ name: default }]\n`;

  it('v1: the EC2NodeClass selects by the given tags instead of the discovery tag', () => {
    const nc = find(render({ dev: env('v1', 'nodeRole: NodeRole') }), 'EC2NodeClass', 'default');
    expect(nc.spec.subnetSelectorTerms).toEqual([{ tags: { 'kubernetes.io/cluster/chris': '*' } }]);
    expect(nc.spec.securityGroupSelectorTerms).toEqual([{ tags: { 'kubernetes.io/cluster/chris': 'owned', tier: 'nodes' } }]);
  });

  it('v1alpha5: the AWSNodeTemplate selects by the given tags', () => {
    const t = find(render({ dev: env('v1alpha5', 'instanceProfile: NodeProfile') }), 'AWSNodeTemplate', 'default');
    expect(t.spec.subnetSelector).toEqual({ 'kubernetes.io/cluster/chris': '*' });
    expect(t.spec.securityGroupSelector).toEqual({ 'kubernetes.io/cluster/chris': 'owned', tier: 'nodes' });
  });
});

describe('Karpenter v1alpha5 from the same pools', () => {
  const objects = render({ dev: V1ALPHA5 });

  it('maps consolidation to consolidation.enabled, or WhenEmpty to ttlSecondsAfterEmpty (mutually exclusive)', () => {
    const spot = find(objects, 'Provisioner', 'spot');
    expect(spot.spec).toMatchObject({
      consolidation: { enabled: true },
      ttlSecondsUntilExpired: 2592000,
      providerRef: { name: 'default' },
      limits: { resources: { cpu: '200', memory: '800Gi' } },
    });
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
      tags: { 'karpenter.sh/discovery': 'shop' },
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 },
    });
    expect(find(objects, 'AWSNodeTemplate', 'default').spec).not.toHaveProperty('amiFamily');
  });

  it('carries pool labels, taints and weight, and maps the AMI family and a node lifetime of Never', () => {
    const spot = find(objects, 'Provisioner', 'spot');
    expect(spot.spec).toMatchObject({ labels: { workload: 'web' }, taints: [{ key: 'dedicated', value: 'web', effect: 'NoSchedule' }], weight: 50 });
    const other = render({
      dev: `cluster: { name: shop, provider: eks, kubernetesVersion: "1.28" }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    api: v1alpha5\n    instanceProfile: P\n    amiAlias: bottlerocket@latest\n    pools: [{ name: default, expireAfter: Never, consolidation: { policy: WhenEmpty, after: Never } }]\n`,
    });
    expect(find(other, 'AWSNodeTemplate', 'default').spec.amiFamily).toBe('Bottlerocket');
    const p = find(other, 'Provisioner', 'default');
    for (const key of ['ttlSecondsUntilExpired', 'ttlSecondsAfterEmpty', 'consolidation']) expect(p.spec).not.toHaveProperty(key);
  });
});

describe('Cluster Autoscaler', () => {
  const objects = render({ dev: CA });
  const d = find(objects, 'Deployment', 'cluster-autoscaler');
  const c = d.spec.template.spec.containers[0];

  it('matches the image to the Kubernetes minor version', () => {
    expect(c.image).toBe('registry.k8s.io/autoscaling/cluster-autoscaler:v1.29.0');
    for (const [minor, tag] of [
      ['1.28', 'v1.28.2'],
      ['1.30', 'v1.30.0'],
      ['1.33', 'v1.33.0'],
    ]) {
      const other = render({ dev: CA.replace('"1.29"', `"${minor}"`) });
      expect(find(other, 'Deployment', 'cluster-autoscaler').spec.template.spec.containers[0].image).toBe(
        `registry.k8s.io/autoscaling/cluster-autoscaler:${tag}`,
      );
    }
    const pinned = render({ dev: CA.replace('expander: priority,', 'expander: priority, image: "registry.example.com/ca:v1.29.4",') });
    expect(find(pinned, 'Deployment', 'cluster-autoscaler').spec.template.spec.containers[0].image).toBe('registry.example.com/ca:v1.29.4');
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
        '--scale-down-unneeded-time=10m',
        '--expendable-pods-priority-cutoff=-10',
      ]),
    );
    expect(c.command[0]).toBe('./cluster-autoscaler');
    expect(d.metadata.namespace).toBe('kube-system');
    expect(d.spec.template.spec.serviceAccountName).toBe('cluster-autoscaler');
    expect(d.spec.template.metadata.annotations).toEqual({ 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' });
  });

  it('runs under its own ServiceAccount (IRSA role) with RBAC', () => {
    expect(find(objects, 'ServiceAccount', 'cluster-autoscaler').metadata.annotations).toEqual({
      'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/ca',
    });
    expect(find(objects, 'ClusterRoleBinding', 'cluster-autoscaler').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'cluster-autoscaler', namespace: 'kube-system' },
    ]);
    expect(find(objects, 'ClusterRole', 'cluster-autoscaler').rules.length).toBeGreaterThan(5);
  });
});

describe('validation', () => {
  it('every rendered node object passes elastic-gitops validate (CRD schemas with CEL rules, webhook rules)', async () => {
    const out = compile({ environmentsDir: envDir({ v1: V1, v1alpha5: V1ALPHA5, ca: CA }).dir });
    const docs = out.flatMap((e) => e.docs);
    expect(new Set(docs.map((d) => (d.object as K8sObject).kind))).toEqual(
      new Set([
        'NodePool',
        'EC2NodeClass',
        'Provisioner',
        'AWSNodeTemplate',
        'ServiceAccount',
        'ClusterRole',
        'ClusterRoleBinding',
        'Role',
        'RoleBinding',
        'Deployment',
      ]),
    );
    const report = await validateManifests(docs, { mirrors: mirrorDirs() });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.skipped).toBe(0);
  });
});
