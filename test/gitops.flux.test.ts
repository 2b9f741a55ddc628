import { describe, expect, it } from 'vitest';
import { find, render, type K8sObject } from './support/render.js';

const ENV = `cluster: { name: shop }
mesh: { enabled: true }
monitoring: { enabled: true, namespace: monitoring }
apps:
  - name: api
    image: api:1
    resources: { requests: { cpu: 100m } }
    autoscaling:
      engine: hpa
      maxReplicas: 4
      triggers:
        - { type: pods, metric: http_requests_per_second, averageValue: "10", seriesQuery: 'http_requests_total{pod!=""}' }
gitops:
  engine: flux
  repo: { url: https://github.com/example/deploy.git, branch: release }
`;

describe('Flux delivery', () => {
  const objects = render({ staging: ENV });

  it('syncs the environment folder from the deploy repo with prune, wait and health checks', () => {
    expect(find(objects, 'GitRepository', 'staging').spec).toEqual({ interval: '1m', url: 'https://github.com/example/deploy.git', ref: { branch: 'release' } });
    const k = find(objects, 'Kustomization', 'staging');
    expect(k.metadata.namespace).toBe('flux-system');
    expect(k.spec).toMatchObject({ path: './dist/staging', prune: true, wait: true, sourceRef: { kind: 'GitRepository', name: 'staging' } });
    expect(k.spec.healthChecks.map((h: K8sObject) => h.name)).toEqual(['istio-base', 'istiod', 'istio-ingressgateway', 'kube-prometheus-stack', 'prometheus-adapter']);
  });

  it('installs operators as HelmReleases with pinned versions, CRDs, dependsOn ordering and generated values', () => {
    const adapter = find(objects, 'HelmRelease', 'prometheus-adapter');
    expect(adapter.spec.chart.spec).toMatchObject({ chart: 'prometheus-adapter', sourceRef: { kind: 'HelmRepository', namespace: 'flux-system' } });
    expect(adapter.spec.dependsOn).toEqual([{ name: 'kube-prometheus-stack' }]);
    expect(adapter.spec.values.rules.custom[0].name).toEqual({ matches: '^http_requests_total$', as: 'http_requests_per_second' });
    expect(find(objects, 'HelmRelease', 'istiod').spec.dependsOn).toEqual([{ name: 'istio-base' }]);
    expect(find(objects, 'HelmRelease', 'istio-base').spec.install.crds).toBe('CreateReplace');
    const repos = objects.filter((o) => o.kind === 'HelmRepository').map((o) => o.spec.url);
    expect(repos).toContain('https://prometheus-community.github.io/helm-charts');
  });

  it('adds no Argo CD sync waves', () => {
    expect(objects.some((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBe(false);
  });
});
