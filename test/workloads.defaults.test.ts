import { describe, expect, it } from 'vitest';
import { simulate } from '../src/convergence/simulate.js';
import { ObjectIndex } from '../src/manifest/object-index.js';
import { compile } from '../src/synth/compile.js';
import { envDir } from './support/env-dir.js';
import { find, render } from './support/render.js';

const APP = `cluster: { name: c }
apps:
  - name: web
    image: nginx:1.27
    port: 80
    replicas: 3
    resources:
      requests: { cpu: 250m, memory: 3.8G }
      limits: { memory: 4Gi }
    probes:
      liveness: { http: { path: /healthz }, initialDelaySeconds: 5, periodSeconds: 10 }
      readiness: { tcp: {} }
    env:
      MODE: fast
      DB_PASSWORD: { secretKeyRef: { name: db, key: password } }
`;

describe('workloads: an app renders Deployment, Service and PodDisruptionBudget', () => {
  const objects = render({ dev: APP });
  const deployment = find(objects, 'Deployment', 'web');
  const container = deployment.spec.template.spec.containers[0];

  it('puts the app in its own namespace by default', () => {
    expect(deployment.metadata.namespace).toBe('web');
    expect(find(objects, 'Namespace', 'web').metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
    });
  });

  it('keeps resource quantities exactly as written', () => {
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '3.8G' }, limits: { memory: '4Gi' } });
  });

  it('renders the probes as given', () => {
    expect(container.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 });
    expect(container.readinessProbe).toMatchObject({ tcpSocket: { port: 80 } });
  });

  it('runs as non-root with a read-only root filesystem unless told otherwise', () => {
    expect(container.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
  });

  it('sets numeric uid, gid and fsGroup when given (runAsNonRoot cannot verify an image that names its user)', () => {
    const pod = find(render({ dev: `${APP}    securityContext: { runAsUser: 100, runAsGroup: 101, fsGroup: 101 }\n` }), 'Deployment', 'web').spec
      .template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 100, runAsGroup: 101, fsGroup: 101 });
    expect(pod.containers[0].securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 100, runAsGroup: 101 });
    expect(container.securityContext).not.toHaveProperty('runAsUser');
  });

  it('port "none": no container port, no default startup probe, no Service; terminationGracePeriodSeconds as given', () => {
    const env =
      'cluster: { name: c }\napps:\n  - name: inflate\n    image: pause:3.9\n    port: none\n    terminationGracePeriodSeconds: 0\n    service: { enabled: false }\n';
    const objects = render({ dev: env });
    const pod = find(objects, 'Deployment', 'inflate').spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(0);
    expect(pod.containers[0]).not.toHaveProperty('ports');
    expect(pod.containers[0]).not.toHaveProperty('startupProbe');
    expect(objects.some((o) => o.kind === 'Service')).toBe(false);
    // with a port, cdk8s-plus adds its default TCP startup probe on it
    expect(container.startupProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 80 } });
  });

  it('references secrets by name, never by value', () => {
    expect(container.env).toContainEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } });
    expect(container.env).toContainEqual({ name: 'MODE', value: 'fast' });
  });

  it('uses stable labels (no construct-path hashes) and selects the stable track', () => {
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'web', version: 'stable' });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'web', 'app.kubernetes.io/name': 'web', version: 'stable' });
    expect(JSON.stringify(objects)).not.toContain('cdk8s.io/metadata.addr');
  });

  it('keeps replicas when the app is not autoscaled', () => {
    expect(deployment.spec.replicas).toBe(3);
  });

  it('exposes the app through a Service on a named port that the pods define', () => {
    const svc = find(objects, 'Service', 'web');
    expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': 'web' });
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(container.ports).toContainEqual({ containerPort: 80, name: 'http' });
  });

  it('adds a PodDisruptionBudget allowing one pod down', () => {
    const pdb = find(objects, 'PodDisruptionBudget', 'web');
    expect(pdb.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } }, maxUnavailable: 1 });
  });
});

describe('workloads: options', () => {
  it('omits replicas on an autoscaled Deployment', () => {
    const objects = render({
      dev: `cluster: { name: c }\napps:\n  - name: web\n    image: nginx\n    replicas: 5\n    resources: { requests: { cpu: 100m } }\n    autoscaling:\n      engine: hpa\n      minReplicas: 2\n      maxReplicas: 10\n      triggers: [{ type: cpu, utilization: 50 }]\n`,
    });
    expect(find(objects, 'Deployment', 'web').spec).not.toHaveProperty('replicas');
  });

  it('renders an Ingress to the Service when asked', () => {
    const objects = render({
      dev: `cluster: { name: c }\napps:\n  - name: flask\n    image: flask:1\n    port: 5000\n    ingress: { className: nginx }\n`,
    });
    expect(find(objects, 'Ingress', 'flask').spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'flask', port: { name: 'http' } } } }] } }],
    });
  });

  it('labels app namespaces for sidecar injection when the mesh is on', () => {
    const objects = render({ dev: `cluster: { name: c }\nmesh: { enabled: true }\napps:\n  - { name: web, image: nginx }\n` });
    expect(find(objects, 'Namespace', 'web').metadata.labels).toMatchObject({ 'istio-injection': 'enabled' });
  });

  it('uses minAvailable instead when given, and no PDB when disabled', () => {
    const objects = render({
      dev: `cluster: { name: c }\napps:\n  - { name: a, image: x, pdb: { minAvailable: 50% } }\n  - { name: b, image: x, pdb: { enabled: false } }\n`,
    });
    expect(find(objects, 'PodDisruptionBudget', 'a').spec.minAvailable).toBe('50%');
    expect(objects.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'b')).toBe(false);
  });

  it("names the app's externalSecrets on its Deployment, and the convergence check notes them instead of warning", () => {
    const app = (extra: string) =>
      `cluster: { name: c }\napps:\n  - name: orders\n    image: orders:1\n    env:\n      DB_PASSWORD: { secretKeyRef: { name: orders-db, key: password } }\n${extra}`;
    const secretFindings = (text: string) => {
      const [env] = compile({ environmentsDir: envDir({ dev: text }).dir });
      const deployment = find(
        env!.docs.map((d) => d.object as Record<string, any>),
        'Deployment',
        'orders',
      );
      const findings = simulate(new ObjectIndex(env!.docs)).findings.filter((f) => f.message.includes('Secret orders/orders-db'));
      return { annotations: deployment.metadata.annotations, findings: findings.map((f) => [f.severity, f.message]) };
    };
    expect(secretFindings(app('    externalSecrets: [orders-db]\n'))).toEqual({
      annotations: { 'elastic-gitops.dev/external-secrets': 'orders-db' },
      findings: [['note', 'Deployment orders/orders (wave 0) needs Secret orders/orders-db: declared external, not verified']],
    });
    expect(secretFindings(app(''))).toEqual({
      annotations: undefined,
      findings: [
        [
          'warning',
          'Deployment orders/orders (wave 0) needs Secret orders/orders-db, which is not in the set: its pods do not start until it exists (if something else creates it, declare it: the elastic-gitops.dev/external-secrets annotation, or apps[].externalSecrets in an environment file)',
        ],
      ],
    });
  });
});
