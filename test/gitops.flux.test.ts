import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { operatorReleases } from '../charts/gitops/operators.js';
import { checkEnvironments } from '../src/config/check.js';
import { loadEnvironments } from '../src/config/load.js';
import { compile } from '../src/synth/compile.js';
import { envDir } from './support/env-dir.js';
import { find, render, type K8sObject } from './support/render.js';

const groupOf = (o: K8sObject) => (String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0]! : '');
const folderOf = (file: string) => file.slice(0, file.lastIndexOf('/'));

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

  it('syncs the environment folder from the deploy repo with prune and wait, after an operators Kustomization', () => {
    expect(find(objects, 'GitRepository', 'staging').spec).toEqual({
      interval: '1m',
      url: 'https://github.com/example/deploy.git',
      ref: { branch: 'release' },
    });
    const kustomizations = objects.filter((o) => o.kind === 'Kustomization');
    expect(kustomizations.map((k) => [k.metadata.name, k.metadata.namespace, k.spec.path, k.spec.dependsOn])).toEqual([
      ['staging-operators', 'flux-system', './dist/staging/operators', undefined],
      ['staging', 'flux-system', './dist/staging', [{ name: 'staging-operators' }]],
    ]);
    for (const k of kustomizations)
      expect(k.spec).toMatchObject({ prune: true, wait: true, suspend: false, sourceRef: { kind: 'GitRepository', name: 'staging' } });
  });

  it('applies every custom resource whose CRD a HelmRelease installs from a Kustomization that depends on the operators one', () => {
    const { dir } = envDir({ staging: ENV });
    const [out] = compile({ environmentsDir: dir });
    const docs = out!.docs.map((d) => ({ object: d.object as K8sObject, folder: `./dist/${folderOf(d.file)}` }));
    const kustomizations = docs.map((d) => d.object).filter((o) => o.kind === 'Kustomization');
    const appliedBy = (folder: string) => kustomizations.find((k) => k.spec.path === folder)!;
    const releaseFolders = new Set(docs.filter((d) => d.object.kind === 'HelmRelease').map((d) => d.folder));
    expect([...releaseFolders]).toEqual(['./dist/staging/operators']);
    const operators = appliedBy('./dist/staging/operators').metadata.name;
    const [env] = checkEnvironments(loadEnvironments(dir));
    const crdGroups = new Set(operatorReleases(env!).flatMap((r) => r.crdGroups));
    const customResources = docs.filter((d) => crdGroups.has(groupOf(d.object)));
    expect(customResources.map((d) => d.object.kind)).toEqual(
      expect.arrayContaining(['Prometheus', 'PodMonitor', 'ServiceMonitor', 'PrometheusRule', 'PeerAuthentication']),
    );
    for (const { object, folder } of customResources) {
      expect(appliedBy(folder).spec.dependsOn, `${object.kind} ${object.metadata.name}`).toEqual([{ name: operators }]);
    }
  });

  it('gives each folder a kustomization.yaml listing exactly its own files (the operators are not applied twice)', () => {
    const [out] = compile({ environmentsDir: envDir({ staging: ENV }).dir });
    const names = [...out!.files.keys()];
    expect(names.filter((n) => n.endsWith('kustomization.yaml')).sort()).toEqual(['kustomization.yaml', 'operators/kustomization.yaml']);
    for (const folder of ['', 'operators/']) {
      const listed = parse(out!.files.get(`${folder}kustomization.yaml`)!).resources as string[];
      const own = names.filter(
        (n) => n.startsWith(folder) && !n.slice(folder.length).includes('/') && n.endsWith('.yaml') && !n.endsWith('kustomization.yaml'),
      );
      expect(
        listed.map((r) => folder + r),
        folder || 'root',
      ).toEqual(own);
    }
  });

  it('suspends both Kustomizations when the sync is manual', () => {
    const manual = render({ prod: ENV.replace('engine: flux', 'engine: flux\n  sync: manual') });
    const kustomizations = manual.filter((o) => o.kind === 'Kustomization');
    expect(kustomizations.map((k) => [k.metadata.name, k.spec.suspend, k.spec.prune])).toEqual([
      ['prod-operators', true, false],
      ['prod', true, false],
    ]);
  });

  it('installs operators as HelmReleases with pinned versions, CRDs, dependsOn ordering and generated values', () => {
    const adapter = find(objects, 'HelmRelease', 'prometheus-adapter');
    expect(adapter.spec.chart.spec).toMatchObject({ chart: 'prometheus-adapter', sourceRef: { kind: 'HelmRepository', namespace: 'flux-system' } });
    expect(adapter.spec.dependsOn).toEqual([{ name: 'kube-prometheus-stack' }]);
    expect(adapter.spec.values.rules.custom[0].name).toEqual({ matches: '^http_requests_total$', as: 'http_requests_per_second' });
    expect(find(objects, 'HelmRelease', 'istiod').spec.dependsOn).toEqual([{ name: 'istio-base' }, { name: 'istio-cni' }]);
    expect(find(objects, 'HelmRelease', 'istio-base').spec.install.crds).toBe('CreateReplace');
    const repos = objects.filter((o) => o.kind === 'HelmRepository').map((o) => o.spec.url);
    expect(repos).toContain('https://prometheus-community.github.io/helm-charts');
  });

  it('adds no Argo CD sync waves', () => {
    expect(objects.some((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toBe(false);
  });
});
