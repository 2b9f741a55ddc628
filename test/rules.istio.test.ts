// Istio analyzer parity: destinations, gateways, hosts in gateways, conflicting hosts.
import { describe, expect, it } from 'vitest';
import { problems } from './support/manifests.js';

const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: public, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
    - port: { number: 443, name: https, protocol: HTTPS }
      hosts: ["*.shop.example.com"]
      tls: { mode: SIMPLE, credentialName: shop-tls }`;

const service = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 9898, targetPort: http }]`;

const vs = (o: { name?: string; hosts?: string; gateways?: string; host?: string; port?: number } = {}): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: ${o.name ?? 'web'}, namespace: web }
spec:
  hosts: ${o.hosts ?? '[web.shop.example.com]'}
  gateways: ${o.gateways ?? '[istio-system/public]'}
  http:
    - route:
        - destination:
            host: ${o.host ?? 'web.web.svc.cluster.local'}${o.port === undefined ? '' : `\n            port: { number: ${o.port} }`}`;

describe('istio-destination-exists', () => {
  it('reports an unknown host and a port the Service does not expose', () => {
    expect(problems('istio-destination-exists', gateway, service, vs({ host: 'wbe' }))[0]!.message).toBe(
      'destination host "wbe" names no Service or ServiceEntry in the set (IST0101)',
    );
    const p = problems('istio-destination-exists', gateway, service, vs({ port: 8080 }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ path: '/spec/http/0/route/0/destination/port/number' });
  });
  it('accepts short, namespaced and fully qualified names with a matching port', () => {
    for (const host of ['web', 'web.web', 'web.web.svc.cluster.local']) {
      expect(problems('istio-destination-exists', gateway, service, vs({ host, port: 9898 }))).toEqual([]);
    }
    expect(problems('istio-destination-exists', vs({ host: 'elsewhere' }))).toEqual([]);
  });
});

describe('istio-gateway-exists', () => {
  it('reports a gateway that is not in the set (a bare name resolves in the VirtualService namespace)', () => {
    const p = problems('istio-gateway-exists', gateway, service, vs({ gateways: '[public]' }));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain('no Gateway web/public');
  });
  it('accepts ns/name and the reserved mesh gateway', () => {
    expect(problems('istio-gateway-exists', gateway, service, vs({ gateways: '[istio-system/public, mesh]' }))).toEqual([]);
    expect(problems('istio-gateway-exists', service, vs({ gateways: '[istio-system/installed-by-helm]' }))).toEqual([]);
  });
});

describe('istio-host-in-gateway', () => {
  it('warns for a host the bound gateway does not serve', () => {
    const p = problems('istio-host-in-gateway', gateway, service, vs({ hosts: '[web.shop.example.org]' }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', path: '/spec/hosts/0' });
    expect(p[0]!.message).toContain('IST0132');
  });
  it('accepts hosts covered by a wildcard server host', () => {
    expect(problems('istio-host-in-gateway', gateway, service, vs({ hosts: '[web.shop.example.com, api.eu.shop.example.com]' }))).toEqual([]);
  });
});

describe('istio-conflicting-hosts', () => {
  it('reports two VirtualServices claiming one host on one gateway', () => {
    const p = problems('istio-conflicting-hosts', gateway, service, vs(), vs({ name: 'web-v2' }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      name: 'web-v2',
      message: 'host "web.shop.example.com" on gateway "istio-system/public" is already claimed by VirtualService web/web (IST0109)',
    });
  });
  it('accepts the same host on different gateways, and different hosts on one', () => {
    expect(problems('istio-conflicting-hosts', gateway, service, vs(), vs({ name: 'web-mesh', gateways: '[mesh]' }))).toEqual([]);
    expect(problems('istio-conflicting-hosts', gateway, service, vs(), vs({ name: 'api', hosts: '[api.shop.example.com]' }))).toEqual([]);
  });
});
