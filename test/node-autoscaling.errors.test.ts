// Invalid node autoscaling input, rejected before rendering with file:line:col and the field (what Karpenter's CEL
// rules or webhooks, or the cluster, would otherwise reject later and less clearly).
import { describe, expect, it } from 'vitest';
import { compileErrors, errorsOf } from './support/compile-errors.js';

const karpenter = (body: string, api = 'v1', cluster = `{ name: shop, provider: eks${api === 'v1alpha5' ? ', kubernetesVersion: "1.28"' : ''} }`) =>
  `cluster: ${cluster}\nnodes:\n  provisioner: karpenter\n  karpenter:\n    api: ${api}\n${api === 'v1' ? '    nodeRole: NodeRole\n' : '    instanceProfile: NodeProfile\n'}${body}`;

describe('Karpenter: rejected with file, line and field', () => {
  it('pool labels in the domains Karpenter and the kubelet restrict, and invalid label values', () => {
    const { lines, error } = compileErrors({
      dev: karpenter(
        '    pools:\n      - name: default\n        labels:\n          karpenter.sh/capacity-type: spot\n          node-role.kubernetes.io/web: ""\n          kubernetes.io/hostname: h\n          team: "a b"\n          node.kubernetes.io/pool: ok\n          example.com/tier: ok\n',
      ),
    });
    expect(lines).toEqual([
      'environments/dev.yaml:10:11 nodes.karpenter.pools[0].labels["karpenter.sh/capacity-type"]: label "karpenter.sh/capacity-type" is in the restricted domain "karpenter.sh": Karpenter and the kubelet set those labels (use capacityTypes, architectures, instance* and zones to constrain nodes)',
      'environments/dev.yaml:11:11 nodes.karpenter.pools[0].labels["node-role.kubernetes.io/web"]: label "node-role.kubernetes.io/web" is in the restricted domain "kubernetes.io": Karpenter and the kubelet set those labels (use capacityTypes, architectures, instance* and zones to constrain nodes)',
      'environments/dev.yaml:12:11 nodes.karpenter.pools[0].labels["kubernetes.io/hostname"]: label "kubernetes.io/hostname" is in the restricted domain "kubernetes.io": Karpenter and the kubelet set those labels (use capacityTypes, architectures, instance* and zones to constrain nodes)',
      'environments/dev.yaml:13:17 nodes.karpenter.pools[0].labels.team: label value "a b" must be at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
    ]);
    expect(error.exitCode).toBe(2);
  });

  it('restricted EC2 tags', () => {
    expect(errorsOf(karpenter('    tags:\n      kubernetes.io/cluster/shop: owned\n      team: web\n    pools: [{ name: default }]\n'))).toEqual([
      'environments/dev.yaml:8:7 nodes.karpenter.tags["kubernetes.io/cluster/shop"]: tag "kubernetes.io/cluster/shop" is restricted (kubernetes.io/cluster/* is set by Karpenter or EKS)',
    ]);
  });

  it('duplicate pools and taints, and a budget schedule without a duration', () => {
    const lines = errorsOf(
      karpenter(
        '    pools:\n      - name: a\n        taints: [{ key: d, effect: NoSchedule }, { key: d, value: x, effect: NoSchedule }]\n        consolidation: { budgets: [{ nodes: "0", schedule: "@daily" }] }\n      - name: a\n',
      ),
    );
    expect(lines).toEqual([
      'environments/dev.yaml:9:50 nodes.karpenter.pools[0].taints[1]: taint d:NoSchedule is already set by taints[0]',
      'environments/dev.yaml:10:36 nodes.karpenter.pools[0].consolidation.budgets[0]: schedule and duration go together: got schedule "@daily" without duration',
      'environments/dev.yaml:11:15 nodes.karpenter.pools[1].name: duplicate node pool name "a" (also pools[0])',
    ]);
  });

  it('durations Karpenter does not accept', () => {
    expect(errorsOf(karpenter('    pools: [{ name: a, expireAfter: 30d }]\n'))).toEqual([
      'environments/dev.yaml:7:37 nodes.karpenter.pools[0].expireAfter: must be a duration in s, m and h (e.g. 720h, 1h30m) or "Never": node lifetime: v1 expireAfter, v1alpha5 ttlSecondsUntilExpired; Never keeps nodes; got string "30d"',
    ]);
  });

  it('a node role and an instance profile together (v1), or neither', () => {
    expect(errorsOf(karpenter('    instanceProfile: P\n    pools: [{ name: a }]\n'))).toEqual([
      'environments/dev.yaml:7:22 nodes.karpenter.instanceProfile: set nodeRole ("NodeRole") or instanceProfile ("P"), not both: an EC2NodeClass takes exactly one',
    ]);
    expect(errorsOf('cluster: { name: shop, provider: eks }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    pools: [{ name: a }]\n')).toEqual([
      'environments/dev.yaml:5:5 nodes.karpenter: needs nodeRole or instanceProfile (EC2NodeClass.spec.role / instanceProfile)',
    ]);
  });

  it('v1alpha5: no instance profile, an AMI family or pinned version it does not know, budgets', () => {
    expect(
      errorsOf(
        'cluster: { name: shop, provider: eks, kubernetesVersion: "1.28" }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    api: v1alpha5\n    pools: [{ name: a }]\n',
      ),
    ).toEqual(['environments/dev.yaml:5:5 nodes.karpenter.instanceProfile: is required with api "v1alpha5" (AWSNodeTemplate.spec.instanceProfile)']);
    expect(
      errorsOf(karpenter('    amiAlias: al2023@v20240625\n    pools: [{ name: a, consolidation: { budgets: [{ nodes: "1" }] } }]\n', 'v1alpha5')),
    ).toEqual([
      'environments/dev.yaml:7:15 nodes.karpenter.amiAlias: AMI family "al2023" does not exist in Karpenter v1alpha5 (known: al2, bottlerocket, windows2019, windows2022)',
      'environments/dev.yaml:7:15 nodes.karpenter.amiAlias: version "v20240625": v1alpha5 selects AMIs by family only (use "al2023@latest", or api "v1" to pin a version)',
      'environments/dev.yaml:8:50 nodes.karpenter.pools[0].consolidation.budgets: disruption budgets need api "v1": a v1alpha5 Provisioner has none',
    ]);
  });

  it('karpenter without its section, or on a cluster that is not on AWS', () => {
    expect(errorsOf('cluster: { name: shop, provider: eks }\nnodes:\n  provisioner: karpenter\n')).toEqual([
      'environments/dev.yaml:3:16 nodes.provisioner: provisioner "karpenter" needs a nodes.karpenter section with at least one pool',
    ]);
    expect(errorsOf(karpenter('    pools: [{ name: a }]\n', 'v1', '{ name: shop, provider: gke }'))).toEqual([
      'environments/dev.yaml:5:5 nodes.karpenter: Karpenter\'s node classes launch EC2 instances: cluster.provider must be "eks", got "gke"',
    ]);
  });
});

describe('Cluster Autoscaler and overprovisioning: rejected with file, line and field', () => {
  it('Cluster Autoscaler outside AWS (it discovers Auto Scaling groups)', () => {
    expect(errorsOf('cluster: { name: c, provider: aks }\nnodes:\n  provisioner: cluster-autoscaler\n')).toEqual([
      'environments/dev.yaml:3:16 nodes.provisioner: provisioner "cluster-autoscaler" discovers AWS Auto Scaling groups by tag: cluster.provider must be "eks", got "aks"',
    ]);
  });

  it('placeholders below the expendable cutoff never trigger a scale-up', () => {
    expect(
      errorsOf(
        'cluster: { name: c, provider: eks }\nnodes:\n  provisioner: cluster-autoscaler\noverprovisioning: { enabled: true, cpu: "1", memory: 1Gi, priorityValue: -20 }\n',
      ),
    ).toEqual([
      "environments/dev.yaml:4:74 overprovisioning.priorityValue: priorityValue (-20) is below Cluster Autoscaler's expendable cutoff (-10): the placeholders would never trigger a scale-up",
    ]);
  });

  it('warm pools that do not exist, or without Karpenter', () => {
    expect(
      errorsOf(`${karpenter('    pools: [{ name: spot }]\n')}overprovisioning: { enabled: true, cpu: "1", memory: 1Gi, pools: [spot, gpu] }\n`),
    ).toEqual(['environments/dev.yaml:8:73 overprovisioning.pools[1]: pool "gpu" is not defined in nodes.karpenter.pools (defined: spot)']);
    expect(
      errorsOf(
        'cluster: { name: c, provider: eks }\nnodes:\n  provisioner: cluster-autoscaler\noverprovisioning: { enabled: true, cpu: "1", memory: 1Gi, pools: [spot] }\n',
      ),
    ).toEqual([
      'environments/dev.yaml:4:66 overprovisioning.pools: pools names Karpenter pools: set nodes.provisioner "karpenter" and nodes.karpenter.pools (or use nodeSelector)',
    ]);
  });
});
