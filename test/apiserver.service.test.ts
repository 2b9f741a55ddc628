// Services and Ingresses as the API server checks them (cases after TestValidateService and TestValidateServiceCreate
// of kubernetes/pkg/apis/core/validation/validation_test.go, TestValidateIngressCreate, TestValidateIngressRuleValue
// and TestValidateIngressSpec of pkg/apis/networking/validation/validation_test.go).
import { describe, expect, it } from 'vitest';
import { apiserver, object } from './support/apiserver.js';

const service = (spec: string) => apiserver(object('v1', 'Service', `spec: ${spec}`));
const ingress = (spec: string) => apiserver(object('networking.k8s.io/v1', 'Ingress', `spec: ${spec}`));
const BACKEND = '{ service: { name: web, port: { number: 80 } } }';

describe('apiserver: Services', () => {
  it('ports: named when more than one, DNS-label names, unique, 1..65535, unique port and protocol', () => {
    expect(service('{ selector: { app: web }, ports: [{ port: 80 }] }')).toEqual([]);
    expect(
      service('{ ports: [{ name: http, port: 80, targetPort: http-web }, { name: grpc, port: 9000, targetPort: 9000, protocol: TCP }] }'),
    ).toEqual([]);
    expect(service('{ ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] }')).toEqual([
      '/spec/ports/0/name Required value',
      '/spec/ports/1/name Required value',
    ]);
    expect(service('{ ports: [{ name: http, port: 80 }, { name: http, port: 81 }] }')).toEqual(['/spec/ports/1/name Duplicate value: "http"']);
    expect(service('{ ports: [{ name: http, port: 70000 }] }')).toEqual([
      '/spec/ports/0/port Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(service('{ ports: [{ name: a, port: 80 }, { name: b, port: 80 }] }')).toEqual(['/spec/ports/1 Duplicate value: "80/TCP"']);
    expect(service('{ ports: [{ name: dns, port: 53, protocol: UDP }, { name: dns-tcp, port: 53 }] }')).toEqual([]);
    expect(service('{ ports: [{ port: 80, targetPort: 70000 }] }')).toEqual([
      '/spec/ports/0/targetPort Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(service('{ ports: [{ port: 80, protocol: HTTP }] }')).toEqual([
      '/spec/ports/0/protocol Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    expect(service('{ ports: [] }')).toEqual(['/spec/ports Required value']);
  });

  it('nodePort only for NodePort and LoadBalancer Services', () => {
    expect(service('{ type: NodePort, ports: [{ port: 80, nodePort: 30080 }] }')).toEqual([]);
    expect(service('{ ports: [{ port: 80, nodePort: 30080 }] }')).toEqual([
      "/spec/ports/0/nodePort Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
    expect(service('{ type: Gateway, ports: [{ port: 80 }] }')).toEqual([
      '/spec/type Unsupported value: "Gateway": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ]);
  });

  it('ExternalName needs an externalName and no clusterIP; headless (None) Services need no ports, but are not NodePort', () => {
    expect(service('{ type: ExternalName, externalName: db.example.com. }')).toEqual([]);
    expect(service('{ type: ExternalName }')).toEqual(['/spec/externalName Required value']);
    expect(service('{ type: ExternalName, externalName: db.example.com, clusterIP: 10.0.0.1 }')).toEqual([
      '/spec/clusterIP Forbidden: may not be set for ExternalName services',
    ]);
    expect(service('{ clusterIP: None, selector: { app: db } }')).toEqual([]);
    expect(service('{ clusterIP: 10.96.0.10, ports: [{ port: 53 }] }')).toEqual([]);
    expect(service('{ clusterIP: 10.96.0.300, ports: [{ port: 53 }] }')).toEqual([
      '/spec/clusterIP Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ]);
    expect(service('{ type: NodePort, clusterIP: None, ports: [{ port: 80 }] }')).toEqual([
      '/spec/clusterIP Invalid value: "None": may not be set to \'None\' for NodePort services',
    ]);
  });

  it('externalTrafficPolicy only for externally reachable Services; selector of label syntax', () => {
    expect(service('{ type: LoadBalancer, externalTrafficPolicy: Local, ports: [{ port: 80 }] }')).toEqual([]);
    expect(service('{ externalTrafficPolicy: Local, ports: [{ port: 80 }] }')).toEqual([
      '/spec/externalTrafficPolicy Invalid value: "Local": may only be set for externally-accessible services',
    ]);
    expect(service('{ selector: { app: "web-" }, ports: [{ port: 80 }] }')[0]).toMatch(/^\/spec\/selector Invalid value: "web-"/);
  });
});

describe('apiserver: Ingresses', () => {
  it('paths by pathType: Exact and Prefix absolute and clean, ImplementationSpecific absolute or empty', () => {
    expect(
      ingress(
        `{ ingressClassName: nginx, rules: [{ host: shop.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: ${BACKEND} }, { pathType: ImplementationSpecific, backend: ${BACKEND} }] } }] }`,
      ),
    ).toEqual([]);
    expect(ingress(`{ rules: [{ http: { paths: [{ path: api, pathType: Prefix, backend: ${BACKEND} }] } }] }`)).toEqual([
      '/spec/rules/0/http/paths/0/path Invalid value: "api": must be an absolute path',
    ]);
    expect(ingress(`{ rules: [{ http: { paths: [{ path: /a//b, pathType: Exact, backend: ${BACKEND} }] } }] }`)).toEqual([
      '/spec/rules/0/http/paths/0/path Invalid value: "/a//b": must not contain \'//\'',
    ]);
    expect(ingress(`{ rules: [{ http: { paths: [{ path: /, backend: ${BACKEND} }] } }] }`)).toEqual([
      '/spec/rules/0/http/paths/0/pathType Required value: pathType must be specified',
    ]);
    expect(ingress('{ rules: [{ http: { paths: [] } }] }')).toEqual(['/spec/rules/0/http/paths Required value']);
  });

  it('backends: a service xor a resource; a service port by name xor number', () => {
    expect(ingress('{ defaultBackend: { service: { name: web, port: { name: http } } } }')).toEqual([]);
    expect(ingress('{ defaultBackend: { service: { name: web, port: { name: http, number: 80 } } } }')).toEqual([
      '/spec/defaultBackend/service/port Invalid value: {"name":"http","number":80}: cannot set both port name & port number',
    ]);
    expect(ingress('{ defaultBackend: { service: { name: web, port: {} } } }')).toEqual([
      '/spec/defaultBackend/service/port Required value: port name or number is required',
    ]);
    expect(ingress('{ defaultBackend: { service: { name: web, port: { number: 80 } }, resource: { kind: Bucket, name: b } } }')).toEqual([
      '/spec/defaultBackend Invalid value: "": cannot set both resource and service backends',
    ]);
    expect(ingress('{}')).toEqual(['/spec Invalid value: []: either `defaultBackend` or `rules` must be specified']);
  });

  it('hosts: DNS names with an optional leading wildcard, not IP addresses', () => {
    expect(ingress(`{ rules: [{ host: "*.example.com", http: { paths: [{ path: /, pathType: Prefix, backend: ${BACKEND} }] } }] }`)).toEqual([]);
    expect(ingress(`{ rules: [{ host: "foo.*.example.com", http: { paths: [{ path: /, pathType: Prefix, backend: ${BACKEND} }] } }] }`)[0]).toMatch(
      /^\/spec\/rules\/0\/host Invalid value: "foo.\*.example.com": a wildcard DNS-1123 subdomain/,
    );
    expect(ingress(`{ rules: [{ host: 10.0.0.1, http: { paths: [{ path: /, pathType: Prefix, backend: ${BACKEND} }] } }] }`)).toEqual([
      '/spec/rules/0/host Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
    ]);
  });
});
