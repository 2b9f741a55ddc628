// PriorityClass references, a single global default, overprovisioning placeholder priority and preemption.
import { describe, expect, it } from 'vitest';
import { deployment, problems } from './support/manifests.js';

const pc = (name: string, value: number, extra = ''): string => `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: { name: ${name} }
value: ${value}${extra ? `\n${extra}` : ''}`;

const app = (cls: string, name = 'web'): string => deployment({ name, cpu: '100m', podSpec: `      priorityClassName: ${cls}` });
const placeholder = (cls: string): string =>
  deployment({
    name: 'overprovisioning',
    namespace: 'overprovisioning',
    replicas: 2,
    cpu: '1',
    image: 'registry.k8s.io/pause:3.9',
    podSpec: `      priorityClassName: ${cls}`,
  });

const clusterAutoscaler = (cutoff: number): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: cluster-autoscaler, namespace: kube-system }
spec:
  selector: { matchLabels: { app: cluster-autoscaler } }
  template:
    metadata: { labels: { app: cluster-autoscaler } }
    spec:
      containers:
        - name: cluster-autoscaler
          image: registry.k8s.io/autoscaling/cluster-autoscaler:v1.30.2
          command: [./cluster-autoscaler, --cloud-provider=aws, --expendable-pods-priority-cutoff=${cutoff}]`;

describe('priority-class-exists', () => {
  it('reports a priorityClassName with no PriorityClass', () => {
    const p = problems('priority-class-exists', pc('business-critical', 10000), app('business-critcal'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      path: '/spec/template/spec/priorityClassName',
      message: 'priorityClassName "business-critcal" names no PriorityClass in the set',
    });
  });
  it('accepts classes of the set and the built-in ones', () => {
    expect(
      problems(
        'priority-class-exists',
        pc('business-critical', 10000),
        app('business-critical'),
        app('system-cluster-critical', 'dns'),
        app('system-node-critical', 'cni'),
      ),
    ).toEqual([]);
  });
});

describe('priority-class-single-default', () => {
  it('reports a second globalDefault', () => {
    const p = problems('priority-class-single-default', pc('a', 10, 'globalDefault: true'), pc('b', 20, 'globalDefault: true'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ name: 'b', message: 'globalDefault (true) is already set by PriorityClass "a"' });
  });
  it('accepts one', () => {
    expect(problems('priority-class-single-default', pc('a', 10, 'globalDefault: true'), pc('b', 20, 'globalDefault: false'))).toEqual([]);
  });
});

describe('overprovisioning-priority', () => {
  it('reports a placeholder priority below the expendable cutoff (default -10, or the flag)', () => {
    const p = problems('overprovisioning-priority', pc('overprovisioning', -20), placeholder('overprovisioning'), app('system-cluster-critical'));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain("below Cluster Autoscaler's expendable cutoff (-10, the default)");
    expect(
      problems('overprovisioning-priority', pc('overprovisioning', -5), placeholder('overprovisioning'), clusterAutoscaler(-1))[0]!.message,
    ).toContain('(-1, from Deployment kube-system/cluster-autoscaler)');
  });
  it('reports a non-negative placeholder priority, and one not below a workload', () => {
    const p = problems('overprovisioning-priority', pc('overprovisioning', 0), pc('low', -1), placeholder('overprovisioning'), app('low'));
    expect(p.map((x) => x.message)).toEqual([
      'placeholder priority 0 (PriorityClass "overprovisioning") must be negative so that any workload preempts it',
      'placeholder priority 0 (PriorityClass "overprovisioning") must be lower than every workload\'s, but Deployment apps/web has -1',
    ]);
  });
  it("does not take a pause load test (Karpenter's inflate) for a placeholder", () => {
    expect(
      problems(
        'overprovisioning-priority',
        deployment({ name: 'inflate', namespace: 'default', replicas: 0, cpu: '1', image: 'public.ecr.aws/eks-distro/kubernetes/pause:3.7' }),
      ),
    ).toEqual([]);
  });
  it('accepts -1 above the cutoff and below every workload', () => {
    expect(
      problems(
        'overprovisioning-priority',
        pc('overprovisioning', -1),
        pc('batch', 100),
        placeholder('overprovisioning'),
        app('batch'),
        deployment({ name: 'plain' }),
      ),
    ).toEqual([]);
  });
});

describe('overprovisioning-preemption-never', () => {
  it('warns for a workload that cannot evict the placeholders', () => {
    const p = problems(
      'overprovisioning-preemption-never',
      pc('overprovisioning', -1),
      pc('batch', 100, 'preemptionPolicy: Never'),
      placeholder('overprovisioning'),
      app('batch'),
    );
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', name: 'web' });
  });
  it('is silent without placeholders, or when workloads may preempt', () => {
    expect(problems('overprovisioning-preemption-never', pc('batch', 100, 'preemptionPolicy: Never'), app('batch'))).toEqual([]);
    expect(
      problems('overprovisioning-preemption-never', pc('overprovisioning', -1), pc('batch', 100), placeholder('overprovisioning'), app('batch')),
    ).toEqual([]);
  });
});
