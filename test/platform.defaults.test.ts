import { describe, expect, it } from 'vitest';
import { find, render } from './support/render.js';

describe('priority classes', () => {
  it('renders each class with its value, description and preemption policy', () => {
    const objects = render({
      dev: `cluster: { name: c }\npriorityClasses:\n  - { name: critical, value: 100000, description: Customer facing, globalDefault: true }\n  - { name: batch, value: 10, preemptionPolicy: Never }\n`,
    });
    expect(find(objects, 'PriorityClass', 'critical')).toEqual({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'critical' },
      value: 100000,
      globalDefault: true,
      description: 'Customer facing',
      preemptionPolicy: 'PreemptLowerPriority',
    });
    expect(find(objects, 'PriorityClass', 'batch')).toMatchObject({ value: 10, preemptionPolicy: 'Never' });
  });

  it('rejects a second globalDefault and an undefined priorityClassName', async () => {
    const { compile } = await import('../src/synth/compile.js');
    const { envDir } = await import('./support/env-dir.js');
    const { dir } = envDir({
      dev: `cluster: { name: c }\npriorityClasses:\n  - { name: a, value: 1, globalDefault: true }\n  - { name: b, value: 2, globalDefault: true }\napps:\n  - { name: web, image: x, priorityClassName: hi }\n`,
    });
    expect(() => compile({ environmentsDir: dir })).toThrow(
      /priorityClasses\[1\]\.globalDefault: only one priority class may be globalDefault \(also priorityClasses\[0\]\)[\s\S]*apps\[0\]\.priorityClassName: priorityClassName "hi" is not defined in priorityClasses \(defined: a, b\)/,
    );
  });
});

describe('overprovisioning', () => {
  const objects = render({
    dev: `cluster: { name: c }\noverprovisioning:\n  enabled: true\n  replicas: 3\n  cpu: 900m\n  memory: 3.8G\n`,
  });

  it('renders a negative, non-preempting PriorityClass', () => {
    expect(find(objects, 'PriorityClass', 'overprovisioning')).toMatchObject({ value: -1, preemptionPolicy: 'Never', globalDefault: false });
  });

  it('holds replicas × cpu/memory of spare capacity with pause pods at that priority', () => {
    const d = find(objects, 'Deployment', 'overprovisioning');
    expect(d.metadata.namespace).toBe('overprovisioning');
    expect(d.spec.replicas).toBe(3);
    const pod = d.spec.template.spec;
    expect(pod.priorityClassName).toBe('overprovisioning');
    expect(pod.containers[0].image).toBe('registry.k8s.io/pause:3.9');
    expect(pod.containers[0].resources.requests).toEqual({ cpu: '900m', memory: '3.8G' });
    expect(find(objects, 'Namespace', 'overprovisioning')).toBeDefined();
  });
});
