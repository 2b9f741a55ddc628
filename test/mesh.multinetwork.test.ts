// A multi-primary, multi-network Istio mesh (seed 002): what each cluster's environment renders for its istiod, its
// network and the east-west gateway, how remote secrets are referenced but never rendered, and what the convergence
// check says of them.
import { describe, expect, it } from 'vitest';
import { REMOTE_SECRETS_PATH } from '../src/convergence/remote-secrets.js';
import { simulate } from '../src/convergence/simulate.js';
import { compile } from '../src/synth/compile.js';
import { envDir } from './support/env-dir.js';
import { find, render, type K8sObject } from './support/render.js';

const ENV = (multiCluster: string, engine = 'argocd') => `cluster: { name: lke-us }
mesh:
  enabled: true
  multiCluster:
${multiCluster}
apps:
  - { name: hello, image: podinfo:6 }
gitops:
  engine: ${engine}
  repo: { url: https://github.com/example/deploy.git }
`;
const US = '    meshId: mesh1\n    network: network1\n    remoteSecrets: [{ cluster: lke-ap }, { cluster: lke-eu, name: eu-credentials }]';

/** Helm values of an operator, from its Argo CD Application or Flux HelmRelease. */
function values(objects: K8sObject[], name: string): K8sObject {
  const app = objects.find((o) => o.kind === 'Application' && o.metadata.name === `dev-${name}`);
  return app ? app.spec.source.helm.valuesObject : find(objects, 'HelmRelease', name).spec.values;
}

/** The convergence findings of one environment's rendered objects: [severity, message]. */
function findings(files: Record<string, string>): [string, string][] {
  const [env] = compile({ environmentsDir: envDir(files).dir });
  return simulate(env!.docs).findings.map((f) => [f.severity, f.message]);
}

describe('mesh.multiCluster: one cluster of a multi-primary, multi-network mesh', () => {
  for (const engine of ['argocd', 'flux']) {
    it(`sets istiod's meshID, clusterName, network and trust domain (istio-discovery values.yaml), ${engine}`, () => {
      expect(values(render({ dev: ENV(US, engine) }), 'istiod')).toMatchObject({
        global: { meshID: 'mesh1', network: 'network1', multiCluster: { clusterName: 'lke-us' } },
        meshConfig: { trustDomain: 'cluster.local' },
      });
    });
  }

  it('takes mesh.multiCluster.clusterName and trustDomain over the defaults', () => {
    const v = values(render({ dev: ENV(`${US}\n    clusterName: us\n    trustDomain: example.org`) }), 'istiod');
    expect(v.global.multiCluster).toEqual({ clusterName: 'us' });
    expect(v.meshConfig).toEqual({ trustDomain: 'example.org' });
  });

  it("labels istio-system with the network and names the remote secrets there (istioctl's names by default)", () => {
    const ns = find(render({ dev: ENV(US) }), 'Namespace', 'istio-system');
    expect(ns.metadata.labels).toEqual({ 'topology.istio.io/network': 'network1' });
    expect(ns.metadata.annotations['elastic-gitops.dev/istio-remote-secrets']).toBe('istio-remote-secret-lke-ap,eu-credentials');
  });

  it('never renders a remote secret: they hold the other clusters’ credentials', () => {
    expect(render({ dev: ENV(US) }).filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it("installs Istio's gateway chart as the east-west gateway of the network, and opens it as expose-services.yaml does", () => {
    const objects = render({ dev: ENV(US) });
    const ew = values(objects, 'istio-eastwestgateway');
    expect(ew.labels).toEqual({ istio: 'eastwestgateway', 'topology.istio.io/network': 'network1' });
    expect(ew.env).toEqual({ ISTIO_META_REQUESTED_NETWORK_VIEW: 'network1' });
    // istio/istio samples/multicluster/expose-services.yaml
    expect(find(objects, 'Gateway', 'cross-network-gateway').spec).toEqual({
      selector: { istio: 'eastwestgateway' },
      servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
    });
  });
});

describe('convergence: remote secrets are external, not verified', () => {
  it('notes each referenced remote secret, with no error or warning', () => {
    expect(findings({ dev: ENV(US) }).filter(([, m]) => m.includes('remote secret'))).toEqual([
      [
        'note',
        'Namespace istio-system (wave 0 of Application argocd/dev-workloads) needs Secret istio-system/istio-remote-secret-lke-ap (an Istio remote secret: istioctl create-remote-secret): declared external, not verified',
      ],
      [
        'note',
        'Namespace istio-system (wave 0 of Application argocd/dev-workloads) needs Secret istio-system/eu-credentials (an Istio remote secret: istioctl create-remote-secret): declared external, not verified',
      ],
    ]);
  });

  it('locates the notes at mesh.multiCluster.remoteSecrets of the environment file', () => {
    const [env] = compile({ environmentsDir: envDir({ dev: ENV(US) }).dir });
    const d = env!.sourceOf({ kind: 'Namespace', namespace: '', name: 'istio-system', path: REMOTE_SECRETS_PATH });
    expect(d?.pointer).toBe('/mesh/multiCluster/remoteSecrets');
    expect(d?.origin).toMatchObject({ line: 7 });
  });

  it('warns when a multi-network member references none, rather than passing in silence', () => {
    const out = findings({ dev: ENV('    meshId: mesh1\n    network: network1') }).filter(([, m]) => m.includes('remote secret'));
    expect(out.map(([s]) => s)).toEqual(['warning']);
    expect(out[0]![1]).toContain('names no remote secret');
  });

  it('says nothing of remote secrets on a single-cluster mesh', () => {
    const single = `cluster: { name: c }\nmesh: { enabled: true }\napps: [{ name: hello, image: podinfo:6 }]\n`;
    expect(findings({ dev: single }).filter(([, m]) => m.includes('remote secret'))).toEqual([]);
  });
});
