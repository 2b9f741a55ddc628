import { describe, expect, it } from 'vitest';
import { find, render, type K8sObject } from './support/render.js';

const ENV = (labels: string, engine = 'argocd') => `cluster: { name: shop }
mesh:
  enabled: true
  multiCluster: { meshId: shop-mesh, network: us, eastWestSelector: { istio: eastwestgateway, app: ew } }
monitoring: { enabled: true, namespace: monitoring${labels} }
apps:
  - name: web
    image: nginx
    resources: { requests: { cpu: 100m } }
    autoscaling:
      engine: keda
      maxReplicas: 5
      triggers: [{ type: prometheus, query: 'sum(rate(istio_requests_total[1m]))', threshold: 10 }]
gitops:
  engine: ${engine}
  repo: { url: https://github.com/example/deploy.git }
`;

/** Helm release name and values of an operator, from its Argo CD Application or Flux HelmRelease. */
function release(objects: K8sObject[], name: string): { releaseName: string; values: K8sObject } {
  const app = objects.find((o) => o.kind === 'Application' && o.metadata.name === `dev-${name}`);
  if (app) return { releaseName: app.spec.source.helm.releaseName, values: app.spec.source.helm.valuesObject };
  const hr = find(objects, 'HelmRelease', name);
  return { releaseName: hr.spec.releaseName, values: hr.spec.values };
}

describe('operator values feed the rendered Prometheus', () => {
  for (const [title, labels, engine] of [
    ['default selector labels, Argo CD', '', 'argocd'],
    ['custom selector labels, Flux', ', selectorLabels: { release: prom, team: platform }', 'flux'],
    ['selector labels without release', ', selectorLabels: { team: platform }', 'argocd'],
  ] as const) {
    it(`labels the stack's, the exporters' and KEDA's monitors as the Prometheus selects them (${title})`, () => {
      const objects = render({ dev: ENV(labels, engine) });
      const prometheus = find(objects, 'Prometheus', 'prometheus');
      const serviceMonitors = prometheus.spec.serviceMonitorSelector.matchLabels;
      const podMonitors = prometheus.spec.podMonitorSelector.matchLabels;
      const stack = release(objects, 'kube-prometheus-stack');
      // kube-prometheus-stack labels its own monitors (kubelet, operator) with commonLabels and release: <release name>
      expect(stack.values.commonLabels.release).toBeUndefined();
      expect({ ...stack.values.commonLabels, release: stack.releaseName }).toMatchObject(serviceMonitors);
      expect(stack.values.kubelet.serviceMonitor.enabled).toBe(true);
      for (const sub of ['kube-state-metrics', 'prometheus-node-exporter']) {
        const { releaseLabel, prometheus: p } = stack.values[sub];
        expect(p.monitor.enabled, sub).toBe(true);
        expect(p.monitor.additionalLabels.release, sub).toBeUndefined();
        expect({ ...p.monitor.additionalLabels, ...(releaseLabel ? { release: stack.releaseName } : {}) }, sub).toMatchObject(serviceMonitors);
      }
      const keda = release(objects, 'keda').values.prometheus.operator;
      expect(keda.enabled).toBe(true);
      expect(keda.podMonitor.enabled).toBe(true);
      expect(keda.podMonitor.additionalLabels).toMatchObject(podMonitors);
    });
  }

  it('names the Helm release after a release selector label, the objects keep the operator name', () => {
    const objects = render({ dev: ENV(', selectorLabels: { release: prom }') });
    expect(find(objects, 'Application', 'dev-kube-prometheus-stack').spec.source.helm.releaseName).toBe('prom');
    expect(find(objects, 'Application', 'dev-keda').spec.source.helm.releaseName).toBe('keda');
  });
});

describe('east-west gateway pods', () => {
  for (const engine of ['argocd', 'flux'] as const) {
    it(`installs istio/gateway as istio-eastwestgateway, labelled as the cross-network Gateway selects (${engine})`, () => {
      const objects = render({ dev: ENV('', engine) });
      const gateway = find(objects, 'Gateway', 'cross-network-gateway');
      const ew = release(objects, 'istio-eastwestgateway');
      expect(ew.releaseName).toBe('istio-eastwestgateway');
      expect(ew.values.labels).toMatchObject(gateway.spec.selector);
      expect(ew.values.labels['topology.istio.io/network']).toBe('us');
      expect(ew.values.env).toEqual({ ISTIO_META_REQUESTED_NETWORK_VIEW: 'us' });
      expect(ew.values.service.ports.map((p: K8sObject) => [p.name, p.port])).toEqual([
        ['status-port', 15021],
        ['tls', 15443],
        ['tls-istiod', 15012],
        ['tls-webhook', 15017],
      ]);
      expect(gateway.spec.servers.map((s: K8sObject) => s.port.number)).toEqual([15443]);
      if (engine === 'argocd') {
        const app = find(objects, 'Application', 'dev-istio-eastwestgateway');
        expect(app.spec.source.chart).toBe('gateway');
        expect(app.spec.destination.namespace).toBe('istio-system');
      } else
        expect(find(objects, 'HelmRelease', 'istio-eastwestgateway').spec).toMatchObject({
          targetNamespace: 'istio-system',
          dependsOn: [{ name: 'istiod' }],
        });
    });
  }

  it('installs no east-west gateway on a single-network mesh', () => {
    const objects = render({ dev: ENV('').replace(/  multiCluster: .*\n/, '') });
    expect(objects.some((o) => /eastwestgateway/.test(o.metadata.name))).toBe(false);
  });
});
