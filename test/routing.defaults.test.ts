import { describe, expect, it } from 'vitest';
import { podLabelsOf, render, selects } from './support/rendered.js';

const ENV = `cluster: { name: test }
mesh:
  enabled: true
  gateway:
    name: public
    hosts: ["*.example.com"]
    tls: { credentialName: example-com-tls }
apps:
  - name: web
    image: nginx:1.27
    port: 8080
    service: { port: 80 }
    routing:
      hosts: [web.example.com]
      timeout: 10s
      retries: { attempts: 3, perTryTimeout: 2s, retryOn: "5xx,connect-failure" }
      canary: { image: nginx:1.28, weight: 20 }
  - name: api
    namespace: backend
    image: api:1
    routing:
      hosts: [api.example.com]
      pathPrefix: /v1
      gateway: edge/private
`;

describe('routing: each VirtualService reaches a rendered Service port, each subset a rendered Deployment', () => {
  const r = render({ dev: ENV });

  it('routes the gateway hosts to the Service host and port, with timeout and retries', () => {
    const vs = r.get('VirtualService', 'web', 'web');
    expect(vs.file).toBe('40-routing.yaml');
    expect(vs.spec.hosts).toEqual(['web.example.com']);
    expect(vs.spec.gateways).toEqual(['istio-system/public']);
    const http = vs.spec.http[0];
    expect(http.timeout).toBe('10s');
    expect(http.retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: '5xx,connect-failure' });
    for (const { destination } of http.route) {
      const [name, namespace] = destination.host.split('.');
      const svc = r.get('Service', name, namespace);
      expect(destination.host).toBe(`${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local`);
      expect(svc.spec.ports.map((p: { port: number }) => p.port)).toContain(destination.port.number);
    }
    expect(http.route[0].destination.port.number).toBe(80);
  });

  it('splits traffic 80/20 between subsets whose labels select exactly the stable and the canary pods', () => {
    const vs = r.get('VirtualService', 'web', 'web');
    const dr = r.get('DestinationRule', 'web', 'web');
    expect(dr.spec.host).toBe(vs.spec.http[0].route[0].destination.host);
    expect(vs.spec.http[0].route.map((x: { destination: { subset: string }; weight: number }) => [x.destination.subset, x.weight])).toEqual([
      ['stable', 80],
      ['canary', 20],
    ]);
    const svc = r.get('Service', 'web', 'web');
    const stable = podLabelsOf(r.get('Deployment', 'web', 'web'));
    const canary = podLabelsOf(r.get('Deployment', 'web-canary', 'web'));
    const subset = (name: string) => ({
      matchLabels: { ...svc.spec.selector, ...dr.spec.subsets.find((s: { name: string }) => s.name === name).labels },
    });
    expect([selects(subset('stable'), stable), selects(subset('stable'), canary)]).toEqual([true, false]);
    expect([selects(subset('canary'), stable), selects(subset('canary'), canary)]).toEqual([false, true]);
    expect(r.get('Deployment', 'web-canary').spec.template.spec.containers[0].image).toBe('nginx:1.28');
  });

  it('ejects failing pods with outlier detection by default', () => {
    expect(r.get('DestinationRule', 'web').spec.trafficPolicy.outlierDetection).toEqual({
      consecutive5xxErrors: 5,
      interval: '10s',
      baseEjectionTime: '30s',
      maxEjectionPercent: 50,
    });
  });

  it('honours pathPrefix and an explicit gateway, and a route without canary has no subsets', () => {
    const vs = r.get('VirtualService', 'api', 'backend');
    expect(vs.spec.gateways).toEqual(['edge/private']);
    expect(vs.spec.http[0].match).toEqual([{ uri: { prefix: '/v1' } }]);
    expect(vs.spec.http[0].route).toEqual([{ destination: { host: 'api.backend.svc.cluster.local', port: { number: 8080 } } }]);
    expect(r.get('DestinationRule', 'api', 'backend').spec.subsets).toBeUndefined();
  });

  it('renders the Gateway with an HTTPS redirect and a TLS server on the credential, and STRICT mTLS mesh-wide', () => {
    const gw = r.get('Gateway', 'public', 'istio-system');
    expect(gw.file).toBe('25-mesh.yaml');
    expect(gw.spec.selector).toEqual({ istio: 'ingressgateway' });
    expect(gw.spec.servers).toEqual([
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*.example.com'], tls: { httpsRedirect: true } },
      {
        port: { number: 443, name: 'https', protocol: 'HTTPS' },
        hosts: ['*.example.com'],
        tls: { mode: 'SIMPLE', credentialName: 'example-com-tls', minProtocolVersion: 'TLSV1_2' },
      },
    ]);
    expect(r.get('PeerAuthentication', 'default', 'istio-system').spec).toEqual({ mtls: { mode: 'STRICT' } });
  });

  it('labels app namespaces for sidecar injection (or the istiod revision)', () => {
    expect(r.get('Namespace', 'web').metadata.labels).toMatchObject({ 'istio-injection': 'enabled' });
    const rev = render({ dev: ENV.replace('  enabled: true\n', '  enabled: true\n  revision: 1-30\n') });
    expect(rev.get('Namespace', 'backend').metadata.labels).toMatchObject({ 'istio.io/rev': '1-30' });
    expect(rev.get('Namespace', 'backend').metadata.labels).not.toHaveProperty('istio-injection');
  });
});
