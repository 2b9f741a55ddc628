import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { find, render } from './support/render.js';

const BASE = `cluster: { name: shop, provider: eks, kubernetesVersion: "1.29" }
monitoring: { enabled: true, namespace: observability }
`;

describe('KEDA ScaledObject', () => {
  const objects = render({
    dev: `${BASE}apps:
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
        - type: cpu
          utilization: 70
        - type: cron
          timezone: Europe/Paris
          start: "0 8 * * 1-5"
          end: "0 20 * * 1-5"
          desiredReplicas: 5
`,
  });
  const so = find(objects, 'ScaledObject', 'web');

  it('targets the Deployment, which carries no replicas', () => {
    expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    expect(find(objects, 'Deployment', 'web').spec).not.toHaveProperty('replicas');
  });

  it('renders bounds, scale to zero, polling, cooldown, fallback and HPA behavior', () => {
    expect(so.spec).toMatchObject({
      minReplicaCount: 1,
      maxReplicaCount: 20,
      idleReplicaCount: 0,
      pollingInterval: 15,
      cooldownPeriod: 120,
      fallback: { failureThreshold: 3, replicas: 4 },
      advanced: { horizontalPodAutoscalerConfig: { name: 'keda-hpa-web', behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } } },
    });
  });

  it('defaults the Prometheus address to the environment Prometheus and renders metadata values as strings', () => {
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
  });

  it('references credentials through a TriggerAuthentication naming the Secret, never its value', () => {
    expect(find(objects, 'TriggerAuthentication', 'web-rps').spec).toEqual({ secretTargetRef: [{ parameter: 'bearerToken', name: 'prometheus-token', key: 'token' }] });
  });

  it('renders cpu with metricType and cron with its schedule', () => {
    expect(so.spec.triggers[1]).toEqual({ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } });
    expect(so.spec.triggers[2]).toEqual({ type: 'cron', metadata: { timezone: 'Europe/Paris', start: '0 8 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '5' } });
  });
});

describe('HPA and prometheus-adapter', () => {
  const objects = render({
    dev: `${BASE}apps:
  - name: api
    image: api:1
    resources: { requests: { cpu: 200m, memory: 256Mi } }
    autoscaling:
      engine: hpa
      minReplicas: 2
      maxReplicas: 8
      triggers:
        - { type: cpu, utilization: 60 }
        - { type: memory, averageValue: 200Mi }
        - type: pods
          metric: http_requests_per_second
          averageValue: "10"
          seriesQuery: 'http_requests_total{namespace!="",pod!=""}'
`,
  });

  it('renders autoscaling/v2 resource and Pods metrics', () => {
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'api');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 8, scaleTargetRef: { kind: 'Deployment', name: 'api' } });
    expect(hpa.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'http_requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } },
    ]);
  });

  it('serves the metric the HPA asks for from the adapter rules', () => {
    const config = parse(find(objects, 'ConfigMap', 'prometheus-adapter').data['config.yaml']);
    expect(config.rules).toEqual([
      {
        seriesQuery: 'http_requests_total{namespace!="",pod!=""}',
        resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
        name: { matches: '^http_requests_total$', as: 'http_requests_per_second' },
        metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)',
      },
    ]);
  });
});
