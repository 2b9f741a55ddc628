// HorizontalPodAutoscalers as the API server checks them (cases after TestValidateHorizontalPodAutoscaler and
// TestValidateBehavior of kubernetes/pkg/apis/autoscaling/validation/validation_test.go).
import { describe, expect, it } from 'vitest';
import { apiserver, object } from './support/apiserver.js';

const TARGET = 'scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }';
const CPU = '{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }';
const hpa = (spec: string) => apiserver(object('autoscaling/v2', 'HorizontalPodAutoscaler', `spec: { ${TARGET}, ${spec} }`));

describe('apiserver: HorizontalPodAutoscalers', () => {
  it('minReplicas ≥ 1 (by default 1), maxReplicas ≥ minReplicas', () => {
    expect(hpa(`minReplicas: 2, maxReplicas: 10, metrics: [${CPU}]`)).toEqual([]);
    expect(hpa('minReplicas: 0, maxReplicas: 3')).toEqual(['/spec/minReplicas Invalid value: 0: must be greater than or equal to 1']);
    expect(hpa('minReplicas: 12, maxReplicas: 10')).toEqual(['/spec/maxReplicas Invalid value: 10: must be greater than or equal to `minReplicas`']);
    expect(apiserver(object('autoscaling/v2', 'HorizontalPodAutoscaler', 'spec: { scaleTargetRef: { kind: Deployment }, maxReplicas: 3 }'))).toEqual([
      '/spec/scaleTargetRef/name Required value',
    ]);
  });

  it('metrics: a known type with its own source, a target type and positive targets', () => {
    expect(
      hpa(
        'maxReplicas: 5, metrics: [{ type: Pods, pods: { metric: { name: rps }, target: { type: AverageValue, averageValue: "100" } } }, { type: External, external: { metric: { name: queue }, target: { type: Value, value: 30 } } }]',
      ),
    ).toEqual([]);
    expect(hpa('maxReplicas: 5, metrics: [{ type: Resource }]')).toEqual([
      '/spec/metrics/0/resource Required value: must populate information for the given metric source',
    ]);
    expect(hpa('maxReplicas: 5, metrics: [{ type: Cpu }]')).toEqual([
      '/spec/metrics/0/type Unsupported value: "Cpu": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"',
    ]);
    expect(
      hpa('maxReplicas: 5, metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 0 } } }]'),
    ).toEqual(['/spec/metrics/0/resource/target/averageUtilization Invalid value: 0: must be greater than 0']);
    expect(hpa('maxReplicas: 5, metrics: [{ type: Resource, resource: { name: cpu, target: { type: Value, value: "1" } } }]')).toEqual([
      '/spec/metrics/0/resource/target/averageUtilization Required value: must set either a target raw value or a target utilization',
      '/spec/metrics/0/resource/target/value Forbidden: the resource metric source does not support target value',
    ]);
    expect(
      hpa('maxReplicas: 5, metrics: [{ type: Pods, pods: { metric: { name: rps }, target: { type: AverageValue, averageValue: "-1" } } }]'),
    ).toEqual(['/spec/metrics/0/pods/target/averageValue Invalid value: "-1": must be positive']);
  });

  it('behavior: stabilization window 0..3600, policies of Pods or Percent with value > 0 and period 1..1800', () => {
    expect(
      hpa(
        'maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: Max, policies: [{ type: Percent, value: 10, periodSeconds: 60 }] } }',
      ),
    ).toEqual([]);
    expect(hpa('maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } }')).toEqual([
      '/spec/behavior/scaleDown/stabilizationWindowSeconds Invalid value: 3601: must be less than or equal to 3600',
    ]);
    expect(hpa('maxReplicas: 5, behavior: { scaleUp: { policies: [{ type: Pods, value: 0, periodSeconds: 1801 }] } }')).toEqual([
      '/spec/behavior/scaleUp/policies/0/value Invalid value: 0: must be greater than zero',
      '/spec/behavior/scaleUp/policies/0/periodSeconds Invalid value: 1801: must be less than or equal to 1800',
    ]);
    expect(hpa('maxReplicas: 5, behavior: { scaleUp: { selectPolicy: Fastest, policies: [] } }')).toEqual([
      '/spec/behavior/scaleUp/selectPolicy Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
      '/spec/behavior/scaleUp/policies Required value: must specify at least one Policy',
    ]);
  });
});
