// Pod Security admission in `validate`: the policy a Namespace's labels ask for, the rules that evaluate every pod
// template against it (errors for enforce, warnings for warn and audit), and the command's exit codes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { policyOf } from '../src/validate/pod-security/policy.js';
import { deployment, problems } from './support/manifests.js';
import { REPO, runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const namespace = (name: string, labels: Record<string, string>) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n${Object.entries(labels)
    .map(([k, v]) => `    ${k}: "${v}"`)
    .join('\n')}`;

/** A Deployment whose container is privileged and sets nothing else. */
const privilegedApp = deployment({ name: 'web', namespace: 'apps' }).replace(
  '          image: nginx:1.27\n',
  '          image: nginx:1.27\n          securityContext:\n            privileged: true\n',
);

/** A Deployment that meets restricted. */
const restrictedApp = deployment({
  name: 'web',
  namespace: 'apps',
  podSpec: '      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault',
}).replace(
  '          image: nginx:1.27\n',
  '          image: nginx:1.27\n          securityContext:\n            allowPrivilegeEscalation: false\n            capabilities:\n              drop: [ALL]\n',
);

describe('the policy of a namespace (upstream api.PolicyToEvaluate)', () => {
  it('is privileged:latest without labels; versions default to latest', () => {
    expect(policyOf({})).toEqual({
      enforce: { level: 'privileged', version: 'latest' },
      warn: { level: 'privileged', version: 'latest' },
      audit: { level: 'privileged', version: 'latest' },
      errors: [],
    });
    expect(policyOf({ 'pod-security.kubernetes.io/enforce': 'baseline' }).enforce).toEqual({ level: 'baseline', version: 'latest' });
  });

  it('warns at the enforce level and version unless warn is set', () => {
    const p = policyOf({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.29' });
    expect(p.warn).toEqual({ level: 'restricted', version: 29 });
    expect(policyOf({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' }).warn).toEqual({
      level: 'restricted',
      version: 'latest',
    });
  });

  it('fails closed on an invalid enforce level (restricted) and open on an invalid warn or audit level (privileged)', () => {
    const p = policyOf({
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/warn': 'loud',
      'pod-security.kubernetes.io/audit-version': 'v1.29.1',
    });
    expect(p.enforce.level).toBe('restricted');
    expect(p.warn.level).toBe('privileged');
    expect(p.errors.map((e) => `${e.label}=${e.value}: ${e.message}`)).toEqual([
      'pod-security.kubernetes.io/enforce=strict: must be one of privileged, baseline, restricted',
      'pod-security.kubernetes.io/warn=loud: must be one of privileged, baseline, restricted',
      'pod-security.kubernetes.io/audit-version=v1.29.1: must be "latest" or "v1.x"',
    ]);
  });
});

describe('rule pod-security-labels', () => {
  it('rejects an invalid level or version label, naming label and value', () => {
    const found = problems(
      'pod-security-labels',
      namespace('apps', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': '1.29' }),
    );
    expect(found.map((p) => [p.severity, p.path, p.message])).toEqual([
      [
        'error',
        '/metadata/labels/pod-security.kubernetes.io~1enforce-version',
        'pod-security.kubernetes.io/enforce-version "1.29" is invalid: must be "latest" or "v1.x"',
      ],
    ]);
  });

  it('accepts latest and v1.x', () => {
    expect(
      problems(
        'pod-security-labels',
        namespace('apps', {
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/enforce-version': 'v1.35',
          'pod-security.kubernetes.io/warn-version': 'latest',
        }),
      ),
    ).toEqual([]);
  });
});

describe('rule pod-security-enforce', () => {
  it("reports each control a pod template fails, with upstream's message and the field's pointer", () => {
    const found = problems(
      'pod-security-enforce',
      namespace('apps', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.29' }),
      privilegedApp,
    );
    expect(found.map((p) => `${p.kind} ${p.namespace}/${p.name} ${p.path} ${p.message}`)).toEqual([
      'Deployment apps/web /spec/template/spec/containers/0/securityContext/privileged violates PodSecurity "restricted:v1.29": privileged (container "web" must not set securityContext.privileged=true)',
      'Deployment apps/web /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation violates PodSecurity "restricted:v1.29": allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false)',
      'Deployment apps/web /spec/template/spec/containers/0/securityContext/capabilities/drop violates PodSecurity "restricted:v1.29": unrestricted capabilities (container "web" must set securityContext.capabilities.drop=["ALL"])',
      'Deployment apps/web /spec/template/spec/securityContext/runAsNonRoot violates PodSecurity "restricted:v1.29": runAsNonRoot != true (pod or container "web" must set securityContext.runAsNonRoot=true)',
      'Deployment apps/web /spec/template/spec/securityContext/seccompProfile/type violates PodSecurity "restricted:v1.29": seccompProfile (pod or container "web" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
    expect(found.every((p) => p.severity === 'error')).toBe(true);
  });

  it('passes a template that meets the level', () => {
    expect(problems('pod-security-enforce', namespace('apps', { 'pod-security.kubernetes.io/enforce': 'restricted' }), restrictedApp)).toEqual([]);
    expect(
      problems(
        'pod-security-enforce',
        namespace('apps', { 'pod-security.kubernetes.io/enforce': 'baseline' }),
        deployment({ name: 'web', namespace: 'apps' }),
      ),
    ).toEqual([]);
  });

  it('evaluates nothing in a namespace without a Namespace object in the set, or a privileged one', () => {
    expect(problems('pod-security-enforce', privilegedApp)).toEqual([]);
    expect(problems('pod-security-enforce', namespace('other', { 'pod-security.kubernetes.io/enforce': 'restricted' }), privilegedApp)).toEqual([]);
    expect(problems('pod-security-enforce', namespace('apps', { 'pod-security.kubernetes.io/enforce': 'privileged' }), privilegedApp)).toEqual([]);
  });

  it('reads the pod template of a CronJob and its annotations', () => {
    const cron = `apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: apps }
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          annotations: { container.apparmor.security.beta.kubernetes.io/job: unconfined }
        spec:
          restartPolicy: Never
          containers: [{ name: job, image: busybox:1.36 }]`;
    const found = problems('pod-security-enforce', namespace('apps', { 'pod-security.kubernetes.io/enforce': 'baseline' }), cron);
    expect(found.map((p) => [p.path, p.message])).toEqual([
      [
        '/spec/jobTemplate/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1job',
        'violates PodSecurity "baseline:latest": forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/job="unconfined"")',
      ],
    ]);
  });
});

describe('rule pod-security-warn', () => {
  it('warns about the warn and audit levels, once per control, what enforce does not already reject', () => {
    const ns = namespace('apps', {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    expect(problems('pod-security-enforce', ns, privilegedApp).map((p) => p.message)).toEqual([
      'violates PodSecurity "baseline:latest": privileged (container "web" must not set securityContext.privileged=true)',
    ]);
    const warnings = problems('pod-security-warn', ns, privilegedApp);
    expect(warnings.every((p) => p.severity === 'warning')).toBe(true);
    expect(warnings.map((p) => p.message.replace(/ \(.*/, ''))).toEqual([
      'would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false',
      'would violate PodSecurity "restricted:latest": unrestricted capabilities',
      'would violate PodSecurity "restricted:latest": runAsNonRoot != true',
      'would violate PodSecurity "restricted:latest": seccompProfile',
    ]);
  });

  it('says (audit) for the audit level', () => {
    const ns = namespace('apps', { 'pod-security.kubernetes.io/audit': 'baseline' });
    expect(problems('pod-security-warn', ns, privilegedApp).map((p) => p.message)).toEqual([
      '(audit) would violate PodSecurity "baseline:latest": privileged (container "web" must not set securityContext.privileged=true)',
    ]);
  });
});

describe('validate: Pod Security', () => {
  const dir = tempDir('psa-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 naming the control when a Deployment breaks the enforced level', () => {
    const file = join(mkdir(dir, 'enforce'), 'apps.yaml');
    writeFileSync(
      file,
      `${namespace('apps', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.29' })}\n---\n${privilegedApp}`,
    );
    const r = runCli(['validate', file], REPO);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /apps\.yaml:\d+ {2}Deployment apps\/web {2}\/spec\/template\/spec\/containers\/0\/securityContext\/privileged {2}violates PodSecurity "restricted:v1\.29": privileged \(container "web" must not set securityContext\.privileged=true\) \[pod-security-enforce\]/,
    );
  });

  it('exits 0 with a warning when the namespace only warns', () => {
    const file = join(mkdir(dir, 'warn'), 'apps.yaml');
    writeFileSync(file, `${namespace('apps', { 'pod-security.kubernetes.io/warn': 'restricted' })}\n---\n${privilegedApp}`);
    const r = runCli(['validate', file], REPO);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'would violate PodSecurity "restricted:latest": privileged (container "web" must not set securityContext.privileged=true)',
    );
  });
});

/** `parent/name`, created. */
function mkdir(parent: string, name: string): string {
  const d = join(parent, name);
  mkdirSync(d, { recursive: true });
  return d;
}
