import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { prometheusUrl } from '../charts/platform/prometheus-url.js';
import { podLabelsOf, render, selects } from './support/rendered.js';

const ENV = `cluster: { name: test }
mesh:
  enabled: true
  gateway: { name: public, hosts: ["*.example.com"] }
monitoring:
  enabled: true
  namespace: observability
apps:
  - name: web
    image: nginx:1.27
    port: 8080
    metrics: { port: 9797, path: /metrics, interval: 15s }
    routing:
      hosts: [web.example.com]
      canary: { image: nginx:1.28, weight: 10 }
  - name: worker
    image: worker:1
    service: { enabled: false }
    metrics: { port: 9100 }
`;

describe('monitoring: the Prometheus finds every monitor, and every monitor finds its pods', () => {
  const r = render({ dev: ENV });
  const prom = r.get('Prometheus', 'prometheus', 'observability');

  it('renders a Prometheus with a PVC template, retention, intervals and a service account that can discover targets', () => {
    expect(prom.file).toBe('20-monitoring.yaml');
    expect(prom.spec.retention).toBe('15d');
    expect(prom.spec.scrapeInterval).toBe('30s');
    expect(prom.spec.storage.volumeClaimTemplate.spec.resources.requests.storage).toBe('50Gi');
    expect(prom.spec.storage.volumeClaimTemplate.spec.accessModes).toEqual(['ReadWriteOnce']);
    const binding = r.get('ClusterRoleBinding', 'observability-prometheus');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: prom.spec.serviceAccountName, namespace: 'observability' }]);
    expect(r.get('ClusterRole', binding.roleRef.name).rules[0].resources).toContain('pods');
  });

  it('selects every rendered ServiceMonitor and PodMonitor (any namespace) and the PrometheusRule', () => {
    const monitors = [...r.of('ServiceMonitor'), ...r.of('PodMonitor')];
    expect(monitors.map((m) => m.metadata.name).sort()).toEqual(['envoy-stats-monitor', 'istio-component-monitor', 'web', 'worker']);
    for (const m of r.of('ServiceMonitor')) expect(selects(prom.spec.serviceMonitorSelector, m.metadata.labels)).toBe(true);
    for (const m of r.of('PodMonitor')) expect(selects(prom.spec.podMonitorSelector, m.metadata.labels)).toBe(true);
    expect(prom.spec.serviceMonitorNamespaceSelector).toEqual({});
    expect(prom.spec.podMonitorNamespaceSelector).toEqual({});
    const rule = r.get('PrometheusRule', 'autoscaling-alerts');
    expect(rule.metadata.namespace).toBe(prom.metadata.namespace); // no ruleNamespaceSelector: own namespace only
    expect(selects(prom.spec.ruleSelector, rule.metadata.labels)).toBe(true);
  });

  it("a ServiceMonitor selects the app's Service and names a port the Service has, whose pods include the canary", () => {
    const sm = r.get('ServiceMonitor', 'web', 'web');
    const svc = r.get('Service', 'web', 'web');
    expect(sm.spec.namespaceSelector.matchNames).toContain(svc.metadata.namespace);
    expect(selects(sm.spec.selector, svc.metadata.labels)).toBe(true);
    expect(svc.spec.ports.map((p: { name: string }) => p.name)).toContain(sm.spec.endpoints[0].port);
    expect(sm.spec.endpoints[0]).toMatchObject({ path: '/metrics', interval: '15s' });
    for (const name of ['web', 'web-canary']) {
      const dep = r.get('Deployment', name, 'web');
      expect(selects({ matchLabels: svc.spec.selector }, podLabelsOf(dep))).toBe(true);
      const ports = dep.spec.template.spec.containers[0].ports;
      expect(ports.find((p: { name: string }) => p.name === 'metrics').containerPort).toBe(9797);
    }
  });

  it('copies the pod labels app and version onto the series of both monitors, from labels the pods carry', () => {
    for (const [kind, name] of [
      ['ServiceMonitor', 'web'],
      ['PodMonitor', 'worker'],
    ] as const) {
      const m = r.get(kind, name, name);
      expect(m.spec.podTargetLabels).toEqual(['app', 'version']);
      const pod = podLabelsOf(r.get('Deployment', name, name));
      for (const l of m.spec.podTargetLabels) expect(pod[l]).toBeDefined();
      expect(pod.app).toBe(name);
    }
  });

  it('an app without a Service gets a PodMonitor that selects its pods on a named container port', () => {
    const pm = r.get('PodMonitor', 'worker', 'worker');
    const dep = r.get('Deployment', 'worker', 'worker');
    expect(selects(pm.spec.selector, podLabelsOf(dep))).toBe(true);
    const names = dep.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name);
    expect(names).toContain(pm.spec.podMetricsEndpoints[0].port);
    expect(r.of('ServiceMonitor').some((m) => m.metadata.name === 'worker')).toBe(false);
  });

  it('scrapes the Envoy sidecars on /stats/prometheus keeping namespace and pod, and istiod on http-monitoring', () => {
    const envoy = r.get('PodMonitor', 'envoy-stats-monitor', 'istio-system');
    const ep = envoy.spec.podMetricsEndpoints[0];
    expect(ep.path).toBe('/stats/prometheus');
    expect(ep.relabelings).toContainEqual({ action: 'keep', sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: 'istio-proxy' });
    expect(ep.relabelings.map((x: { targetLabel?: string }) => x.targetLabel)).toEqual(expect.arrayContaining(['namespace', 'pod']));
    expect(envoy.spec.namespaceSelector).toEqual({ any: true });
    expect(selects(envoy.spec.selector, podLabelsOf(r.get('Deployment', 'web')))).toBe(true);
    const istiod = r.get('ServiceMonitor', 'istio-component-monitor', 'istio-system');
    expect(selects(istiod.spec.selector, { app: 'istiod', istio: 'pilot' })).toBe(true);
    expect(istiod.spec.endpoints[0].port).toBe('http-monitoring');
  });

  it('lets Prometheus (outside the mesh) scrape the metrics port under STRICT mTLS, and only that port', () => {
    const pa = r.get('PeerAuthentication', 'web-metrics', 'web');
    expect(pa.spec.portLevelMtls).toEqual({ 9797: { mode: 'PERMISSIVE' } });
    expect(pa.spec.mtls.mode).toBe('STRICT');
    expect(selects(pa.spec.selector, podLabelsOf(r.get('Deployment', 'web')))).toBe(true);
    expect(r.get('PeerAuthentication', 'default', 'istio-system').spec.mtls.mode).toBe('STRICT');
  });

  it('alerts on max replicas, KEDA errors, HPA without metrics, Pending pods and down targets, in valid PromQL', () => {
    const rules = r.get('PrometheusRule', 'autoscaling-alerts').spec.groups[0].rules;
    expect(rules.map((x: { alert: string }) => x.alert)).toEqual([
      'WorkloadAtMaxReplicas',
      'KedaScalerErrors',
      'KedaScaledObjectErrors',
      'HpaMetricsUnavailable',
      'PodsPendingTooLong',
      'TargetDown',
    ]);
    expect(rules.find((x: { alert: string }) => x.alert === 'WorkloadAtMaxReplicas').for).toBe('15m');
    expect(rules.find((x: { alert: string }) => x.alert === 'PodsPendingTooLong').for).toBe('10m');
    for (const rule of rules) {
      const tree = parser.parse(rule.expr);
      let error: number | undefined;
      tree.iterate({
        enter: (n) => {
          if (n.type.isError) error ??= n.from;
        },
      });
      expect(error, `${rule.alert}: ${rule.expr}`).toBeUndefined();
    }
  });

  it('exports the address KEDA triggers default to: the operator-governed prometheus-operated Service', () => {
    expect(prometheusUrl({ monitoring: { namespace: 'observability' } as never })).toBe('http://prometheus-operated.observability.svc:9090');
  });

  it('keeps the TSDB in an emptyDir when storage is disabled, and renders nothing when monitoring is off', () => {
    const off = render({
      dev: ENV.replace('  namespace: observability\n', '  namespace: observability\n  prometheus: { storage: { enabled: false, size: 1Gi } }\n'),
    });
    expect(off.get('Prometheus', 'prometheus').spec.storage).toBeUndefined();
    const none = render({ dev: 'cluster: { name: t }\napps:\n  - { name: web, image: nginx, metrics: {} }\n' });
    expect(none.objects.filter((o) => o.file === '20-monitoring.yaml')).toEqual([]);
  });
});
