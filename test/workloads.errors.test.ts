// Invalid workload input: an app with `port: none` listens on nothing, so whatever needs its port is rejected with
// file:line:col and the field.
import { describe, expect, it } from 'vitest';
import { compileErrors, errorsOf } from './support/compile-errors.js';
import { find, render } from './support/render.js';

const app = (extra: string) =>
  `cluster: { name: c }\nmesh: { enabled: true }\napps:\n  - name: inflate\n    image: pause:3.9\n    port: none\n${extra}`;

describe('workloads: port "none" and what needs a port', () => {
  it('a Service (enabled by default), as an InputError (exit code 2)', () => {
    const { lines, error } = compileErrors({ dev: app('') });
    expect(lines).toEqual([
      'environments/dev.yaml:6:11 apps[0].port: the Service (set service.enabled: false) needs a port: the app has port "none"',
    ]);
    expect(error.exitCode).toBe(2);
  });

  it('ingress, metrics and probes without their own port', () => {
    const lines = errorsOf(
      app(
        '    service: { enabled: false }\n    ingress: { path: / }\n    metrics: {}\n    probes:\n      liveness: { http: { path: /healthz } }\n      readiness: { tcp: {} }\n',
      ),
    );
    expect(lines).toEqual([
      'environments/dev.yaml:8:14 apps[0].ingress: ingress needs a port: the app has port "none"',
      'environments/dev.yaml:9:14 apps[0].metrics: metrics without metrics.port needs a port: the app has port "none"',
      'environments/dev.yaml:11:25 apps[0].probes.liveness.http: the liveness probe without http.port needs a port: the app has port "none"',
      'environments/dev.yaml:12:25 apps[0].probes.readiness.tcp: the readiness probe without tcp.port needs a port: the app has port "none"',
    ]);
  });

  it('accepts metrics and probes on ports of their own: the container declares only the metrics port', () => {
    const objects = render({
      dev: app(
        '    service: { enabled: false }\n    metrics: { port: 9100 }\n    probes:\n      liveness: { http: { path: /healthz, port: 9100 } }\n',
      ),
    });
    const c = find(objects, 'Deployment', 'inflate').spec.template.spec.containers[0];
    expect(c.ports).toEqual([{ containerPort: 9100, name: 'metrics' }]);
    expect(c.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 9100 });
    expect(c).not.toHaveProperty('startupProbe');
  });

  it('kind knative needs a port and takes no fsGroup', () => {
    expect(errorsOf(app('    kind: knative\n    service: { enabled: false }\n    securityContext: { fsGroup: 101 }\n'))).toEqual([
      'environments/dev.yaml:9:33 apps[0].securityContext.fsGroup: fsGroup (101) is not supported for kind "knative" (Knative rejects a pod-level securityContext by default)',
      'environments/dev.yaml:7:11 apps[0].kind: kind "knative" (a Knative Service routes requests to its container port) needs a port: the app has port "none"',
    ]);
  });
});

describe('workloads: externalSecrets', () => {
  it("names only Secrets the app's env refers to (a typo is an error, not a silenced warning)", () => {
    const lines = errorsOf(
      'cluster: { name: c }\napps:\n  - name: orders\n    image: orders:1\n    env:\n      DB_PASSWORD: { secretKeyRef: { name: orders-db, key: password } }\n    externalSecrets: [orders-db, order-db]\n  - name: web\n    image: web:1\n    externalSecrets: [web-tls]\n',
    );
    expect(lines).toEqual([
      `environments/dev.yaml:7:34 apps[0].externalSecrets[1]: externalSecrets ("order-db") names no Secret of the app's env (its secretKeyRef names: orders-db)`,
      `environments/dev.yaml:10:23 apps[1].externalSecrets[0]: externalSecrets ("web-tls") names no Secret of the app's env (it has no env secretKeyRef)`,
    ]);
  });
});
