// What a team would write with Helm instead, for the fleet benchmark: one chart whose single template loops over the
// apps (Deployment, Service, PodDisruptionBudget, HorizontalPodAutoscaler per app, as charts/workloads renders them,
// without mesh, monitoring or KEDA), and one values file per environment over the chart's values.yaml (as the
// environment files extend base.yaml). Helm re-renders every environment on every run; it validates nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATE = `{{- range .Values.apps }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .name }}
  namespace: {{ .name }}
  labels: { app: {{ .name }}, cluster: {{ $.Values.cluster }} }
spec:
  selector: { matchLabels: { app: {{ .name }} } }
  template:
    metadata: { labels: { app: {{ .name }} } }
    spec:
      containers:
        - name: {{ .name }}
          image: {{ .image }}
          ports: [{ containerPort: {{ .port }}, name: http }]
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { memory: 256Mi } }
          livenessProbe: { httpGet: { path: /healthz, port: http } }
          readinessProbe: { httpGet: { path: /ready, port: http } }
---
apiVersion: v1
kind: Service
metadata: { name: {{ .name }}, namespace: {{ .name }} }
spec:
  selector: { app: {{ .name }} }
  ports: [{ name: http, port: {{ .port }}, targetPort: http }]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: {{ .name }}, namespace: {{ .name }} }
spec:
  maxUnavailable: 1
  selector: { matchLabels: { app: {{ .name }} } }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: {{ .name }}, namespace: {{ .name }} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: {{ .name }} }
  minReplicas: {{ .minReplicas }}
  maxReplicas: {{ .maxReplicas }}
  metrics:
    - type: Resource
      resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
{{- end }}
`;

/** Writes `<dir>/chart/` and `<dir>/values/env-<e>.yaml` for `apps` apps in each of `envs` environments. */
export function writeHelmFleet(dir: string, apps: number, envs: number): void {
  mkdirSync(join(dir, 'chart', 'templates'), { recursive: true });
  mkdirSync(join(dir, 'values'), { recursive: true });
  writeFileSync(join(dir, 'chart', 'Chart.yaml'), 'apiVersion: v2\nname: fleet\nversion: 0.1.0\n');
  writeFileSync(join(dir, 'chart', 'templates', 'apps.yaml'), TEMPLATE);
  const lines = ['cluster: fleet', 'apps:'];
  for (let i = 0; i < apps; i++) {
    const name = `app-${String(i).padStart(4, '0')}`;
    lines.push(`  - { name: ${name}, image: "ghcr.io/example/${name}:1.${i}.0", port: 8080, minReplicas: 2, maxReplicas: 10 }`);
  }
  writeFileSync(join(dir, 'chart', 'values.yaml'), `${lines.join('\n')}\n`);
  for (let e = 0; e < envs; e++) writeFileSync(join(dir, 'values', `env-${e}.yaml`), `cluster: fleet-${e}\n`);
}

/** The argv rendering every environment with `helm template` into `out/env-<e>/` of the folder it runs in, one helm process each, as CI would. */
export function helmTemplateArgv(helm: string, envs: number): string[] {
  const loop = `rm -rf out && for e in $(seq 0 ${envs - 1}); do "$0" template env-$e chart -f values/env-$e.yaml --output-dir out/env-$e >/dev/null || exit 1; done`;
  return ['sh', '-c', loop, helm];
}
