// The restricted Pod Security Standard, control by control and version by version, as k8s.io/pod-security-admission
// evaluates it: upstream's generated fixtures (pass and fail per control) and the exact messages of its unit tests.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PodView } from '../src/validate/pod-security/check.js';
import type { Version } from '../src/validate/pod-security/policy.js';
import { checksFor, evaluatePod, MAX_VERSION } from '../src/validate/pod-security/registry.js';
import { expectedSubstring, fixtures } from './support/pod-security-fixtures.js';

const restricted = (version: Version) => ({ level: 'restricted' as const, version });
const messages = (version: Version, pod: PodView) => evaluatePod(restricted(version), pod).map((v) => `${v.reason} (${v.detail})`);
/** A pod from YAML (spec, and optional annotations). */
const pod = (spec: string, annotations: Record<string, string> = {}): PodView => ({ annotations, spec: parse(spec) });

/** upstream's minimal valid restricted pod (test/fixtures.go), from 1.22 on. */
const VALID = `
securityContext: { runAsNonRoot: true, seccompProfile: { type: RuntimeDefault } }
initContainers: [{ name: initcontainer1, image: registry.k8s.io/pause, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } } }]
containers: [{ name: container1, image: registry.k8s.io/pause, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } } }]
`;

for (const version of ['v1.0', 'v1.29', 'v1.35']) {
  const minor = Number(version.slice(3));
  describe(`restricted:${version}, upstream fixtures`, () => {
    it.each(fixtures('restricted', version, 'pass').map((f) => [f.name, f] as const))('passes %s', (_, f) => {
      expect(evaluatePod(restricted(minor), f.pod)).toEqual([]);
    });
    it.each(fixtures('restricted', version, 'fail').map((f) => [f.name, f] as const))('fails %s', (name, f) => {
      expect(messages(minor, f.pod).join(', ')).toContain(expectedSubstring(name));
    });
  });
}

describe('restricted: messages (upstream policy/check_*_test.go)', () => {
  it('capabilities: drop ALL and only NET_BIND_SERVICE added, containers and capabilities listed', () => {
    const p = pod(`
containers:
  - { name: a, securityContext: { capabilities: { add: [FOO, BAR] } } }
  - { name: b, securityContext: { capabilities: { add: [BAR, BAZ] } } }
  - { name: c, securityContext: { capabilities: { add: [NET_BIND_SERVICE, CHOWN], drop: [ALL, FOO] } } }`);
    const v = evaluatePod(restricted(35), p).find((x) => x.id === 'capabilities_restricted')!;
    expect(v.reason).toBe('unrestricted capabilities');
    expect(v.detail).toBe(
      'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add',
    );
    expect(v.path).toBe('/spec/containers/0/securityContext/capabilities/drop');
  });

  it('runAsNonRoot: false set explicitly, or true missing on the pod and a container', () => {
    const explicit = pod(`
securityContext: { runAsNonRoot: true }
containers: [{ name: a }, { name: b, securityContext: { runAsNonRoot: true } }, { name: c, securityContext: { runAsNonRoot: false } }, { name: d, securityContext: { runAsNonRoot: false } }]`);
    expect(evaluatePod(restricted(35), explicit).find((x) => x.id === 'runAsNonRoot')).toMatchObject({
      reason: 'runAsNonRoot != true',
      detail: 'containers "c", "d" must not set securityContext.runAsNonRoot=false',
      path: '/spec/containers/2/securityContext/runAsNonRoot',
    });
    const implicit = pod('containers: [{ name: a }, { name: b }, { name: c, securityContext: { runAsNonRoot: true } }]');
    expect(evaluatePod(restricted(35), implicit).find((x) => x.id === 'runAsNonRoot')).toMatchObject({
      detail: 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true',
      path: '/spec/securityContext/runAsNonRoot',
    });
  });

  it('seccompProfile: Unconfined named, or no profile on the pod nor the container', () => {
    expect(messages(35, pod('securityContext: { seccompProfile: { type: Unconfined } }\ncontainers: [{ name: a }]'))).toContain(
      'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")',
    );
    expect(messages(35, pod('containers: [{ name: a }]'))).toContain(
      'seccompProfile (pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
  });

  it('allowPrivilegeEscalation: unset counts as true', () => {
    expect(evaluatePod(restricted(35), pod('containers: [{ name: web }]')).find((x) => x.id === 'allowPrivilegeEscalation')).toMatchObject({
      reason: 'allowPrivilegeEscalation != false',
      detail: 'container "web" must set securityContext.allowPrivilegeEscalation=false',
      path: '/spec/containers/0/securityContext/allowPrivilegeEscalation',
    });
  });

  it('restricted volumes: only inline sources that cannot reach the node; a volume naming no source is an emptyDir', () => {
    const p = parse(VALID);
    p.volumes = [{ name: 'data' }, { name: 'host', hostPath: { path: '/var' } }, { name: 'share', nfs: { server: 'nfs', path: '/' } }];
    expect(evaluatePod(restricted(35), { annotations: {}, spec: p })).toEqual([
      {
        id: 'restrictedVolumes',
        reason: 'restricted volume types',
        detail: 'volumes "host", "share" use restricted volume types "hostPath", "nfs"',
        path: '/spec/volumes/1/hostPath',
      },
    ]);
  });

  it('controls run baseline first, then restricted, each level in check-ID order', () => {
    const p = pod('hostNetwork: true\ncontainers: [{ name: a, securityContext: { privileged: true, runAsUser: 0 } }]');
    expect(evaluatePod(restricted(35), p).map((v) => v.id)).toEqual([
      'hostNamespaces',
      'privileged',
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile_restricted',
    ]);
  });
});

describe('restricted: by version', () => {
  const ids = (version: Version) => checksFor(restricted(version)).map((c) => c.id);

  it('allowPrivilegeEscalation from 1.8, seccompProfile from 1.19, capabilities from 1.22, runAsUser from 1.23, procMount_restricted from 1.35', () => {
    expect(ids(7)).not.toContain('allowPrivilegeEscalation');
    expect(ids(8)).toContain('allowPrivilegeEscalation');
    expect(ids(18)).toContain('seccompProfile_baseline');
    expect(ids(19)).toEqual(expect.arrayContaining(['seccompProfile_restricted']));
    expect(ids(19)).not.toContain('seccompProfile_baseline');
    expect(ids(21)).toContain('capabilities_baseline');
    expect(ids(22)).toContain('capabilities_restricted');
    expect(ids(22)).not.toContain('capabilities_baseline');
    expect(ids(22)).not.toContain('runAsUser');
    expect(ids(23)).toContain('runAsUser');
    expect(ids(34)).toContain('procMount');
    expect(ids(35)).toContain('procMount_restricted');
    expect(ids(35)).not.toContain('procMount');
    expect(ids(35)).not.toContain('hostPathVolumes');
  });

  it('a pod without drop ALL passes restricted:v1.21 and fails v1.22', () => {
    const noDrop = parse(VALID);
    for (const c of [...noDrop.containers, ...noDrop.initContainers]) delete c.securityContext.capabilities;
    expect(evaluatePod(restricted(21), { annotations: {}, spec: noDrop })).toEqual([]);
    expect(evaluatePod(restricted(22), { annotations: {}, spec: noDrop }).map((v) => v.id)).toEqual(['capabilities_restricted']);
  });

  it('a Windows pod (os.name: windows) needs no allowPrivilegeEscalation, capabilities nor seccompProfile from 1.25', () => {
    const windows = pod('os: { name: windows }\nsecurityContext: { runAsNonRoot: true }\ncontainers: [{ name: a }]');
    expect(evaluatePod(restricted(24), windows).map((v) => v.id)).toEqual([
      'allowPrivilegeEscalation',
      'capabilities_restricted',
      'seccompProfile_restricted',
    ]);
    expect(evaluatePod(restricted(25), windows)).toEqual([]);
  });

  it('a pod in a user namespace (hostUsers: false) may run as root from 1.35, but never with an unmasked /proc', () => {
    const userns = parse(VALID);
    userns.hostUsers = false;
    userns.securityContext = { runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } };
    userns.containers[0].securityContext.procMount = 'Unmasked';
    expect(evaluatePod(restricted(34), { annotations: {}, spec: userns }).map((v) => v.id)).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
    expect(evaluatePod(restricted(35), { annotations: {}, spec: userns }).map((v) => v.id)).toEqual(['procMount_restricted']);
  });

  it('latest, and versions newer than any control, evaluate as the newest', () => {
    expect(MAX_VERSION).toBe(37);
    expect(ids('latest')).toEqual(ids(37));
    expect(ids(40)).toEqual(ids(37));
  });
});
