// Pod autoscaling as rendered from environment files: KEDA ScaledObjects and their TriggerAuthentications, HPAs, and
// the prometheus-adapter rules that serve the HPAs' custom metrics; every object passes validation.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adapterRules } from '../charts/workloads/adapter-rules.js';
import { checkEnvironments } from '../src/config/check.js';
import { loadEnvironments } from '../src/config/load.js';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { envDir } from './support/env-dir.js';
import { find, type K8sObject } from './support/render.js';
import { mirrorDirs } from './support/mirror.js';

const BASE = `cluster: { name: shop, provider: eks, kubernetesVersion: "1.29" }
monitoring: { enabled: true, namespace: observability }
`;

const KEDA = `${BASE}apps:
  - name: web
    image: nginx
    resources: { requests: { cpu: 100m, memory: 64Mi } }
    autoscaling:
      engine: keda
      minReplicas: 1
      maxReplicas: 20
      idleReplicaCount: 0
      pollingInterval: 15
      cooldownPeriod: 120
      fallback: { failureThreshold: 3, replicas: 4 }
      behavior:
        scaleDown:
          stabilizationWindowSeconds: 300
          policies: [{ type: Percent, value: 50, periodSeconds: 60 }]
      triggers:
        - type: prometheus
          name: rps
          query: sum(rate(istio_requests_total{destination_workload="web"}[1m]))
          threshold: 50
          activationThreshold: 1.5
          authSecret: prometheus-token
        - type: prometheus
          name: queue
          query: sum(queue_depth{queue="orders"})
          threshold: 100
          serverAddress: https://prometheus.example.com
          authSecret: prometheus-basic
          authMode: basic
        - type: cron
          timezone: Europe/Paris
          start: "0 8 * * 1-5"
          end: "0 20 * * 1-5"
          desiredReplicas: 5
  - name: worker
    image: worker:1
    resources: { requests: { cpu: 500m, memory: 1Gi } }
    autoscaling:
      engine: keda
      minReplicas: 2
      maxReplicas: 6
      triggers:
        - { type: cpu, utilization: 70 }
        - { type: memory, averageValue: 800Mi }
  - name: fixed
    image: nginx
    replicas: 3
`;

const HPA = `${BASE}apps:
  - name: api
    image: api:1
    resources: { requests: { cpu: 200m, memory: 256Mi } }
    autoscaling:
      engine: hpa
      minReplicas: 2
      maxReplicas: 8
      behavior:
        scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: Max, policies: [{ type: Pods, value: 4, periodSeconds: 15 }] }
      triggers:
        - { type: cpu, utilization: 60 }
        - { type: memory, averageValue: 200Mi }
        - type: pods
          metric: http_requests_per_second
          averageValue: "10"
          seriesQuery: 'http_requests_total{namespace!="",pod!=""}'
  - name: front
    image: front:1
    resources: { requests: { cpu: 100m } }
    autoscaling:
      engine: hpa
      maxReplicas: 4
      triggers:
        - type: pods
          metric: http_requests_per_second
          averageValue: 500m
          seriesQuery: 'http_requests_total{namespace!="",pod!=""}'
        - type: pods
          metric: jobs_in_flight
          averageValue: "3"
          seriesQuery: 'worker_jobs_in_flight{kubernetes_namespace!="",kubernetes_pod_name!=""}'
          metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
          namespaceLabel: kubernetes_namespace
          podLabel: kubernetes_pod_name
`;

const rendered = compile({ environmentsDir: envDir({ keda: KEDA, hpa: HPA }).dir });
const objectsOf = (env: string): K8sObject[] => rendered.find((e) => e.env === env)!.docs.map((d) => d.object as K8sObject);

describe('KEDA ScaledObject', () => {
  const objects = objectsOf('keda');
  const so = find(objects, 'ScaledObject', 'web');

  it('targets the Deployment, and autoscaled Deployments carry no replicas (fixed ones keep theirs)', () => {
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    expect(so.metadata.namespace).toBe('web');
    expect(find(objects, 'Deployment', 'web').spec).not.toHaveProperty('replicas');
    expect(find(objects, 'Deployment', 'worker').spec).not.toHaveProperty('replicas');
    expect(find(objects, 'Deployment', 'fixed').spec.replicas).toBe(3);
  });

  it('renders bounds, scale to zero, polling, cooldown, fallback and HPA behavior', () => {
    expect(so.spec).toMatchObject({
      minReplicaCount: 1,
      maxReplicaCount: 20,
      idleReplicaCount: 0,
      pollingInterval: 15,
      cooldownPeriod: 120,
      fallback: { failureThreshold: 3, replicas: 4 },
      advanced: {
        horizontalPodAutoscalerConfig: {
          name: 'keda-hpa-web',
          behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } },
        },
      },
    });
  });

  it('leaves KEDA defaults to KEDA when not set', () => {
    const worker = find(objects, 'ScaledObject', 'worker').spec;
    for (const key of ['pollingInterval', 'cooldownPeriod', 'idleReplicaCount', 'fallback', 'advanced']) expect(worker).not.toHaveProperty(key);
  });

  it('defaults the Prometheus address to the environment Prometheus and renders every metadata value as a string', () => {
    expect(so.spec.triggers[0]).toEqual({
      type: 'prometheus',
      name: 'rps',
      metadata: {
        serverAddress: 'http://prometheus-operated.observability.svc:9090',
        query: 'sum(rate(istio_requests_total{destination_workload="web"}[1m]))',
        threshold: '50',
        activationThreshold: '1.5',
        authModes: 'bearer',
      },
      authenticationRef: { name: 'web-rps' },
    });
    for (const so of objects.filter((o) => o.kind === 'ScaledObject')) {
      for (const t of so.spec.triggers) for (const v of Object.values(t.metadata)) expect(typeof v).toBe('string');
    }
  });

  it('references credentials through a TriggerAuthentication naming the Secret, never its value (bearer and basic)', () => {
    expect(find(objects, 'TriggerAuthentication', 'web-rps').spec).toEqual({
      secretTargetRef: [{ parameter: 'bearerToken', name: 'prometheus-token', key: 'token' }],
    });
    expect(so.spec.triggers[1]).toMatchObject({
      metadata: { serverAddress: 'https://prometheus.example.com', authModes: 'basic', threshold: '100' },
      authenticationRef: { name: 'web-queue' },
    });
    expect(find(objects, 'TriggerAuthentication', 'web-queue')).toMatchObject({
      metadata: { namespace: 'web' },
      spec: {
        secretTargetRef: [
          { parameter: 'username', name: 'prometheus-basic', key: 'username' },
          { parameter: 'password', name: 'prometheus-basic', key: 'password' },
        ],
      },
    });
  });

  it('renders cron with its schedule, and cpu/memory with metricType Utilization or AverageValue', () => {
    expect(so.spec.triggers[2]).toEqual({
      type: 'cron',
      metadata: { timezone: 'Europe/Paris', start: '0 8 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '5' },
    });
    expect(find(objects, 'ScaledObject', 'worker').spec.triggers).toEqual([
      { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
      { type: 'memory', metricType: 'AverageValue', metadata: { value: '800Mi' } },
    ]);
  });

  it('renders no HPA and no adapter rules for KEDA apps', () => {
    expect(objects.filter((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ConfigMap')).toEqual([]);
  });
});

describe('HPA and prometheus-adapter', () => {
  const objects = objectsOf('hpa');
  const config = parse(find(objects, 'ConfigMap', 'prometheus-adapter').data['config.yaml']);

  it('renders autoscaling/v2 resource and Pods metrics with behavior', () => {
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'api');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.namespace).toBe('api');
    expect(hpa.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 8,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      behavior: { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } },
    });
    expect(hpa.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'http_requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } },
    ]);
    expect(find(objects, 'Deployment', 'api').spec).not.toHaveProperty('replicas');
  });

  it('puts the rules ConfigMap in the monitoring namespace, one rule per metric', () => {
    expect(find(objects, 'ConfigMap', 'prometheus-adapter').metadata.namespace).toBe('observability');
    expect(config.rules).toEqual([
      {
        seriesQuery: 'http_requests_total{namespace!="",pod!=""}',
        resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
        name: { matches: '^http_requests_total$', as: 'http_requests_per_second' },
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)',
      },
      {
        seriesQuery: 'worker_jobs_in_flight{kubernetes_namespace!="",kubernetes_pod_name!=""}',
        resources: { overrides: { kubernetes_namespace: { resource: 'namespace' }, kubernetes_pod_name: { resource: 'pod' } } },
        name: { matches: '^worker_jobs_in_flight$', as: 'jobs_in_flight' },
        metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
      },
    ]);
  });

  it('serves every metric an HPA asks for, under the series the rule matches', () => {
    const served = new Map<string, { seriesQuery: string; name: { matches: string } }>(config.rules.map((r: any) => [r.name.as, r]));
    const asked = objects
      .filter((o) => o.kind === 'HorizontalPodAutoscaler')
      .flatMap((h) => h.spec.metrics.filter((m: any) => m.type === 'Pods').map((m: any) => m.pods.metric.name));
    expect(asked).toEqual(['http_requests_per_second', 'http_requests_per_second', 'jobs_in_flight']);
    for (const metric of asked) {
      const rule = served.get(metric)!;
      expect(rule, metric).toBeDefined();
      expect(rule.seriesQuery.split('{')[0]).toMatch(new RegExp(rule.name.matches));
    }
  });

  it('exports the same rules as a pure function of the checked environment (for the adapter Helm values)', () => {
    const [env] = checkEnvironments(loadEnvironments(envDir({ hpa: HPA }).dir));
    expect(adapterRules(env!)).toEqual(config.rules);
    expect(adapterRules(env!)).toEqual(adapterRules(env!));
  });
});

describe('with GitOps installing prometheus-adapter', () => {
  const objects = compile({
    environmentsDir: envDir({ dev: `${HPA}gitops: { engine: argocd, repo: { url: "https://github.com/example/deploy.git" } }\n` }).dir,
  })[0]!.docs.map((d) => d.object as K8sObject);

  it('passes the rules as Helm values and renders no competing ConfigMap of the same name', () => {
    const adapter = find(objects, 'Application', 'dev-prometheus-adapter');
    const values = adapter.spec.source.helm.valuesObject;
    expect(values.rules.custom.map((r: any) => r.name.as)).toEqual(['http_requests_per_second', 'jobs_in_flight']);
    expect(objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'prometheus-adapter')).toEqual([]);
  });
});

describe('validation', () => {
  it('every rendered object passes elastic-gitops validate (schemas, CEL and rules)', async () => {
    const report = await validateManifests(
      rendered.flatMap((e) => e.docs),
      { mirrors: mirrorDirs() },
    );
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.skipped).toBe(0);
  });
});
