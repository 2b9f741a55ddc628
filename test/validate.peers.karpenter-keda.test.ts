// Karpenter's CEL tests and KEDA's webhook tests (test/fixtures/peers/SOURCES.md), transcribed case by case, through
// `validate`: where upstream is right we agree with it, on pass/fail, on the field path and on its message where it
// asserts one. One validate call per upstream file. What cannot be decided offline is listed as todo with the reason.
import { describe, expect, it } from 'vitest';
import { crdAgrees, crdOutcomes, readCases } from './support/crd-cases.js';

/** Upstream cases we deliberately disagree with, by `file:line it`, with the reason. */
const DELIBERATE: Record<string, string> = {
  // the object has a cron trigger beside cpu and memory (createScaledObject), which CheckFallbackValid (v2.20.2)
  // accepts; upstream's Eventually(Create).Should(HaveOccurred()) passes on the retry's AlreadyExists
  "keda/scaledobject_webhook_test.yaml:180 shouldn't validate the so creation when the fallback is configured and only cpu/memory triggers are used.":
    'KEDA accepts it: a cron trigger beside cpu/memory',
  // fallback with scalingModifiers (metricType Value) is accepted since kedacore/keda#7790; same retry artifact
  'keda/scaledobject_webhook_test.yaml:248 should validate the so creation when the fallback is configured, and so uses ScalingModifiers.':
    'KEDA accepts it: fallback with scalingModifiers',
  // KEDA looks the Deployment up in the cluster; a set of autoscalers alone is not checked for targets
  // (scale-target-exists, keda-cpu-memory-requests): its workloads may be applied from elsewhere
  "keda/scaledobject_webhook_test.yaml:408 shouldn't validate the creation with cpu and memory when deployment is missing":
    'the cluster is not known offline',
};

const SUITES = [
  'karpenter/nodepool_validation_cel_test.yaml',
  'karpenter/nodeclaim_validation_cel_test.yaml',
  'karpenter/ec2nodeclass_validation_cel_test.yaml',
  'karpenter/provider_nodepool_validation_cel_test.yaml',
  'karpenter/v1alpha5_provisioner_validation_test.yaml',
  'karpenter/v1alpha1_awsnodetemplate_validation_test.yaml',
  'keda/scaledobject_webhook_test.yaml',
  'keda/scaledjob_webhook_test.yaml',
  'keda/triggerauthentication_webhook_test.yaml',
  'keda/scaletriggers_types_test.yaml',
];

describe.each(SUITES)('%s through validate', (file) => {
  it('agrees with every case but the deliberate differences, every CEL rule evaluated', async () => {
    const { outcomes, notEvaluated } = await crdOutcomes(file);
    const disagreeing = outcomes.filter((o) => !crdAgrees(o));
    const report = disagreeing.map((o) => `${o.name}: expected ${JSON.stringify(o.expected)}, ours ${JSON.stringify(o.ours)}`);
    expect(report.filter((r) => !Object.keys(DELIBERATE).some((d) => r.startsWith(`${d}: `)))).toEqual([]);
    // a deliberate difference that agrees again is taken off the list
    const names = new Set(disagreeing.map((o) => o.name));
    expect(Object.keys(DELIBERATE).filter((d) => d.startsWith(`${file}:`) && !names.has(d))).toEqual([]);
    expect(notEvaluated).toEqual([]);
  }, 120_000);
  for (const c of readCases(file).todo) it.todo(`${file}:${c.line} ${c.it} (${c.todo})`);
});
