// kubectl-validate's and kubeconform's own test cases (test/fixtures/peers/SOURCES.md) through `validate`: where the
// peer is right we agree with it, on pass/fail, on the field paths it names and on kubeconform's summary counts. The
// differences left are deliberate, each named here with its reason.
import { describe, expect, it } from 'vitest';
import { agrees, kubeconformOutcomes, kubectlValidateOutcomes, type PeerOutcome } from './support/peer-cases.js';

const DELIBERATE: Record<string, string> = {
  // kubectl-validate names the v1beta1 location (spec.validation...) of a CRD that is apiextensions.k8s.io/v1; we
  // fail it too, at the field of the object as written (spec.versions[0].schema...)
  'kubectl-validate error_crd_typo.yaml': 'field path of the v1 object, not the v1beta1 one',
  // its JobSet CRD (testcases/crds/jobset.yaml, 729 KB) is not committed: the JobSet has no schema here
  'kubectl-validate multiple_resources.yaml document 1': 'JobSet CRD not committed',
  // ours is always kubeconform -strict: unknown fields and duplicate keys are what the API server refuses or drops
  'kubeconform Pass when parsing a config with additional properties': 'always strict',
  'kubeconform Pass when parsing a config with duplicate properties and strict NOT set': 'always strict',
};

function check(outcomes: readonly PeerOutcome[]): void {
  const disagreeing = outcomes.filter((o) => !agrees(o)).map((o) => o.name);
  expect(disagreeing).toEqual(Object.keys(DELIBERATE).filter((name) => outcomes.some((o) => o.name === name)));
}

describe('peer test suites through validate', () => {
  it("kubectl-validate's testcases/manifests, with testcases/crds as local CRDs: every document but the deliberate differences", async () => {
    const outcomes = await kubectlValidateOutcomes();
    expect(outcomes).toHaveLength(37);
    check(outcomes);
  }, 120_000);

  it("kubeconform's acceptance.bats cases on its fixtures: exit status and summary counts but the deliberate differences", async () => {
    const outcomes = await kubeconformOutcomes();
    expect(outcomes).toHaveLength(30);
    check(outcomes);
  }, 120_000);
});
