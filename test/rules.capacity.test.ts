// Capacity rules: pods fit an instance type a Karpenter pool allows; worst cases fit the pool limits; v1alpha5 webhook.
import { describe, expect, it } from 'vitest';
import { allocatable, INSTANCE_TYPES } from '../src/capacity/ec2-instance-types.js';
import { deployment, problems } from './support/manifests.js';

const nodePool = (o: { name?: string; requirements: string; limits?: string; taints?: string }): string => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: ${o.name ?? 'default'} }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements:
${o.requirements}${o.taints ? `\n      taints:\n${o.taints}` : ''}${o.limits ? `\n  limits:\n${o.limits}` : ''}
`;

const smallC5 = nodePool({
  requirements: `        - { key: karpenter.k8s.aws/instance-family, operator: In, values: [c5] }
        - { key: karpenter.k8s.aws/instance-cpu, operator: Lt, values: ["5"] }`,
});

const daemonset = (cpu: string): string => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: node-agent, namespace: kube-system }
spec:
  selector: { matchLabels: { app: node-agent } }
  template:
    metadata: { labels: { app: node-agent } }
    spec:
      containers:
        - name: agent
          image: agent:1
          resources: { requests: { cpu: ${cpu}, memory: 64Mi } }`;

describe('instance-type table', () => {
  it('covers the families the examples use, with allocatable below capacity', () => {
    for (const f of ['c5', 'c6i', 'c7i', 'm5', 'm6i', 'm7i', 'r5', 'r6i', 't3', 'c6g', 'm6g', 'm7g']) {
      expect(
        INSTANCE_TYPES.some((t) => t.name.startsWith(`${f}.`)),
        f,
      ).toBe(true);
    }
    const m5large = INSTANCE_TYPES.find((t) => t.name === 'm5.large')!;
    expect(m5large).toMatchObject({ vcpu: 2, memoryGiB: 8, maxPods: 29, arch: 'amd64' });
    expect(allocatable(m5large).cpu).toBeCloseTo(1.93, 2);
    expect(allocatable(m5large).memory / 2 ** 20).toBe(Math.floor(8192 * 0.925) - (11 * 29 + 255) - 100);
  });
});

describe('pod-fits-instance-type', () => {
  it('reports a pod larger than the largest type the pool allows', () => {
    const p = problems('pod-fits-instance-type', smallC5, deployment({ name: 'big', cpu: '4', memory: '1Gi' }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'error', kind: 'Deployment', name: 'big', path: '/spec/template/spec' });
    expect(p[0]!.message).toContain('largest c5.xlarge');
  });
  it('counts DaemonSet overhead', () => {
    expect(problems('pod-fits-instance-type', smallC5, deployment({ name: 'app', cpu: '3500m' }))).toEqual([]);
    expect(problems('pod-fits-instance-type', smallC5, daemonset('500m'), deployment({ name: 'app', cpu: '3500m' }))).toHaveLength(1);
  });
  it('reads v1alpha5 Provisioner requirements', () => {
    const prov = `apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: { name: default }
spec:
  requirements:
    - { key: node.kubernetes.io/instance-type, operator: In, values: [m5.large, m5.xlarge] }`;
    expect(problems('pod-fits-instance-type', prov, deployment({ name: 'app', memory: '15Gi' }))).toHaveLength(1);
    expect(problems('pod-fits-instance-type', prov, deployment({ name: 'app', memory: '12Gi' }))).toEqual([]);
  });
  it('checks only pools the pod can land on (selector, taints), and any fitting pool is enough', () => {
    const big = nodePool({
      name: 'big',
      requirements: '        - { key: karpenter.k8s.aws/instance-family, operator: In, values: [m6i] }',
      taints: '        - { key: dedicated, value: batch, effect: NoSchedule }',
    });
    const app = (podSpec?: string): string => deployment({ name: 'app', cpu: '16', ...(podSpec ? { podSpec } : {}) });
    expect(problems('pod-fits-instance-type', smallC5, big, app())).toHaveLength(1);
    expect(
      problems(
        'pod-fits-instance-type',
        smallC5,
        big,
        app('      tolerations: [{ key: dedicated, operator: Equal, value: batch, effect: NoSchedule }]'),
      ),
    ).toEqual([]);
    expect(problems('pod-fits-instance-type', smallC5, app('      nodeSelector: { kubernetes.io/arch: arm64 }'))).toEqual([]);
  });
  it('skips pools that allow types missing from the table', () => {
    const unknown = nodePool({ requirements: '        - { key: node.kubernetes.io/instance-type, operator: In, values: [x2iedn.32xlarge] }' });
    expect(problems('pod-fits-instance-type', unknown, deployment({ name: 'app', cpu: '100' }))).toEqual([]);
  });
});

describe('pool-limits-headroom', () => {
  const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: apps }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 8
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }]`;
  const placeholders = deployment({
    name: 'overprovisioning',
    namespace: 'overprovisioning',
    replicas: 3,
    cpu: '1',
    image: 'registry.k8s.io/pause:3.9',
  });
  const pool = (cpu: string): string =>
    nodePool({
      requirements: '        - { key: karpenter.k8s.aws/instance-category, operator: In, values: [m] }',
      limits: `    cpu: "${cpu}"\n    memory: 100Gi`,
    });
  it('warns when Σ maxReplicas × requests plus overprovisioning exceeds the pool limits, with the numbers', () => {
    const p = problems('pool-limits-headroom', pool('10'), deployment({ name: 'web', cpu: '1', memory: '1Gi' }), hpa, placeholders);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', kind: 'NodePool', path: '/spec/limits' });
    expect(p[0]!.message).toBe('worst case at maxReplicas exceeds the limits of NodePool "default": cpu 11 (of which overprovisioning 3) > limit 10');
  });
  it('passes when the limits hold the worst case', () => {
    expect(problems('pool-limits-headroom', pool('11'), deployment({ name: 'web', cpu: '1', memory: '1Gi' }), hpa, placeholders)).toEqual([]);
  });
});

describe('karpenter-v1alpha5-webhook', () => {
  const prov = (extra: string): string => `apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: { name: default }
spec:
  providerRef: { name: default }
${extra}`;
  it('reports ttlSecondsAfterEmpty with consolidation, and malformed requirements', () => {
    const p = problems(
      'karpenter-v1alpha5-webhook',
      prov(`  ttlSecondsAfterEmpty: 30
  consolidation: { enabled: true }
  requirements:
    - { key: karpenter.k8s.aws/instance-cpu, operator: Gt, values: ["two"] }
    - { key: karpenter.sh/provisioner-name, operator: In, values: [x] }`),
    );
    expect(p.map((x) => x.path)).toEqual(['/spec/ttlSecondsAfterEmpty', '/spec/requirements/0/values', '/spec/requirements/1/key']);
    expect(p[0]!.message).toBe('ttlSecondsAfterEmpty (30) and consolidation.enabled (true) are mutually exclusive');
  });
  it('accepts either one of them and well-formed requirements', () => {
    expect(
      problems(
        'karpenter-v1alpha5-webhook',
        prov(`  consolidation: { enabled: true }
  requirements:
    - { key: karpenter.k8s.aws/instance-cpu, operator: Gt, values: ["2"] }`),
      ),
    ).toEqual([]);
    expect(problems('karpenter-v1alpha5-webhook', prov('  ttlSecondsAfterEmpty: 30'))).toEqual([]);
  });
});
