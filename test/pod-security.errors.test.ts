// Invalid Pod Security settings, rejected with file:line:col and the settings involved: a sidecar-injected namespace
// above privileged without Istio CNI, two levels for one namespace, a restricted app that runs as root or escalates.
import { describe, expect, it } from 'vitest';
import { errorsOf } from './support/compile-errors.js';
import { find, render } from './support/render.js';

const cluster = 'cluster: { name: c }\n';

describe('Pod Security: mesh and levels', () => {
  it('rejects sidecar injection without Istio CNI in a namespace enforcing restricted, naming both settings', () => {
    expect(errorsOf(`${cluster}mesh: { enabled: true, cni: false }\napps:\n  - { name: web, image: nginx }\n`)).toEqual([
      'environments/dev.yaml:2:29 mesh.cni: namespace "web" enforces Pod Security "restricted" (podSecurity.enforce) and gets Istio sidecars without Istio CNI (mesh.cni: false): the injected istio-init container adds NET_ADMIN and NET_RAW, which baseline and restricted forbid, so no pod starts; set mesh.cni: true or podSecurity.enforce: privileged',
    ]);
  });

  it('rejects it for baseline too (set by the app), and accepts privileged', () => {
    expect(errorsOf(`${cluster}mesh: { enabled: true, cni: false }\napps:\n  - { name: web, image: nginx, podSecurity: baseline }\n`)).toEqual([
      expect.stringContaining('mesh.cni: namespace "web" enforces Pod Security "baseline" (apps[0].podSecurity)'),
    ]);
    const objects = render({
      dev: `${cluster}mesh: { enabled: true, cni: false }\napps:\n  - { name: web, image: nginx, podSecurity: privileged }\n`,
    });
    expect(find(objects, 'Namespace', 'web').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  it('rejects two levels for apps sharing a namespace', () => {
    expect(
      errorsOf(`${cluster}apps:\n  - { name: a, namespace: shop, image: x }\n  - { name: b, namespace: shop, image: x, podSecurity: baseline }\n`),
    ).toEqual([
      'environments/dev.yaml:4:56 apps[1].podSecurity: apps[1].podSecurity (baseline) differs from the level of apps[0] (restricted) in namespace "shop": a namespace enforces one Pod Security level',
    ]);
  });

  it('rejects a restricted app that runs as root or allows privilege escalation, and says how to relax it', () => {
    expect(
      errorsOf(`${cluster}apps:\n  - name: web\n    image: nginx\n    securityContext: { runAsNonRoot: false, allowPrivilegeEscalation: true }\n`),
    ).toEqual([
      'environments/dev.yaml:5:38 apps[0].securityContext.runAsNonRoot: runAsNonRoot (false) is forbidden by Pod Security "restricted" (podSecurity.enforce): run as non-root or set apps[0].podSecurity: baseline',
      'environments/dev.yaml:5:71 apps[0].securityContext.allowPrivilegeEscalation: allowPrivilegeEscalation (true) is forbidden by Pod Security "restricted" (podSecurity.enforce): set it false or set apps[0].podSecurity: baseline',
    ]);
  });

  it('rejects an unknown level and a version that is not latest or v1.x', () => {
    const lines = errorsOf(`${cluster}podSecurity: { enforce: strict, version: "1.29" }\napps: []\n`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^environments\/dev\.yaml:2:25 podSecurity\.enforce: /);
    expect(lines[1]).toMatch(/^environments\/dev\.yaml:2:42 podSecurity\.version: /);
  });
});
