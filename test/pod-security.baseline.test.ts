// The baseline Pod Security Standard, control by control and version by version, as k8s.io/pod-security-admission
// evaluates it: upstream's generated fixtures (pass and fail per control) and the exact messages of its unit tests.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { PodView } from '../src/validate/pod-security/check.js';
import type { Version } from '../src/validate/pod-security/policy.js';
import { checksFor, evaluatePod } from '../src/validate/pod-security/registry.js';
import { expectedSubstring, fixtures } from './support/pod-security-fixtures.js';

const baseline = (version: Version) => ({ level: 'baseline' as const, version });
const pod = (spec: string, annotations: Record<string, string> = {}): PodView => ({ annotations, spec: parse(spec) });
const failing = (version: Version, p: PodView) => evaluatePod(baseline(version), p);

for (const version of ['v1.0', 'v1.29', 'v1.35']) {
  const minor = Number(version.slice(3));
  describe(`baseline:${version}, upstream fixtures`, () => {
    it.each(fixtures('baseline', version, 'pass').map((f) => [f.name, f] as const))('passes %s', (_, f) => {
      expect(failing(minor, f.pod)).toEqual([]);
    });
    it.each(fixtures('baseline', version, 'fail').map((f) => [f.name, f] as const))('fails %s', (name, f) => {
      expect(
        failing(minor, f.pod)
          .map((v) => `${v.reason} (${v.detail})`)
          .join(', '),
      ).toContain(expectedSubstring(name));
    });
  });
}

describe('baseline: messages (upstream policy/check_*_test.go)', () => {
  it('privileged names the containers and points at the field', () => {
    expect(
      failing(
        'latest',
        pod(
          'initContainers: [{ name: init }]\ncontainers: [{ name: a, securityContext: { privileged: true } }, { name: b, securityContext: { privileged: false } }]',
        ),
      ),
    ).toEqual([
      {
        id: 'privileged',
        reason: 'privileged',
        detail: 'container "a" must not set securityContext.privileged=true',
        path: '/spec/containers/0/securityContext/privileged',
      },
    ]);
  });

  it('hostPort lists containers and ports (sorted as strings)', () => {
    const p = pod(`
containers:
  - { name: a, ports: [{ hostPort: 0, containerPort: 80 }] }
  - { name: b, ports: [{ containerPort: 80 }, { hostPort: 10, containerPort: 81 }, { hostPort: 20, containerPort: 82 }] }
  - { name: c, ports: [{ hostPort: 0, containerPort: 80 }, { hostPort: 10, containerPort: 81 }, { hostPort: 30, containerPort: 82 }] }`);
    expect(failing('latest', p)).toEqual([
      { id: 'hostPorts', reason: 'hostPort', detail: 'containers "b", "c" use hostPorts 10, 20, 30', path: '/spec/containers/1/ports/1/hostPort' },
    ]);
  });

  it('host namespaces, non-default capabilities, hostPath volumes', () => {
    const p = pod(`
hostNetwork: true
hostIPC: true
volumes: [{ name: logs, hostPath: { path: /var/log } }]
containers: [{ name: a, securityContext: { capabilities: { add: [NET_ADMIN, CHOWN, NET_RAW] } } }]`);
    expect(failing('latest', p)).toEqual([
      {
        id: 'capabilities_baseline',
        reason: 'non-default capabilities',
        detail: 'container "a" must not include "NET_ADMIN", "NET_RAW" in securityContext.capabilities.add',
        path: '/spec/containers/0/securityContext/capabilities/add',
      },
      { id: 'hostNamespaces', reason: 'host namespaces', detail: 'hostNetwork=true, hostIPC=true', path: '/spec/hostNetwork' },
      { id: 'hostPathVolumes', reason: 'hostPath volumes', detail: 'volume "logs"', path: '/spec/volumes/0/hostPath' },
    ]);
  });

  it('AppArmor: the field and the beta annotations', () => {
    const p = pod('containers: [{ name: a, securityContext: { appArmorProfile: { type: Unconfined } } }]', {
      'container.apparmor.security.beta.kubernetes.io/a': 'unconfined',
    });
    expect(failing('latest', p)).toEqual([
      {
        id: 'appArmorProfile',
        reason: 'forbidden AppArmor profiles',
        detail:
          'container "a" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/a="unconfined""',
        path: '/spec/containers/0/securityContext/appArmorProfile/type',
      },
    ]);
  });
});

describe('baseline: by version', () => {
  it('probe and lifecycle hosts are forbidden from 1.34', () => {
    const p = pod(
      'containers: [{ name: a, livenessProbe: { httpGet: { host: evil.example.com, port: 80 } }, lifecycle: { preStop: { tcpSocket: { host: 10.0.0.1, port: 80 } } } }]',
    );
    expect(failing(33, p)).toEqual([]);
    expect(failing(34, p)).toEqual([
      {
        id: 'hostProbesAndHostLifecycle',
        reason: 'probe or lifecycle host',
        detail: 'container "a" uses probe or lifecycle hosts "10.0.0.1", "evil.example.com"',
        path: '/spec/containers/0/livenessProbe/httpGet/host',
      },
    ]);
  });

  it('the safe sysctls grow with the version (1.27, 1.29, 1.32, 1.37)', () => {
    const sysctl = (name: string) => pod(`securityContext: { sysctls: [{ name: ${name}, value: "1" }] }\ncontainers: [{ name: a }]`);
    expect(failing(26, sysctl('net.ipv4.ip_local_reserved_ports')).map((v) => v.detail)).toEqual(['net.ipv4.ip_local_reserved_ports']);
    expect(failing(27, sysctl('net.ipv4.ip_local_reserved_ports'))).toEqual([]);
    expect(failing(28, sysctl('net.ipv4.tcp_keepalive_time'))).toHaveLength(1);
    expect(failing(29, sysctl('net.ipv4.tcp_keepalive_time'))).toEqual([]);
    expect(failing(31, sysctl('net.ipv4.tcp_rmem'))).toHaveLength(1);
    expect(failing(32, sysctl('net.ipv4.tcp_rmem'))).toEqual([]);
    expect(failing(36, sysctl('net.ipv4.tcp_notsent_lowat'))).toHaveLength(1);
    expect(failing('latest', sysctl('net.ipv4.tcp_notsent_lowat'))).toEqual([]);
    expect(failing('latest', sysctl('kernel.msgmax'))).toEqual([
      { id: 'sysctls', reason: 'forbidden sysctls', detail: 'kernel.msgmax', path: '/spec/securityContext/sysctls/0/name' },
    ]);
  });

  it('SELinux type container_engine_t is allowed from 1.31; user and role never', () => {
    const engine = pod(
      'securityContext: { seLinuxOptions: { type: container_engine_t } }\ncontainers: [{ name: a, securityContext: { seLinuxOptions: { user: me, role: admin } } }]',
    );
    expect(failing(30, engine).map((v) => v.detail)).toEqual([
      'pod and container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t"; user may not be set; role may not be set',
    ]);
    expect(failing(31, engine).map((v) => v.detail)).toEqual([
      'container "a" set forbidden securityContext.seLinuxOptions: user may not be set; role may not be set',
    ]);
  });

  it('seccomp: the alpha annotations before 1.19, the field from 1.19', () => {
    const annotated = pod('containers: [{ name: a }]', { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' });
    expect(failing(18, annotated)).toEqual([
      {
        id: 'seccompProfile_baseline',
        reason: 'seccompProfile',
        detail: 'forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"',
        path: '/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod',
      },
    ]);
    expect(failing(19, annotated)).toEqual([]);
    expect(failing(19, pod('containers: [{ name: a, securityContext: { seccompProfile: { type: Unconfined } } }]')).map((v) => v.detail)).toEqual([
      'container "a" must not set securityContext.seccompProfile.type to "Unconfined"',
    ]);
  });

  it('an unmasked /proc is allowed in a user namespace (hostUsers: false) from 1.35', () => {
    const p = pod('hostUsers: false\ncontainers: [{ name: a, securityContext: { procMount: Unmasked } }]');
    expect(failing(34, p).map((v) => v.detail)).toEqual(['container "a" must not set securityContext.procMount to "Unmasked"']);
    expect(failing(35, p)).toEqual([]);
  });

  it('baseline has no restricted control at any version', () => {
    expect(checksFor(baseline('latest')).map((c) => c.id)).toEqual([
      'appArmorProfile',
      'capabilities_baseline',
      'hostNamespaces',
      'hostPathVolumes',
      'hostPorts',
      'hostProbesAndHostLifecycle',
      'privileged',
      'procMount',
      'seLinuxOptions',
      'seccompProfile_baseline',
      'sysctls',
      'windowsHostProcess',
    ]);
    expect(checksFor({ level: 'privileged', version: 'latest' })).toEqual([]);
  });
});
