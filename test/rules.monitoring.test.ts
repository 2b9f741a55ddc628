// Monitors select workloads, Prometheus selects monitors, Karmada selectors match objects.
import { describe, expect, it } from 'vitest';
import { deployment, problems } from './support/manifests.js';

const web = deployment({ name: 'web', namespace: 'web', labels: { 'app.kubernetes.io/name': 'web' } });
const service = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: web, labels: { app.kubernetes.io/name: web } }
spec:
  selector: { app.kubernetes.io/name: web }
  ports: [{ name: metrics, port: 9797 }]`;
const serviceMonitor = (app: string, labels = '{ release: prometheus }'): string => `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: { name: web, namespace: web, labels: ${labels} }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: ${app} } }
  endpoints: [{ port: metrics }]`;
const podMonitor = (app: string): string => `apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: { name: web-pods, namespace: web, labels: { release: prometheus } }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: ${app} } }
  podMetricsEndpoints: [{ port: metrics }]`;
const prometheus = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: { name: prometheus, namespace: monitoring }
spec:
  serviceMonitorSelector: { matchLabels: { release: prometheus } }
  serviceMonitorNamespaceSelector: {}
  podMonitorSelector: { matchLabels: { release: prometheus } }
  podMonitorNamespaceSelector: {}`;

describe('monitor-selects-targets', () => {
  it('warns for monitors whose selector matches nothing in their namespaces', () => {
    const p = problems('monitor-selects-targets', web, service, serviceMonitor('wbe'), podMonitor('wbe'));
    expect(p.map((x) => x.kind).sort()).toEqual(['PodMonitor', 'ServiceMonitor']);
    expect(p.every((x) => x.severity === 'warning')).toBe(true);
    expect(p.find((x) => x.kind === 'ServiceMonitor')!.message).toBe('selector matches no Service in namespace web (1 Service there)');
  });
  it('accepts matching monitors, and monitors alone (nothing to match against)', () => {
    expect(problems('monitor-selects-targets', web, service, serviceMonitor('web'), podMonitor('web'))).toEqual([]);
    expect(problems('monitor-selects-targets', serviceMonitor('wbe'), podMonitor('wbe'))).toEqual([]);
  });
});

describe('prometheus-selects-monitor', () => {
  it('warns for a monitor no Prometheus selects', () => {
    const p = problems('prometheus-selects-monitor', prometheus, serviceMonitor('web', '{ team: web }'));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain('no Prometheus selects this ServiceMonitor');
  });
  it('accepts selected monitors, and sets without a Prometheus', () => {
    expect(problems('prometheus-selects-monitor', prometheus, serviceMonitor('web'), podMonitor('web'))).toEqual([]);
    expect(problems('prometheus-selects-monitor', serviceMonitor('web', '{ team: web }'))).toEqual([]);
  });
});

describe('karmada-selector-matches', () => {
  const policy = (name: string): string => `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: { name: web-propagation, namespace: web }
spec:
  resourceSelectors:
    - { apiVersion: apps/v1, kind: Deployment, name: ${name} }
  placement:
    clusterAffinity: { clusterNames: [us, eu] }`;
  it('warns for a resource selector that matches nothing', () => {
    const p = problems('karmada-selector-matches', web, policy('wbe'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'warning', path: '/spec/resourceSelectors/0' });
  });
  it('accepts a selector that names a rendered object', () => {
    expect(problems('karmada-selector-matches', web, policy('web'))).toEqual([]);
  });
});
