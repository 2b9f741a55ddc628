// The compiler's own output meets Pod Security: app namespaces enforce restricted at the cluster's minor version,
// restricted apps set what restricted requires, Istio comes with CNI, and the levels can be relaxed per environment
// and per app.
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { evaluatePod } from '../src/validate/pod-security/registry.js';
import { runRules } from '../src/validate/rules/index.js';
import { find, render } from './support/render.js';
import { REPO } from './support/run-cli.js';
import { join } from 'node:path';

const PSA = 'pod-security.kubernetes.io';
const env = (extra = '', app = '') => `cluster: { name: c, kubernetesVersion: "1.31" }\n${extra}apps:\n  - { name: web, image: nginx${app} }\n`;

describe('Pod Security: defaults', () => {
  it("labels app namespaces enforce: restricted at the cluster's Kubernetes minor", () => {
    const labels = find(render({ dev: env() }), 'Namespace', 'web').metadata.labels;
    expect(labels).toEqual({ [`${PSA}/enforce`]: 'restricted', [`${PSA}/enforce-version`]: 'v1.31' });
  });

  it('renders the Deployment restricted-compliant: runAsNonRoot and RuntimeDefault seccomp on the pod, no escalation and drop ALL on the container', () => {
    const spec = find(render({ dev: env() }), 'Deployment', 'web').spec.template.spec;
    expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  it('renders Knative Services, overprovisioning and Cluster Autoscaler restricted-compliant', () => {
    const objects = render({
      dev: `cluster: { name: c, provider: eks }\nnodes: { provisioner: cluster-autoscaler }\noverprovisioning: { enabled: true, cpu: "1", memory: 1Gi }\napps:\n  - { name: fn, kind: knative, image: nginx }\n`,
    });
    const restricted = { level: 'restricted' as const, version: 'latest' as const };
    for (const [kind, name] of [
      ['Service', 'fn'],
      ['Deployment', 'overprovisioning'],
      ['Deployment', 'cluster-autoscaler'],
    ] as const) {
      const template = find(objects, kind, name).spec.template;
      expect(evaluatePod(restricted, { annotations: template.metadata?.annotations ?? {}, spec: template.spec }), `${kind} ${name}`).toEqual([]);
    }
    expect(find(objects, 'Namespace', 'overprovisioning').metadata.labels).toMatchObject({ [`${PSA}/enforce`]: 'restricted' });
    const problems = runRules(compile({ environmentsDir: join(REPO, 'examples') }).flatMap((e) => e.docs)).filter((p) =>
      p.rule?.startsWith('pod-security'),
    );
    expect(problems).toEqual([]);
  });

  it('every shipped environment labels its app namespaces and passes the Pod Security rules', () => {
    for (const e of compile({ environmentsDir: join(REPO, 'environments') })) {
      const namespaces = e.docs
        .map((d) => d.object as Record<string, any>)
        .filter((o) => o.kind === 'Namespace' && o.metadata.labels?.['istio-injection']);
      expect(namespaces.length, e.env).toBeGreaterThan(0);
      for (const ns of namespaces) expect(ns.metadata.labels[`${PSA}/enforce`], `${e.env} ${ns.metadata.name}`).toBe('restricted');
      expect(
        runRules(e.docs).filter((p) => p.rule?.startsWith('pod-security')),
        e.env,
      ).toEqual([]);
    }
  });

  it('installs Istio CNI with the mesh, and istiod injects without istio-init', () => {
    const objects = render({ dev: env('mesh: { enabled: true }\ngitops: { engine: flux, repo: { url: "https://example.com/r.git" } }\n') });
    expect(find(objects, 'HelmRelease', 'istio-cni').spec.chart.spec).toMatchObject({ chart: 'cni', version: '1.30.3' });
    expect(find(objects, 'HelmRelease', 'istiod').spec.values).toMatchObject({ pilot: { cni: { enabled: true } } });
  });
});

describe('Pod Security: overrides', () => {
  it('podSecurity.enforce and podSecurity.version set the level and version of every app namespace', () => {
    const labels = find(render({ dev: env('podSecurity: { enforce: baseline, version: latest }\n') }), 'Namespace', 'web').metadata.labels;
    expect(labels).toEqual({ [`${PSA}/enforce`]: 'baseline', [`${PSA}/enforce-version`]: 'latest' });
  });

  it("an app's podSecurity sets its namespace's level; a baseline app keeps its capabilities and the runtime's seccomp default", () => {
    const objects = render({ dev: env('', ', podSecurity: baseline, securityContext: { runAsNonRoot: false }') });
    expect(find(objects, 'Namespace', 'web').metadata.labels[`${PSA}/enforce`]).toBe('baseline');
    const spec = find(objects, 'Deployment', 'web').spec.template.spec;
    expect(spec.securityContext).not.toHaveProperty('seccompProfile');
    expect(spec.containers[0].securityContext).not.toHaveProperty('capabilities');
  });

  it('leaves namespaces every cluster has unlabelled (they are not rendered)', () => {
    const objects = render({
      dev: `cluster: { name: c }\napps:\n  - { name: web, namespace: default, image: nginx, securityContext: { runAsNonRoot: false } }\n`,
    });
    expect(objects.some((o) => o.kind === 'Namespace')).toBe(false);
    expect(find(objects, 'Deployment', 'web').spec.template.spec.securityContext).not.toHaveProperty('seccompProfile');
  });

  it('without Istio CNI (mesh.cni: false) installs no CNI, and a privileged namespace may be injected', () => {
    const objects = render({
      dev: env(
        'mesh: { enabled: true, cni: false }\npodSecurity: { enforce: privileged }\ngitops: { engine: flux, repo: { url: "https://example.com/r.git" } }\n',
      ),
    });
    expect(objects.some((o) => o.kind === 'HelmRelease' && o.metadata.name === 'istio-cni')).toBe(false);
    expect(find(objects, 'HelmRelease', 'istiod').spec.values ?? {}).not.toHaveProperty('pilot');
    expect(find(objects, 'Namespace', 'web').metadata.labels).toMatchObject({ 'istio-injection': 'enabled', [`${PSA}/enforce`]: 'privileged' });
  });
});
