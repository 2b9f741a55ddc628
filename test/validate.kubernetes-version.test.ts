// Built-in kinds are checked against the OpenAPI of the cluster's Kubernetes version (pinned for 1.28 to 1.35):
// `validate --kubernetes-version`, the newest by default, and synth per environment (cluster.kubernetesVersion).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kubernetesVersions, readLock } from '../src/schemas/lock.js';
import { validateManifests } from '../src/validate/index.js';
import { docs } from './support/manifests.js';
import { mirrorDirs } from './support/mirror.js';
import { runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const MIRRORS = mirrorDirs();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SIDECAR = `apiVersion: v1
kind: Pod
metadata: { name: with-sidecar, namespace: apps }
spec:
  initContainers:
    - name: proxy
      image: envoyproxy/envoy:v1.31.0
      restartPolicy: Always
  containers:
    - name: app
      image: nginx:1.27
`;

const VAP = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: replicas-limit }
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: [apps]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [deployments]
  validations:
    - expression: object.spec.replicas <= 5
`;

const problemsAt = async (yaml: string, kubernetesVersion?: string, ignoreMissingSchemas = false): Promise<string[]> =>
  (await validateManifests(docs(yaml), { mirrors: MIRRORS, kubernetesVersion, ignoreMissingSchemas })).problems.map(
    (p) => `${p.kind} ${p.path} ${p.message}`,
  );

describe('validate --kubernetes-version: native sidecars (initContainers[].restartPolicy)', () => {
  it('accepts them from 1.29, where SidecarContainers is on by default', async () => {
    expect(await problemsAt(SIDECAR, '1.29')).toEqual([]);
  });

  it('rejects them on 1.28, where the API server drops the field', async () => {
    expect(await problemsAt(SIDECAR, '1.28')).toEqual([
      'Pod /spec/initContainers/0/restartPolicy unknown field "restartPolicy" (Kubernetes 1.28 drops it: feature gate SidecarContainers is off by default before 1.29)',
    ]);
  });
});

describe('validate --kubernetes-version: ValidatingAdmissionPolicy admissionregistration.k8s.io/v1', () => {
  it('is served from 1.30', async () => {
    expect(await problemsAt(VAP, '1.30')).toEqual([]);
  });

  it('is not served on 1.29', async () => {
    expect(await problemsAt(VAP, '1.29')).toEqual([
      // the 1.29 OpenAPI serves admissionregistration.k8s.io/v1 without it; the 1.27 definitions have the alpha
      'ValidatingAdmissionPolicy /apiVersion ValidatingAdmissionPolicy is not served as admissionregistration.k8s.io/v1 on Kubernetes 1.29; the pinned schemas serve admissionregistration.k8s.io/v1alpha1',
    ]);
  });
});

describe('validate: group versions whose OpenAPI is not pinned are checked against the 1.27 definitions', () => {
  // as kubeconform (its default schemas) and kubectl-validate (its built-in ones) check every group version they know
  const LEASE = (duration: string) => `apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: { name: leader, namespace: apps }
spec: { holderIdentity: pod-a, leaseDurationSeconds: ${duration} }
`;
  const HPA_V1 = (spec: string) => `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: apps }
spec: { ${spec} }
`;
  const CSR = (extra: string) => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: { name: client }
spec: { request: aGVsbG8=, signerName: example.com/client${extra} }
`;

  it('passes valid objects of coordination.k8s.io/v1, autoscaling/v1 and certificates.k8s.io/v1', async () => {
    expect(
      await problemsAt(`${LEASE('15')}---\n${HPA_V1('maxReplicas: 3, scaleTargetRef: { kind: Deployment, name: web }')}---\n${CSR('')}`),
    ).toEqual([]);
  });

  it('fails invalid ones with the field path', async () => {
    expect(
      await problemsAt(
        `${LEASE('"15s"')}---\n${HPA_V1('scaleTargetRef: { kind: Deployment, name: web }')}---\n${CSR(', usages: [client auth], expirationSeconds: soon')}`,
      ),
    ).toEqual([
      'Lease /spec/leaseDurationSeconds must be integer',
      'HorizontalPodAutoscaler /spec/maxReplicas missing required field "maxReplicas"',
      'CertificateSigningRequest /spec/expirationSeconds must be integer',
    ]);
  });

  it('on every pinned version, including the oldest', async () => {
    expect(await problemsAt(LEASE('"15s"'), '1.28')).toEqual(['Lease /spec/leaseDurationSeconds must be integer']);
  });
});

describe('validate --kubernetes-version: the default', () => {
  it('is the newest pinned version', async () => {
    const versions = kubernetesVersions(readLock());
    expect(versions).toEqual(['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
    const flowSchema = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata: { name: f }
spec: { priorityLevelConfiguration: { name: p } }
`;
    // removed in 1.32: the default (1.35) names the removal; 1.31 still serves it (no flowcontrol OpenAPI is pinned:
    // the 1.27 definitions check it)
    expect(await problemsAt(flowSchema)).toEqual([
      'FlowSchema /apiVersion flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema was removed in Kubernetes 1.32 (validating for 1.35): use flowcontrol.apiserver.k8s.io/v1',
    ]);
    expect(await problemsAt(flowSchema, '1.31')).toEqual([]);
  });

  it('refuses a version that is not pinned, naming the pinned ones', async () => {
    await expect(problemsAt(SIDECAR, '1.27')).rejects.toThrow(
      'Kubernetes 1.27 has no pinned OpenAPI in schemas.lock.json (pinned: 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, 1.34, 1.35)',
    );
  });
});

describe('validate: removed APIs', () => {
  const REMOVED = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
---
apiVersion: extensions/v1beta1
kind: DaemonSet
metadata: { name: agent, namespace: ops }
---
apiVersion: apps/v1beta2
kind: StatefulSet
metadata: { name: db, namespace: ops }
---
apiVersion: storage.k8s.io/v1beta1
kind: CSIStorageCapacity
metadata: { name: c, namespace: ops }
---
apiVersion: autoscaling/v2beta2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: apps }
`;
  const expected = [
    'CustomResourceDefinition /apiVersion apiextensions.k8s.io/v1beta1 CustomResourceDefinition was removed in Kubernetes 1.22 (validating for 1.33): use apiextensions.k8s.io/v1',
    'DaemonSet /apiVersion extensions/v1beta1 DaemonSet was removed in Kubernetes 1.16 (validating for 1.33): use apps/v1',
    'StatefulSet /apiVersion apps/v1beta2 StatefulSet was removed in Kubernetes 1.16 (validating for 1.33): use apps/v1',
    'CSIStorageCapacity /apiVersion storage.k8s.io/v1beta1 CSIStorageCapacity was removed in Kubernetes 1.27 (validating for 1.33): use storage.k8s.io/v1',
    'HorizontalPodAutoscaler /apiVersion autoscaling/v2beta2 HorizontalPodAutoscaler was removed in Kubernetes 1.26 (validating for 1.33): use autoscaling/v2',
  ];

  it('names each with the release that removed it', async () => {
    expect(await problemsAt(REMOVED, '1.33')).toEqual(expected);
  });

  it('names them also with --ignore-missing-schemas', async () => {
    expect(await problemsAt(REMOVED, '1.33', true)).toEqual(expected);
  });
});

describe('elastic-gitops validate --kubernetes-version', () => {
  it('checks against the version given, and exits 1 on what it does not serve', () => {
    const dir = tempDir('eg-k8s-version-');
    dirs.push(dir);
    writeFileSync(join(dir, 'vap.yaml'), VAP);
    const env = { ELASTIC_GITOPS_MIRROR: MIRRORS.join(':') };
    expect(runCli(['validate', 'vap.yaml'], dir, env)).toMatchObject({ status: 0 });
    const old = runCli(['validate', '--kubernetes-version', '1.29', 'vap.yaml'], dir, env);
    expect(old.status).toBe(1);
    expect(old.stdout).toContain('ValidatingAdmissionPolicy is not served as admissionregistration.k8s.io/v1 on Kubernetes 1.29');
  });

  it('takes a patch release as kubeconform does (1.29.0, v1.30.4), and master for the newest pinned', () => {
    const dir = tempDir('eg-k8s-version-');
    dirs.push(dir);
    writeFileSync(join(dir, 'vap.yaml'), VAP);
    const env = { ELASTIC_GITOPS_MIRROR: MIRRORS.join(':') };
    const run = (version: string) => runCli(['validate', '--kubernetes-version', version, 'vap.yaml'], dir, env);
    expect(run('1.29.0')).toMatchObject({ status: 1, stdout: run('1.29').stdout });
    expect(run('v1.30.4')).toMatchObject({ status: 0 });
    expect(run('master')).toMatchObject({ status: 0 });
    const bad = run('1.29.x');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --kubernetes-version ("1.29.x") must be a version such as 1.33 or 1.33.2\n');
  });
});

describe('synth input: each environment against its cluster.kubernetesVersion', () => {
  it('checks documents by their own version, and warns when that version is not pinned', async () => {
    const sidecarAt = (kubernetesVersion: string) => docs(SIDECAR, `${kubernetesVersion}/pod.yaml`).map((d) => ({ ...d, kubernetesVersion }));
    const report = await validateManifests([...sidecarAt('1.28'), ...sidecarAt('1.30'), ...sidecarAt('1.27')], { mirrors: MIRRORS });
    expect(report.problems.map((p) => `${p.file} ${p.severity} ${p.message}`)).toEqual([
      '1.27/pod.yaml warning Kubernetes 1.27 has no pinned OpenAPI in schemas.lock.json: checked against 1.28, the nearest pinned',
      '1.27/pod.yaml error unknown field "restartPolicy" (Kubernetes 1.28 drops it: feature gate SidecarContainers is off by default before 1.29)',
      '1.28/pod.yaml error unknown field "restartPolicy" (Kubernetes 1.28 drops it: feature gate SidecarContainers is off by default before 1.29)',
    ]);
    expect(report).toMatchObject({ resources: 3, valid: 1, invalid: 2 });
  });
});
