// A synthetic fleet of environment files for benchmarks: `apps` apps (Deployment, Service, PDB, KEDA or HPA,
// Istio routing, ServiceMonitor) in each of `envs` environments extending one base.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFleet(dir: string, apps: number, envs: number): void {
  mkdirSync(dir, { recursive: true });
  const lines = [
    'abstract: true',
    'cluster: { name: fleet, provider: eks }',
    'mesh: { enabled: true, mtls: PERMISSIVE, gateway: { name: public, hosts: ["*.fleet.example.com"] } }',
    'monitoring: { enabled: true, namespace: monitoring }',
    'priorityClasses: [{ name: business, value: 1000 }]',
    'nodes:',
    '  provisioner: karpenter',
    '  karpenter:',
    '    nodeRole: KarpenterNodeRole-fleet',
    '    pools: [{ name: default, instanceCategories: [c, m, r], limits: { cpu: "100000", memory: 400000Gi } }]',
    'apps:',
  ];
  for (let i = 0; i < apps; i++) {
    const name = `app-${String(i).padStart(4, '0')}`;
    const keda = i % 2 === 0;
    lines.push(
      `  - name: ${name}`,
      `    image: ghcr.io/example/${name}:1.${i}.0`,
      '    port: 8080',
      '    priorityClassName: business',
      '    resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }',
      '    probes: { liveness: { http: { path: /healthz } }, readiness: { http: { path: /ready } } }',
      '    metrics: { path: /metrics }',
      `    routing: { hosts: [${name}.fleet.example.com], timeout: 5s, retries: { attempts: 2 } }`,
      '    autoscaling:',
      `      engine: ${keda ? 'keda' : 'hpa'}`,
      '      minReplicas: 2',
      '      maxReplicas: 10',
      keda
        ? `      triggers: [{ type: prometheus, query: 'sum(rate(istio_requests_total{destination_workload="${name}"}[1m]))', threshold: 50 }]`
        : '      triggers: [{ type: cpu, utilization: 70 }]',
    );
  }
  writeFileSync(join(dir, 'base.yaml'), `${lines.join('\n')}\n`);
  for (let e = 0; e < envs; e++) {
    writeFileSync(join(dir, `env-${e}.yaml`), `extends: base\ncluster: { name: fleet-${e} }\n`);
  }
}
