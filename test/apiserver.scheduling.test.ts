// PodDisruptionBudgets, PriorityClasses and Namespaces as the API server checks them (cases after
// TestValidatePodDisruptionBudgetSpec of pkg/apis/policy/validation, TestValidatePriorityClass of
// pkg/apis/scheduling/validation and TestValidateNamespace of pkg/apis/core/validation).
import { describe, expect, it } from 'vitest';
import { apiserver, object } from './support/apiserver.js';

const pdb = (spec: string) => apiserver(object('policy/v1', 'PodDisruptionBudget', `spec: ${spec}`));
const priorityClass = (name: string, body: string) =>
  apiserver(`apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: ${name} }\n${body}`);

describe('apiserver: PodDisruptionBudgets', () => {
  it('minAvailable xor maxUnavailable, each ≥ 0 or a percentage ≤ 100%', () => {
    expect(pdb('{ minAvailable: 1, selector: { matchLabels: { app: web } } }')).toEqual([]);
    expect(pdb('{ maxUnavailable: 50%, selector: { matchLabels: { app: web } } }')).toEqual([]);
    expect(pdb('{ minAvailable: 1, maxUnavailable: 1 }')).toEqual([
      '/spec Invalid value: {"minAvailable":1,"maxUnavailable":1}: minAvailable and maxUnavailable cannot be both set',
    ]);
    expect(pdb('{ minAvailable: -1 }')).toEqual(['/spec/minAvailable Invalid value: -1: must be greater than or equal to 0']);
    expect(pdb('{ maxUnavailable: 120% }')).toEqual(['/spec/maxUnavailable Invalid value: "120%": must not be greater than 100%']);
  });

  it('the selector is a valid label selector', () => {
    expect(pdb('{ minAvailable: 1, selector: { matchExpressions: [{ key: app, operator: Exists, values: [web] }] } }')).toEqual([
      "/spec/selector/matchExpressions/0/values Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ]);
    expect(pdb('{ minAvailable: 1, selector: { matchExpressions: [{ key: app, operator: Equals, values: [web] }] } }')).toEqual([
      '/spec/selector/matchExpressions/0/operator Invalid value: "Equals": not a valid selector operator',
    ]);
  });
});

describe('apiserver: PriorityClasses', () => {
  it('user classes are at most 1,000,000,000 and not named system-*', () => {
    expect(priorityClass('batch-low', 'value: -10\npreemptionPolicy: Never')).toEqual([]);
    expect(priorityClass('critical', 'value: 1000000001')).toEqual([
      '/value Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ]);
    expect(priorityClass('system-mine', 'value: 10')).toEqual([
      "/metadata/name Forbidden: priority class names with 'system-' prefix are reserved for system use only",
    ]);
    expect(priorityClass('system-cluster-critical', 'value: 2000000000')).toEqual([]);
    expect(priorityClass('p', 'value: 1\npreemptionPolicy: Always')).toEqual([
      '/preemptionPolicy Unsupported value: "Always": supported values: "Never", "PreemptLowerPriority"',
    ]);
  });
});

describe('apiserver: Namespaces', () => {
  it('a DNS-label name; spec.finalizers standard or domain-qualified', () => {
    expect(apiserver('apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\nspec: { finalizers: [kubernetes, example.com/cleanup] }')).toEqual(
      [],
    );
    expect(apiserver('apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\nspec: { finalizers: [cleanup] }')).toEqual([
      '/spec/finalizers/0 Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
