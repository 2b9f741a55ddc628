// KEDA webhook parity and autoscaler/target rules, each with a failing and a passing manifest set.
import { describe, expect, it } from 'vitest';
import { deployment, problems } from './support/manifests.js';

const web = deployment({ name: 'web', cpu: '250m', memory: '128Mi' });

function scaledObject(name: string, opts: { target?: string; extra?: string; triggers?: string; annotations?: string } = {}): string {
  return `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: ${name}
  namespace: apps${opts.annotations ? `\n  annotations:\n${opts.annotations}` : ''}
spec:
  scaleTargetRef:
    name: ${opts.target ?? 'web'}${opts.extra ? `\n${opts.extra}` : ''}
  triggers:
${
  opts.triggers ??
  `    - type: prometheus
      metadata:
        serverAddress: http://prometheus-operated.monitoring:9090
        query: sum(rate(http_requests_total{app="web"}[1m]))
        threshold: "50"`
}
`;
}

function hpa(name: string, opts: { target?: string; kind?: string; annotations?: string; min?: number; max?: number; metric?: string } = {}): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: apps${opts.annotations ? `\n  annotations:\n${opts.annotations}` : ''}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: ${opts.kind ?? 'Deployment'}
    name: ${opts.target ?? 'web'}
  minReplicas: ${opts.min ?? 2}
  maxReplicas: ${opts.max ?? 10}
  metrics:
${
  opts.metric ??
  `    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70`
}
`;
}

describe('keda-single-autoscaler', () => {
  it('reports a ScaledObject and an HPA on the same Deployment', () => {
    const p = problems('keda-single-autoscaler', web, scaledObject('web', { extra: '  minReplicaCount: 1' }), hpa('web-cpu'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'error', path: '/spec/scaleTargetRef' });
    expect(p[0]!.message).toContain('already scaled by');
  });
  it('reports two ScaledObjects on one Deployment', () => {
    expect(problems('keda-single-autoscaler', web, scaledObject('a'), scaledObject('b'))).toHaveLength(1);
  });
  it("accepts one autoscaler per workload, and KEDA's escape hatches", () => {
    expect(problems('keda-single-autoscaler', web, scaledObject('web'))).toEqual([]);
    expect(
      problems('keda-single-autoscaler', web, scaledObject('web'), hpa('legacy', { annotations: '    validations.keda.sh/hpa-ownership: "false"' })),
    ).toEqual([]);
    const transfer = scaledObject('web', {
      annotations: '    scaledobject.keda.sh/transfer-hpa-ownership: "true"',
      extra: '  advanced:\n    horizontalPodAutoscalerConfig:\n      name: legacy',
    });
    expect(problems('keda-single-autoscaler', web, transfer, hpa('legacy'))).toEqual([]);
  });
});

describe('autoscaler-replica-bounds', () => {
  it('reports min > max and idle >= min', () => {
    const p = problems(
      'autoscaler-replica-bounds',
      web,
      scaledObject('web', { extra: '  minReplicaCount: 5\n  maxReplicaCount: 3\n  idleReplicaCount: 5' }),
    );
    expect(p.map((x) => x.message)).toEqual([
      'minReplicaCount (5) must be <= maxReplicaCount (3)',
      'idleReplicaCount (5) must be < minReplicaCount (5)',
    ]);
    expect(problems('autoscaler-replica-bounds', web, hpa('web', { min: 4, max: 2 }))[0]!.message).toBe('minReplicas (4) must be <= maxReplicas (2)');
  });
  it('accepts consistent bounds (and KEDA defaults)', () => {
    expect(
      problems('autoscaler-replica-bounds', web, scaledObject('web', { extra: '  minReplicaCount: 1\n  maxReplicaCount: 3\n  idleReplicaCount: 0' })),
    ).toEqual([]);
    expect(problems('autoscaler-replica-bounds', web, scaledObject('web'), hpa('other', { target: 'x' }))).toEqual([]);
  });
});

describe('keda-unique-trigger-names', () => {
  const trig = (name: string): string => `    - type: cron
      name: ${name}
      metadata: { timezone: Etc/UTC, start: "0 8 * * *", end: "0 18 * * *", desiredReplicas: "3" }`;
  it('reports a repeated trigger name', () => {
    const p = problems('keda-unique-trigger-names', web, scaledObject('web', { triggers: `${trig('day')}\n${trig('day')}` }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ path: '/spec/triggers/1/name', message: 'trigger name "day" is already used by triggers[0]' });
  });
  it('accepts distinct names', () => {
    expect(problems('keda-unique-trigger-names', web, scaledObject('web', { triggers: `${trig('day')}\n${trig('night')}` }))).toEqual([]);
  });
});

describe('keda-name-length', () => {
  it('reports a name whose derived HPA name exceeds 63 characters', () => {
    const name = `w${'e'.repeat(55)}`;
    const p = problems('keda-name-length', web, scaledObject(name));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain(`"keda-hpa-${name}" has 65 characters`);
  });
  it('accepts a short name, or a long one with a short custom HPA name', () => {
    expect(problems('keda-name-length', web, scaledObject('web'))).toEqual([]);
    expect(
      problems(
        'keda-name-length',
        web,
        scaledObject(`w${'e'.repeat(55)}`, { extra: '  advanced:\n    horizontalPodAutoscalerConfig:\n      name: web-hpa' }),
      ),
    ).toEqual([]);
  });
});

describe('keda-cpu-memory-min-replicas', () => {
  const cpu = `    - type: cpu
      metricType: Utilization
      metadata:
        value: "70"`;
  it('reports cpu-only triggers with the default minReplicaCount 0', () => {
    const p = problems('keda-cpu-memory-min-replicas', web, scaledObject('web', { triggers: cpu }));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain('must be >= 1 when every trigger is cpu or memory');
  });
  it('accepts minReplicaCount 1, or an event trigger next to cpu', () => {
    expect(problems('keda-cpu-memory-min-replicas', web, scaledObject('web', { triggers: cpu, extra: '  minReplicaCount: 1' }))).toEqual([]);
    expect(
      problems(
        'keda-cpu-memory-min-replicas',
        web,
        scaledObject('web', {
          triggers: `${cpu}\n    - type: cron\n      metadata: { timezone: Etc/UTC, start: "0 8 * * *", end: "0 9 * * *", desiredReplicas: "2" }`,
        }),
      ),
    ).toEqual([]);
  });
});

describe('keda-fallback-triggers (KEDA v2.20.2 CheckFallbackValid)', () => {
  const fallback = '  fallback:\n    failureThreshold: 3\n    replicas: 6';
  const cpu = `    - type: cpu
      metricType: Utilization
      metadata: { value: "60" }`;
  it('reports fallback when every trigger is cpu or memory', () => {
    const p = problems('keda-fallback-triggers', web, scaledObject('web', { extra: `${fallback}\n  minReplicaCount: 1`, triggers: cpu }));
    expect(p.map((x) => x.path)).toEqual(['/spec/fallback']);
  });
  it('accepts fallback with another trigger beside cpu, whatever its metricType, and with scalingModifiers', () => {
    const value = `    - type: prometheus
      name: p
      metricType: Value
      metadata: { serverAddress: "http://p:9090", query: "sum(up)", threshold: "5" }`;
    expect(problems('keda-fallback-triggers', web, scaledObject('web', { extra: fallback, triggers: `${value}\n${cpu}` }))).toEqual([]);
    const modifiers = `${fallback}\n  minReplicaCount: 1\n  advanced:\n    scalingModifiers: { formula: "1", target: "2" }`;
    expect(problems('keda-fallback-triggers', web, scaledObject('web', { extra: modifiers, triggers: cpu }))).toEqual([]);
  });
});

describe('keda-scaling-modifiers (cases of KEDA v2.20 scaledobject_webhook_test.go)', () => {
  const triggers = `    - type: cron
      name: trig_one
      metadata: { timezone: UTC, start: "0 * * * *", end: "1 * * * *", desiredReplicas: "1" }
    - type: kubernetes-workload
      name: trig_two
      metadata: { podSelector: "pod=workload-test", value: "1" }
    - type: cpu
      name: cpu_trig
      metricType: Utilization
      metadata: { value: "60" }`;
  const modifiers = (sm: string, extra = '') =>
    scaledObject('web', { extra: `  minReplicaCount: 1\n  advanced:\n    scalingModifiers: ${sm}${extra}`, triggers });
  const found = (sm: string, extra = '') => problems('keda-scaling-modifiers', web, modifiers(sm, extra)).map((p) => `${p.path} ${p.message}`);

  it('accepts a formula over named triggers, with a target, and fallback behavior scalingModifiers with a formula', () => {
    expect(found('{ target: "2", formula: "workload_trig ?? 1" }'.replace('workload_trig', 'trig_two'))).toEqual([]);
    expect(
      found(
        '{ target: "2", formula: "trig_one ?? trig_two ?? 5" }',
        '\n  fallback: { failureThreshold: 3, replicas: 5, behavior: scalingModifiers }',
      ),
    ).toEqual([]);
    expect(found('{ target: "0.5", metricType: Value, formula: "max(trig_one, trig_two) > 3 ? trig_two : 0" }')).toEqual([]);
  });

  it('rejects a formula without a target, a target that is not a number > 0, Utilization, and a formula naming an unknown or cpu trigger', () => {
    expect(found('{ formula: "trig_one + 1" }')).toEqual([
      '/spec/advanced/scalingModifiers/target scalingModifiers.formula is given but target is empty',
    ]);
    expect(found('{ target: "0", formula: "trig_one" }')).toEqual([
      '/spec/advanced/scalingModifiers/target scalingModifiers.target ("0") must be a number > 0',
    ]);
    expect(found('{ target: "two", formula: "trig_one" }')).toHaveLength(1);
    expect(found('{ target: "2", metricType: Utilization, formula: "trig_one" }')).toEqual([
      '/spec/advanced/scalingModifiers/metricType scalingModifiers.metricType is Utilization, but it needs to be AverageValue or Value for external metrics',
    ]);
    expect(found('{ target: "2", formula: "trig_one + trig_three" }')).toEqual([
      '/spec/advanced/scalingModifiers/formula scalingModifiers.formula names "trig_three", which is not the name of a trigger (named triggers: trig_one, trig_two)',
    ]);
    expect(found('{ target: "2", formula: "cpu_trig * 2" }')[0]).toContain('names "cpu_trig"');
    expect(found('{ target: "2" }')).toEqual([
      '/spec/advanced/scalingModifiers/formula scalingModifiers.formula is mandatory once scalingModifiers is set',
    ]);
  });

  it('rejects fallback behavior scalingModifiers without a formula ("shouldn\'t validate ... fallback without formula")', () => {
    const so = scaledObject('web', {
      extra: '  minReplicaCount: 1\n  fallback: { failureThreshold: 3, replicas: 5, behavior: scalingModifiers }',
      triggers,
    });
    expect(problems('keda-scaling-modifiers', web, so).map((p) => p.path)).toEqual(['/spec/fallback/behavior']);
  });
});

describe('scale-target-exists', () => {
  it('reports a missing target, a wrong namespace and a DaemonSet target', () => {
    expect(problems('scale-target-exists', web, scaledObject('web', { target: 'wbe' }))[0]!.message).toBe(
      'scaleTargetRef apps/Deployment "wbe" not found in namespace "apps"',
    );
    expect(problems('scale-target-exists', deployment({ name: 'web', namespace: 'other' }), hpa('web'))).toHaveLength(1);
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: apps }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers: [{ name: agent, image: agent:1 }]`;
    expect(problems('scale-target-exists', ds, hpa('agent', { kind: 'DaemonSet', target: 'agent' }))[0]!.message).toContain('DaemonSet');
  });
  it('accepts a target of the right kind in the same namespace, and autoscalers given alone', () => {
    expect(problems('scale-target-exists', web, scaledObject('web'), hpa('web2', { target: 'web' }))).toEqual([]);
    expect(problems('scale-target-exists', scaledObject('web'), hpa('web2', { target: 'web' }))).toEqual([]);
  });
});

describe('autoscaled-replicas-unset', () => {
  it('reports an autoscaled Deployment that sets replicas', () => {
    const p = problems('autoscaled-replicas-unset', deployment({ name: 'web', replicas: 3, cpu: '1' }), hpa('web'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ kind: 'Deployment', name: 'web', path: '/spec/replicas' });
  });
  it('accepts replicas on a Deployment nobody scales, and no replicas on an autoscaled one', () => {
    expect(problems('autoscaled-replicas-unset', deployment({ name: 'web', replicas: 3 }), hpa('x', { target: 'other' }))).toEqual([]);
    expect(problems('autoscaled-replicas-unset', web, hpa('web'))).toEqual([]);
  });
});

describe('utilization-needs-requests', () => {
  it('reports cpu utilization scaling of a container without a cpu request', () => {
    const p = problems('utilization-needs-requests', deployment({ name: 'web', memory: '128Mi' }), hpa('web'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ path: '/spec/template/spec/containers/0/resources/requests/cpu' });
    const keda = scaledObject('web', {
      extra: '  minReplicaCount: 1',
      triggers: '    - type: memory\n      metricType: Utilization\n      metadata: { value: "80" }',
    });
    expect(problems('utilization-needs-requests', deployment({ name: 'web', cpu: '1' }), keda)).toHaveLength(1);
  });
  it('accepts requests on every container, or AverageValue targets', () => {
    expect(problems('utilization-needs-requests', web, hpa('web'))).toEqual([]);
    const avg = hpa('web', {
      metric: '    - type: Resource\n      resource:\n        name: cpu\n        target: { type: AverageValue, averageValue: 500m }',
    });
    expect(problems('utilization-needs-requests', deployment({ name: 'web' }), avg)).toEqual([]);
  });
  // the API server copies a limit into the missing request (kubernetes pkg/apis/core/v1/defaults.go SetDefaults_Pod);
  // KEDA's verifyCPUMemoryScalers accepts a limit alone too (scaledobject_webhook_test.go "should not validate
  // ScaledObject creation when deployment only provides cpu resource limits", which expects success)
  it('accepts a limit without a request, and reports a request of 0 that a limit does not replace', () => {
    const withResources = (resources: string) =>
      deployment({ name: 'web' }).replace('image: nginx:1.27', `image: nginx:1.27\n          resources: ${resources}`);
    expect(withResources('{ limits: { cpu: 500m } }')).toContain('limits');
    expect(problems('utilization-needs-requests', withResources('{ limits: { cpu: 500m } }'), hpa('web'))).toEqual([]);
    expect(problems('utilization-needs-requests', withResources('{ requests: { cpu: "0" }, limits: { cpu: 500m } }'), hpa('web'))).toHaveLength(1);
  });
});
