// What each pinned operator chart installs (src/convergence/operator-installs.ts) is data: checked here against the
// pinned versions and the rendered projects, so that it cannot drift silently, and used by the convergence check.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_CHARTS } from '../charts/gitops/operator-versions.js';
import { buildDelivery } from '../src/convergence/delivery.js';
import { operatorInstall, OPERATOR_INSTALLS, unsupportedRange } from '../src/convergence/operator-installs.js';
import { destinationPermitted } from '../src/convergence/project-permission.js';
import { ObjectIndex } from '../src/manifest/object-index.js';
import { compile } from '../src/synth/compile.js';
import type { SerializedEnvironment } from '../src/synth/serialize.js';
import { problems } from './support/manifests.js';
import { REPO } from './support/run-cli.js';

describe('the operator-installs table', () => {
  it('has a row for every pinned chart version, each with its sources', () => {
    for (const [id, c] of Object.entries(OPERATOR_CHARTS))
      expect(operatorInstall(c.chart, c.version), `${id}: ${c.chart} ${c.version}`).toBeDefined();
    for (const row of OPERATOR_INSTALLS) {
      expect(row.sources.length, `${row.chart} ${row.version}`).toBeGreaterThan(0);
      expect(row.kubernetes.source).not.toBe('');
    }
  });
  it('has one row per chart version, whatever the leading v', () => {
    const keys = OPERATOR_INSTALLS.map((r) => `${r.chart}@${r.version.replace(/^v/, '')}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(operatorInstall('karpenter', '0.31.5')).toBe(operatorInstall('karpenter', 'v0.31.5'));
  });
  it('lists the namespaces outside the release namespace that the charts write to (kube-system)', () => {
    expect(operatorInstall('karpenter', '1.14.1')!.otherNamespaces.map((n) => n.namespace)).toEqual(['kube-system']);
    expect(operatorInstall('keda', '2.20.2')!.otherNamespaces[0]!.objects).toContain('keda-operator-auth-reader');
    expect(operatorInstall('kube-prometheus-stack', '83.1.0')!.otherNamespaces[0]!.objects).toContain('coredns');
  });
  it('says which Kubernetes versions a chart runs on, from its compatibility page', () => {
    expect(unsupportedRange(operatorInstall('karpenter', 'v0.27.3')!, '1.29')).toBe('1.23–1.25');
    expect(unsupportedRange(operatorInstall('karpenter', 'v0.31.5')!, '1.28')).toBe('');
    expect(unsupportedRange(operatorInstall('karpenter', '1.14.1')!, '1.29')).toBe('1.30–1.36');
    expect(unsupportedRange(operatorInstall('istiod', '1.30.3')!, '1.26')).toBe('1.27–1.36');
    expect(unsupportedRange(operatorInstall('kube-prometheus-stack', '83.1.0')!, '1.24')).toBe('1.25 and later');
    expect(unsupportedRange(operatorInstall('kube-prometheus-stack', '83.1.0')!, '1.35')).toBe('');
    // KEDA publishes the window it tested (v2.20: 1.33 - 1.35), with no claim that others fail: no bound
    expect(unsupportedRange(operatorInstall('keda', '2.20.2')!, '1.28')).toBe('');
    expect(operatorInstall('keda', '2.20.2')!.kubernetes.source).toContain('tested on v1.33 - v1.35');
  });
});

describe('rendered releases against the table', () => {
  let rendered: SerializedEnvironment[];
  beforeAll(() => {
    rendered = [...compile({ environmentsDir: join(REPO, 'environments') }), ...compile({ environmentsDir: join(REPO, 'examples') })];
  });
  const charts = (env: SerializedEnvironment) => buildDelivery(new ObjectIndex(env.docs)).units.filter((u) => u.chart);
  it('every operator release of every environment and example has a row for its exact chart version', () => {
    const missing = rendered.flatMap((env) =>
      charts(env)
        .filter((u) => !u.chart!.install)
        .map((u) => `${env.env}: ${u.id} ${u.chart!.name} ${u.chart!.version}`),
    );
    expect(missing).toEqual([]);
  });
  // the environments' projects: this fails on example 000 today (defect 2 of the convergence issue), fixed in charts
  it.todo('the project of every Argo CD release admits every namespace its chart writes to (examples: after charts fix defect 2)');
  it('the project of every Argo CD release of environments/ admits every namespace its chart writes to', () => {
    const refused: string[] = [];
    for (const env of rendered.filter((e) => !/^\d{3}-/.test(e.env))) {
      const index = new ObjectIndex(env.docs);
      for (const u of charts(env).filter((x) => x.engine === 'argocd' && x.chart!.install)) {
        const project = index.all.find((r) => r.kind === 'AppProject' && r.name === u.project)!;
        for (const ns of [u.destination.namespace, ...u.chart!.install!.otherNamespaces.map((n) => n.namespace)]) {
          if (!destinationPermitted(project.body.spec, u.destination.server, ns)) refused.push(`${env.env}: ${u.id} → ${ns}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('kinds no operator installs on the destination', () => {
  const root = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: root, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: . }
  destination: { server: https://kubernetes.default.svc, namespace: web }
  syncPolicy: { syncOptions: [CreateNamespace=true] }`;
  const karmada = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: karmada, namespace: argocd, annotations: { argocd.argoproj.io/sync-wave: "-20" } }
spec:
  project: default
  source: { repoURL: https://raw.githubusercontent.com/karmada-io/karmada/master/charts, chart: karmada, targetRevision: v1.18.0 }
  destination: { server: https://kubernetes.default.svc, namespace: karmada-system }
  syncPolicy: { syncOptions: [CreateNamespace=true] }`;
  const policy = `apiVersion: policy.karmada.io/v1alpha1
kind: PropagationPolicy
metadata: { name: web, namespace: web }
spec: { resourceSelectors: [{ apiVersion: apps/v1, kind: Deployment, name: web }], placement: { clusterAffinity: { clusterNames: [us] } } }`;
  it('reports Karmada policies applied to the host cluster: the Karmada chart installs their CRDs in its own API server', () => {
    const p = problems('converges', root, karmada, policy).filter((x) => x.severity === 'error');
    expect(p.map((x) => x.message)).toEqual([
      'PropagationPolicy web/web (wave 0 of Application argocd/root) needs the CRD of policy.karmada.io/PropagationPolicy, which neither the set nor any operator chart it installs on https://kubernetes.default.svc provides: it never applies (no matches for kind "PropagationPolicy")',
    ]);
  });
  it('accepts them where the Karmada API is the destination', () => {
    const onKarmada = root.replace('server: https://kubernetes.default.svc', 'server: https://karmada-apiserver.karmada-system.svc:5443');
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: propagationpolicies.policy.karmada.io }
spec: { group: policy.karmada.io, scope: Namespaced, names: { kind: PropagationPolicy, plural: propagationpolicies }, versions: [{ name: v1alpha1, served: true, storage: true }] }`;
    expect(problems('converges', onKarmada, policy, crd).filter((x) => x.severity === 'error')).toEqual([]);
  });
  it('warns about a chart version the table does not know', () => {
    const p = problems('converges', root, karmada.replace('v1.18.0', '9.9.9'));
    expect(p.map((x) => [x.severity, x.message])).toContainEqual([
      'warning',
      'Application argocd/karmada: chart karmada 9.9.9 has no row in src/convergence/operator-installs.ts: what it installs (CRDs, namespaces, webhooks) is unknown to the convergence check',
    ]);
  });
});
