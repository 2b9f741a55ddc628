// Karpenter's CEL tests and KEDA's webhook tests (test/fixtures/peers/SOURCES.md), transcribed case by case, through
// `validate`: where upstream is right we agree with it, on pass/fail, on the field path and on its message where it
// asserts one. One validate call per upstream file. What cannot be decided offline is listed as todo with the reason.
import { describe, expect, it } from 'vitest';
import { crdAgrees, crdOutcomes, readCases } from './support/crd-cases.js';

/** Upstream cases we deliberately disagree with, by `file:line it`, with the reason. */
const DELIBERATE: Record<string, string> = {};

const SUITES = [
  'karpenter/nodepool_validation_cel_test.yaml',
  'karpenter/nodeclaim_validation_cel_test.yaml',
  'karpenter/ec2nodeclass_validation_cel_test.yaml',
  'karpenter/provider_nodepool_validation_cel_test.yaml',
];

describe.each(SUITES)('%s through validate', (file) => {
  it('agrees with every case but the deliberate differences, every CEL rule evaluated', async () => {
    const { outcomes, notEvaluated } = await crdOutcomes(file);
    const disagreeing = outcomes.filter((o) => !crdAgrees(o));
    const report = disagreeing.map((o) => `${o.name}: expected ${JSON.stringify(o.expected)}, ours ${JSON.stringify(o.ours)}`);
    expect(report.filter((r) => !Object.keys(DELIBERATE).some((d) => r.startsWith(d)))).toEqual([]);
    expect(notEvaluated).toEqual([]);
  }, 120_000);
  for (const c of readCases(file).todo) it.todo(`${file}:${c.line} ${c.it} (${c.todo})`);
});
