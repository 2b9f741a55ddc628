// The convergence check under Flux: a Kustomization applies its objects together (CRDs and Namespaces first) and a
// dependent Kustomization or HelmRelease starts only once its dependsOn are Ready; `wait: true` makes a Kustomization
// Ready only once what it applied (HelmReleases included) is.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deployment, problems } from './support/manifests.js';
import { REPO, runCli } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';
import { tempDir } from './support/temp-dir.js';

const errors = (...yaml: string[]) => problems('converges', ...yaml).filter((p) => p.severity === 'error');

const kustomization = (name: string, o: { dependsOn?: string[]; wait?: boolean } = {}): string => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: ${name}, namespace: flux-system }
spec:
  interval: 10m
  path: ./${name}
  prune: true
  sourceRef: { kind: GitRepository, name: deploy }
  wait: ${o.wait ?? true}${o.dependsOn ? `\n  dependsOn: [${o.dependsOn.map((d) => `{ name: ${d} }`).join(', ')}]` : ''}`;

/** Marks a document as applied by a Kustomization (the labels Flux sets on what it applies). */
const by = (k: string, doc: string): string =>
  doc.replace(
    /^metadata: \{ /m,
    `metadata: { labels: { kustomize.toolkit.fluxcd.io/name: ${k}, kustomize.toolkit.fluxcd.io/namespace: flux-system }, `,
  );

const helmRelease = (
  name: string,
  chart: string,
  version: string,
  o: { dependsOn?: string[]; values?: string; namespace?: string } = {},
): string => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: { name: ${name}, namespace: flux-system }
spec:
  interval: 10m
  releaseName: ${name}
  targetNamespace: ${o.namespace ?? name}
  install: { createNamespace: true }
  chart: { spec: { chart: ${chart}, version: ${version}, sourceRef: { kind: HelmRepository, name: charts } } }
  values: ${o.values ?? '{}'}${o.dependsOn ? `\n  dependsOn: [${o.dependsOn.map((d) => `{ name: ${d} }`).join(', ')}]` : ''}`;

const namespace = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name} }`;
const scaledObject = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: web, namespace: web }
spec: { scaleTargetRef: { name: web }, triggers: [{ type: cpu, metricType: Utilization, metadata: { value: "70" } }] }`;

describe('dependsOn between Kustomizations', () => {
  const apps = (o: { dependsOn?: string[] }) => [kustomization('apps', o), by('apps', namespace('web')), by('apps', scaledObject)];
  const infra = (o: { dependsOn?: string[]; wait?: boolean } = {}) => [kustomization('infra', o), by('infra', helmRelease('keda', 'keda', '2.20.2'))];
  it('accepts a custom resource whose operator a Kustomization it depends on installs', () => {
    expect(errors(...apps({ dependsOn: ['infra'] }), ...infra())).toEqual([]);
  });
  it('reports it without dependsOn', () => {
    const p = errors(...apps({}), ...infra());
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toBe(
      'ScaledObject web/web (Kustomization flux-system/apps) needs the CRD of keda.sh/ScaledObject (HelmRelease flux-system/keda (chart keda 2.20.2)), which nothing orders before it: no dependsOn orders HelmRelease flux-system/keda before Kustomization flux-system/apps; add it to dependsOn',
    );
  });
  it('reports a dependsOn the wrong way round: the provider waits for the consumer', () => {
    const p = errors(...apps({}), ...infra({ dependsOn: ['apps'] }));
    expect(p[0]!.message).toContain(
      '(HelmRelease flux-system/keda (chart keda 2.20.2), applied later): Flux applies HelmRelease flux-system/keda only once Kustomization flux-system/apps is Ready (dependsOn), and that needs it',
    );
  });
  it('reports a dependency on a Kustomization without wait: it is Ready before its HelmReleases are', () => {
    expect(errors(...apps({ dependsOn: ['infra'] }), ...infra({ wait: false }))[0]!.message).toContain('which nothing orders before it');
  });
});

describe('pods across Kustomizations', () => {
  const pc = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: critical }\nvalue: 1000';
  const pod = by(
    'apps',
    deployment({ name: 'web', namespace: 'web', podSpec: '      priorityClassName: critical' })
      .replace('metadata:\n  name: web', 'metadata: { name: web }\n  # -')
      .replace(/\n  # -\n  namespace: web/, '')
      .replace('metadata: { name: web }', 'metadata: { name: web, namespace: web }'),
  );
  it('reports a PriorityClass of a Kustomization that waits for this one', () => {
    const p = errors(kustomization('apps'), by('apps', namespace('web')), pod, kustomization('base', { dependsOn: ['apps'] }), by('base', pc));
    expect(p.map((x) => x.message)).toEqual([
      'Deployment web/web (Kustomization flux-system/apps) needs PriorityClass critical (Kustomization flux-system/base, applied later): Flux applies Kustomization flux-system/base only once Kustomization flux-system/apps is Ready (dependsOn), and that needs it',
    ]);
  });
  it('accepts it in the same Kustomization (applied together) or in one it depends on', () => {
    expect(errors(kustomization('apps'), by('apps', namespace('web')), pod, by('apps', pc))).toEqual([]);
    expect(errors(kustomization('apps', { dependsOn: ['base'] }), by('apps', namespace('web')), pod, kustomization('base'), by('base', pc))).toEqual(
      [],
    );
  });
});

describe('dependsOn between HelmReleases', () => {
  const k = kustomization('operators');
  const stack = (o: { dependsOn?: string[] } = {}) =>
    by('operators', helmRelease('kube-prometheus-stack', 'kube-prometheus-stack', '83.1.0', { ...o, namespace: 'monitoring' }));
  const keda = (o: { dependsOn?: string[] } = {}) =>
    by(
      'operators',
      helmRelease('keda', 'keda', '2.20.2', { ...o, values: '{ prometheus: { operator: { enabled: true, podMonitor: { enabled: true } } } }' }),
    );
  it('reports a chart rendering a kind of a release it does not depend on (KEDA PodMonitor, defect 10)', () => {
    const p = errors(k, stack(), keda());
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ name: 'keda', path: '/spec/values/prometheus/operator/podMonitor/enabled' });
    expect(p[0]!.message).toContain('no dependsOn orders HelmRelease flux-system/kube-prometheus-stack before HelmRelease flux-system/keda');
  });
  it('accepts dependsOn', () => {
    expect(errors(k, stack(), keda({ dependsOn: ['kube-prometheus-stack'] }))).toEqual([]);
  });
  it('reports the gateway installed beside istiod, and accepts it after istiod', () => {
    const istiod = by('operators', helmRelease('istiod', 'istiod', '1.30.3', { namespace: 'istio-system' }));
    const gateway = (dependsOn?: string[]) =>
      by('operators', helmRelease('istio-ingressgateway', 'gateway', '1.30.3', { namespace: 'istio-system', ...(dependsOn ? { dependsOn } : {}) }));
    expect(errors(k, istiod, gateway())[0]!.message).toContain('HelmRelease flux-system/istio-ingressgateway needs the Istio sidecar injector');
    expect(errors(k, istiod, gateway(['istiod']))).toEqual([]);
  });
});

describe('validate (CLI) on a Flux layout of folders', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const layout = (appsDependsOn: string[]) => {
    const root = tempDir('eg-flux-');
    dirs.push(root);
    for (const d of ['clusters', 'apps', 'base']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'clusters', 'sync.yaml'), [kustomization('apps', { dependsOn: appsDependsOn }), kustomization('base')].join('\n---\n'));
    writeFileSync(join(root, 'apps', 'web.yaml'), deployment({ name: 'web', namespace: 'default', podSpec: '      priorityClassName: critical' }));
    writeFileSync(
      join(root, 'base', 'priority.yaml'),
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: critical }\nvalue: 1000\n',
    );
    return root;
  };
  const validate = (root: string) => runCli(['validate', root], REPO, { ELASTIC_GITOPS_MIRROR: mirrorDirs().join(':') });
  it('passes when apps depends on base', () => {
    const r = validate(layout(['base']));
    expect(r.stdout).toBe('Summary: 4 resources found in 3 files - Valid: 4, Invalid: 0, Errors: 0, Skipped: 0\n');
    expect(r.status).toBe(0);
  });
  it('fails, by the folders the Kustomizations apply, when the order is reversed', () => {
    const root = layout([]);
    writeFileSync(join(root, 'clusters', 'sync.yaml'), [kustomization('apps'), kustomization('base', { dependsOn: ['apps'] })].join('\n---\n'));
    const r = validate(root);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'Deployment default/web (Kustomization flux-system/apps) needs PriorityClass critical (Kustomization flux-system/base, applied later)',
    );
  });
});
