// Upstream's Pod Security fixtures (test/fixtures/pod-security/, bundled by scripts/import-pod-security-fixtures.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { Level } from '../../src/validate/pod-security/check.js';
import type { PodView } from '../../src/validate/pod-security/check.js';
import { REPO } from './run-cli.js';

/** One fixture Pod: its name (upstream's file name) and the pod a control reads. */
export interface Fixture {
  readonly name: string;
  readonly pod: PodView;
}

/** The fixtures upstream generates for a level at a version that must pass, or fail. */
export function fixtures(level: Exclude<Level, 'privileged'>, version: string, kind: 'pass' | 'fail'): Fixture[] {
  const text = readFileSync(join(REPO, 'test', 'fixtures', 'pod-security', `${level}-${version}-${kind}.yaml`), 'utf8');
  return parseAllDocuments(text).map((d) => {
    const o = d.toJS() as { metadata: { name: string; annotations?: Record<string, string> }; spec: Record<string, any> };
    return { name: o.metadata.name, pod: { annotations: o.metadata.annotations ?? {}, spec: o.spec } };
  });
}

/**
 * The text a failing fixture's message must contain, by the fixture's name (its check ID, lower-cased, and a number):
 * upstream's `expectErrorSubstring` of each fixture generator (test/fixtures_*.go), the check ID when it has none.
 */
const EXPECTED: Readonly<Record<string, string>> = {
  allowprivilegeescalation: 'allowPrivilegeEscalation',
  apparmorprofile: 'forbidden AppArmor profile',
  capabilities_baseline: 'capabilities',
  capabilities_restricted: 'unrestricted capabilities',
  hostnamespaces: 'host namespaces',
  hostpathvolumes: 'hostPath',
  hostports: 'hostPort',
  hostprobesandhostlifecycle: 'probe or lifecycle host',
  privileged: 'privileged',
  procmount: 'procMount',
  procmount_restricted: 'procMount',
  restrictedvolumes: 'restricted volume types',
  runasnonroot: 'runAsNonRoot',
  runasuser: 'runAsUser',
  selinuxoptions: 'seLinuxOptions',
  seccompprofile_baseline: 'seccompProfile',
  seccompprofile_restricted: 'seccompProfile',
  sysctls: 'forbidden sysctl',
  windowshostprocess: 'hostProcess',
};

/** What a failing fixture's message must contain. */
export function expectedSubstring(fixtureName: string): string {
  const key = fixtureName.replace(/[0-9]+$/, '');
  const expected = EXPECTED[key];
  if (expected === undefined) throw new Error(`no expected message for fixture ${fixtureName}`);
  return expected;
}
