import { describe, expect, it } from 'vitest';
import { errorsOf } from './support/compile-errors.js';
import { envDir } from './support/env-dir.js';
import { runCli } from './support/run-cli.js';

const MESH = 'cluster: { name: t }\nmesh:\n  enabled: true\n  gateway: { name: public, hosts: ["*.example.com"] }\n';

describe('mesh, routing, monitoring and knative mistakes are reported at file:line with the field', () => {
  it('rejects a host the gateway does not serve', () => {
    expect(errorsOf(`${MESH}apps:\n  - name: web\n    image: nginx\n    routing:\n      hosts: [web.other.org]\n`)).toEqual([
      'environments/dev.yaml:9:15 apps[0].routing.hosts[0]: host "web.other.org" is not served by gateway "public" (hosts: *.example.com)',
    ]);
  });

  it('rejects routing without the mesh, and without a gateway', () => {
    const lines = errorsOf('cluster: { name: t }\napps:\n  - name: web\n    image: nginx\n    routing:\n      hosts: [a.b]\n');
    expect(lines).toEqual([
      'environments/dev.yaml:6:7 apps[0].routing: routing renders Istio objects: set mesh.enabled: true',
      'environments/dev.yaml:6:7 apps[0].routing: routing needs a gateway: set mesh.gateway for the environment or routing.gateway',
    ]);
  });

  it('rejects a per-try timeout longer than the request timeout, and routing to an app without Service', () => {
    const lines = errorsOf(
      `${MESH}apps:\n  - name: web\n    image: nginx\n    service: { enabled: false }\n    routing:\n      hosts: [web.example.com]\n      timeout: 1s\n      retries: { attempts: 2, perTryTimeout: 1500ms }\n`,
    );
    expect(lines).toEqual([
      'environments/dev.yaml:8:25 apps[0].service.enabled: routing sends traffic to the app Service: service.enabled must be true',
      'environments/dev.yaml:12:46 apps[0].routing.retries.perTryTimeout: perTryTimeout (1500ms) must be <= timeout (1s)',
    ]);
  });

  it('rejects scraping a STRICT mTLS serving port from outside the mesh', () => {
    const lines = errorsOf(
      `${MESH}monitoring: { enabled: true }\napps:\n  - name: web\n    image: nginx\n    port: 8080\n    metrics: { path: /metrics }\n`,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^environments\/dev\.yaml:10:14 apps\[0\]\.metrics: with mesh\.mtls "STRICT" Prometheus cannot scrape port 8080 that also serves traffic/,
    );
  });

  it('rejects a knative metric the autoscaler class does not support, and inverted scale bounds', () => {
    expect(
      errorsOf(
        'cluster: { name: t }\napps:\n  - name: fn\n    kind: knative\n    image: x\n    knative: { class: hpa.autoscaling.knative.dev, metric: rps, minScale: 3, maxScale: 2 }\n',
      ),
    ).toEqual([
      'environments/dev.yaml:6:60 apps[0].knative.metric: metric "rps" is not supported by class "hpa.autoscaling.knative.dev" (supported: cpu, memory)',
      'environments/dev.yaml:6:88 apps[0].knative.maxScale: maxScale (2) must be >= minScale (3) (0 = unlimited)',
    ]);
  });

  it('exits with code 2 from the CLI, printing the located error', () => {
    const { root } = envDir({ dev: `${MESH}apps:\n  - name: web\n    image: nginx\n    routing:\n      hosts: [web.other.org]\n` });
    const res = runCli(['synth'], root);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('environments/dev.yaml:9:15 apps[0].routing.hosts[0]: host "web.other.org" is not served by gateway "public"');
  });
});
