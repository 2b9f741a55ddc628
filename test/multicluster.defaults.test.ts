import { describe, expect, it } from 'vitest';
import { render, selects } from './support/rendered.js';

const ENV = `cluster: { name: test }
mesh:
  enabled: true
  gateway: { name: public, hosts: ["*.example.com"] }
  multiCluster: { meshId: mesh1, network: network2 }
multicluster:
  karmada: true
  clusters: [us, ap, eu]
  placement:
    clusters: [{ name: us, weight: 2 }, { name: ap, weight: 1 }, { name: eu, weight: 2 }]
apps:
  - name: hello
    image: podinfo:6
    routing:
      hosts: [hello.example.com]
      canary: { image: podinfo:7, weight: 5 }
  - name: orders
    namespace: shop
    image: orders:1
    placement:
      clusters: [{ name: us }, { name: eu }]
      overrides:
        - { cluster: eu, image: eu.registry.example.com/orders:1, replicas: 4 }
  - name: fn
    kind: knative
    image: fn:1
    port: 9000
    env: { MODE: fast, API_TOKEN: { secretKeyRef: { name: fn, key: token } } }
    knative: { target: 20, minScale: 0, maxScale: 8 }
`;

describe('multi-cluster: Karmada policies select the rendered objects; the mesh spans networks', () => {
  const r = render({ dev: ENV });

  it('propagates every object the PropagationPolicy names, and each named object was rendered', () => {
    for (const pp of r.of('PropagationPolicy')) {
      expect(pp.file).toBe('45-multicluster.yaml');
      for (const sel of pp.spec.resourceSelectors) {
        const target = r.get(sel.kind, sel.name, pp.metadata.namespace);
        expect(target.apiVersion).toBe(sel.apiVersion);
      }
    }
    const hello = r.get('PropagationPolicy', 'hello-propagation', 'hello');
    expect(hello.spec.resourceSelectors.map((s: { kind: string; name: string }) => `${s.kind}/${s.name}`)).toEqual([
      'Deployment/hello',
      'Deployment/hello-canary',
      'Service/hello',
    ]);
    expect(r.of('PropagationPolicy').map((p) => p.metadata.name)).not.toContain('fn-propagation');
  });

  it('divides replicas by the static weights us 2 / ap 1 / eu 2 (environment default)', () => {
    const placement = r.get('PropagationPolicy', 'hello-propagation').spec.placement;
    expect(placement.clusterAffinity.clusterNames).toEqual(['us', 'ap', 'eu']);
    expect(placement.replicaScheduling).toEqual({
      replicaSchedulingType: 'Divided',
      replicaDivisionPreference: 'Weighted',
      weightPreference: {
        staticWeightList: [
          { targetCluster: { clusterNames: ['us'] }, weight: 2 },
          { targetCluster: { clusterNames: ['ap'] }, weight: 1 },
          { targetCluster: { clusterNames: ['eu'] }, weight: 2 },
        ],
      },
    });
  });

  it("overrides image and replicas per cluster on the app's own placement, at paths the Deployment has", () => {
    const op = r.get('OverridePolicy', 'orders-overrides', 'shop');
    const dep = r.get('Deployment', op.spec.resourceSelectors[0].name, 'shop');
    expect(op.spec.overrideRules).toEqual([
      {
        targetCluster: { clusterNames: ['eu'] },
        overriders: {
          plaintext: [
            { path: '/spec/template/spec/containers/0/image', operator: 'replace', value: 'eu.registry.example.com/orders:1' },
            { path: '/spec/replicas', operator: 'replace', value: 4 },
          ],
        },
      },
    ]);
    expect(dep.spec.template.spec.containers[0].image).toBe('orders:1');
    expect(dep.spec.replicas).toBe(1);
    expect(r.get('PropagationPolicy', 'orders-propagation').spec.placement.clusterAffinity.clusterNames).toEqual(['us', 'eu']);
  });

  it('exposes *.local through the east-west gateway with AUTO_PASSTHROUGH on 15443, and labels istio-system with the network', () => {
    const gw = r.get('Gateway', 'cross-network-gateway', 'istio-system');
    expect(gw.spec).toEqual({
      selector: { istio: 'eastwestgateway' },
      servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
    });
    expect(r.get('Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': 'network2' });
  });

  it('renders a knative app as a Knative Service with autoscaling annotations and labels its pods like other apps', () => {
    const ksvc = r.get('Service', 'fn', 'fn');
    expect(ksvc.apiVersion).toBe('serving.knative.dev/v1');
    expect(ksvc.file).toBe('50-serverless.yaml');
    const template = ksvc.spec.template;
    expect(template.metadata.annotations).toEqual({
      'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev',
      'autoscaling.knative.dev/metric': 'concurrency',
      'autoscaling.knative.dev/target': '20',
      'autoscaling.knative.dev/min-scale': '0',
      'autoscaling.knative.dev/max-scale': '8',
    });
    expect(selects({ matchLabels: { 'app.kubernetes.io/name': 'fn' } }, template.metadata.labels)).toBe(true);
    const c = template.spec.containers[0];
    expect(c.ports).toEqual([{ name: 'http1', containerPort: 9000 }]);
    expect(c.env).toEqual([
      { name: 'MODE', value: 'fast' },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'fn', key: 'token' } } },
    ]);
    expect(r.of('Deployment').map((d) => d.metadata.name)).not.toContain('fn');
  });

  it('fills knative defaults when the section is omitted', () => {
    const bare = render({ dev: 'cluster: { name: t }\napps:\n  - { name: fn, kind: knative, image: fn:1 }\n' });
    expect(bare.get('Service', 'fn').spec.template.metadata.annotations['autoscaling.knative.dev/max-scale']).toBe('10');
  });
});
