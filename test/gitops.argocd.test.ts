import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { OPERATOR_CHARTS } from '../charts/gitops/operator-versions.js';
import { AWAIT_APPLICATIONS } from '../src/convergence/argocd-health.js';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { envDir } from './support/env-dir.js';
import { find, render, type K8sObject } from './support/render.js';
import { mirrorDirs } from './support/mirror.js';

const WAVE = 'argocd.argoproj.io/sync-wave';
const wave = (o: K8sObject) => Number(o.metadata.annotations?.[WAVE]);
const groupOf = (o: K8sObject) => (String(o.apiVersion).includes('/') ? String(o.apiVersion).split('/')[0]! : '');

const ENV = `cluster: { name: shop, provider: eks }
mesh: { enabled: true, gateway: { name: public, hosts: ["*.example.com"] } }
monitoring: { enabled: true, namespace: monitoring }
priorityClasses: [{ name: high, value: 1000 }]
nodes:
  provisioner: karpenter
  karpenter:
    nodeRole: KarpenterNodeRole-shop
    interruptionQueue: shop-karpenter
    controllerRoleArn: "arn:aws:iam::123456789012:role/karpenter"
    pools: [{ name: default, instanceCategories: [c, m] }]
apps:
  - name: web
    image: nginx
    resources: { requests: { cpu: 100m } }
    routing: { hosts: [web.example.com] }
    autoscaling:
      engine: keda
      maxReplicas: 5
      triggers: [{ type: prometheus, query: 'sum(rate(istio_requests_total[1m]))', threshold: 10 }, { type: cpu, utilization: 60 }]
gitops:
  engine: argocd
  repo: { url: https://github.com/example/deploy.git }
`;

describe('Argo CD delivery', () => {
  const docs = compile({ environmentsDir: envDir({ dev: ENV }).dir })[0]!.docs.map((d) => ({ object: d.object as K8sObject, file: d.file }));
  const objects = docs.map((d) => d.object);

  it('orders by sync waves: every custom resource after the Application of the operator that owns its CRD', () => {
    const operators = objects.filter((o) => o.kind === 'Application' && o.metadata.labels?.['elastic-gitops.dev/operator']);
    expect(operators.map((o) => o.metadata.name)).toEqual([
      'dev-istio-base',
      'dev-istio-cni',
      'dev-istiod',
      'dev-istio-ingressgateway',
      'dev-kube-prometheus-stack',
      'dev-metrics-server',
      'dev-keda',
      'dev-karpenter',
    ]);
    const owner: Record<string, string> = {
      'networking.istio.io': 'dev-istio-base',
      'security.istio.io': 'dev-istio-base',
      'monitoring.coreos.com': 'dev-kube-prometheus-stack',
      'keda.sh': 'dev-keda',
      'karpenter.sh': 'dev-karpenter',
      'karpenter.k8s.aws': 'dev-karpenter',
    };
    const customResources = docs.filter((d) => owner[groupOf(d.object)]);
    expect(customResources.length).toBeGreaterThan(5);
    // the root Application syncs the operators' Applications, then the workloads' one, which applies the custom resources
    const workloads = find(objects, 'Application', 'dev-workloads');
    for (const { object: cr, file } of customResources) {
      expect(file, `${cr.kind} ${cr.metadata.name}`).not.toMatch(/^dev\/argocd\//);
      expect(wave(workloads)).toBeGreaterThan(wave(find(objects, 'Application', owner[groupOf(cr)]!)));
      expect(cr.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
    }
    for (const o of objects.filter((x) => x.kind === 'Namespace' || x.kind === 'PriorityClass')) expect(wave(o)).toBeLessThan(wave(operators[0]!));
    expect(objects.every((o) => Number.isInteger(wave(o)))).toBe(true);
  });

  it('gives the workloads a least-privilege AppProject: exactly the namespaces and kinds they render, not the Argo CD namespace', () => {
    const project = find(objects, 'AppProject', 'dev');
    expect(project.spec.sourceRepos).toEqual(['https://github.com/example/deploy.git']);
    const envObjects = docs.filter((d) => !d.file.startsWith('dev/argocd/')).map((d) => d.object);
    const kinds = (list: K8sObject[]) => [...new Set(list.map((o) => `${groupOf(o)}/${o.kind}`))].sort();
    const listed = (list: K8sObject[]) => list.map((k) => `${k.group}/${k.kind}`);
    expect(project.spec.destinations).toEqual(
      ['istio-system', 'monitoring', 'web'].map((namespace) => ({ server: 'https://kubernetes.default.svc', namespace })),
    );
    expect(project.spec.destinations.map((d: K8sObject) => d.namespace)).toEqual(
      [...new Set(envObjects.filter((o) => o.metadata.namespace).map((o) => o.metadata.namespace))].sort(),
    );
    expect(listed(project.spec.clusterResourceWhitelist)).toEqual(kinds(envObjects.filter((o) => !o.metadata.namespace)));
    expect(listed(project.spec.namespaceResourceWhitelist)).toEqual(kinds(envObjects.filter((o) => o.metadata.namespace)));
    expect(listed(project.spec.namespaceResourceWhitelist)).toEqual(
      expect.arrayContaining(['apps/Deployment', 'keda.sh/ScaledObject', 'monitoring.coreos.com/Prometheus']),
    );
    expect(listed(project.spec.namespaceResourceWhitelist).some((k) => k.startsWith('argoproj.io/'))).toBe(false);
    const workloads = find(objects, 'Application', 'dev-workloads');
    expect(workloads.spec.project).toBe('dev');
    expect(project.spec.destinations).toContainEqual(workloads.spec.destination);
  });

  it('limits the Argo CD namespace to Argo CD objects, in a delivery project of their own', () => {
    const delivery = find(objects, 'AppProject', 'dev-delivery');
    expect(delivery.spec.sourceRepos).toEqual(['https://github.com/example/deploy.git']);
    expect(delivery.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(delivery.spec.clusterResourceWhitelist).toEqual([]);
    expect(delivery.spec.namespaceResourceWhitelist).toEqual([
      { group: 'argoproj.io', kind: 'AppProject' },
      { group: 'argoproj.io', kind: 'Application' },
    ]);
    const inFolder = docs.filter((d) => d.file.startsWith('dev/argocd/')).map((d) => d.object);
    expect(inFolder.every((o) => groupOf(o) === 'argoproj.io' && o.metadata.namespace === 'argocd')).toBe(true);
    expect(docs.filter((d) => groupOf(d.object) === 'argoproj.io').every((d) => d.file.startsWith('dev/argocd/'))).toBe(true);
    expect(find(objects, 'Application', 'dev').spec.project).toBe('dev-delivery');
  });

  it('renders a kustomization.yaml per folder: the root Application applies argocd/, the workloads one the rest', () => {
    const [out] = compile({ environmentsDir: envDir({ dev: ENV }).dir });
    const resources = (name: string) => parse(out!.files.get(name)!).resources as string[];
    expect(resources('argocd/kustomization.yaml')).toEqual(['01-gitops.yaml', '02-operators.yaml']);
    expect(resources('kustomization.yaml')).toEqual([...out!.files.keys()].filter((n) => /^\d\d-.*\.yaml$/.test(n)));
    expect(resources('kustomization.yaml')).not.toContain('argocd');
  });

  it('installs operators from pinned chart versions in their own project, with values from the environment', () => {
    const karpenter = find(objects, 'Application', 'dev-karpenter');
    expect(karpenter.spec.project).toBe('dev-operators');
    expect(karpenter.spec.source).toMatchObject({
      repoURL: 'public.ecr.aws/karpenter',
      chart: 'karpenter',
      targetRevision: OPERATOR_CHARTS.karpenter.version,
    });
    expect(karpenter.spec.source.helm.valuesObject).toMatchObject({
      settings: { clusterName: 'shop', interruptionQueue: 'shop-karpenter' },
      serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/karpenter' } },
    });
    // Karpenter's advice by default (requests = limits), or the environment's nodes.karpenter.controllerResources
    expect(karpenter.spec.source.helm.valuesObject.controller.resources).toEqual({
      requests: { cpu: '1', memory: '1Gi' },
      limits: { cpu: '1', memory: '1Gi' },
    });
    const sized = render({
      dev: ENV.replace(
        '    interruptionQueue: shop-karpenter',
        '    interruptionQueue: shop-karpenter\n    controllerResources: { requests: { cpu: 500m, memory: 2Gi }, limits: { memory: 2Gi } }',
      ),
    });
    expect(find(sized, 'Application', 'dev-karpenter').spec.source.helm.valuesObject.controller.resources).toEqual({
      requests: { cpu: '500m', memory: '2Gi' },
      limits: { memory: '2Gi' },
    });
    expect(karpenter.spec.syncPolicy.syncOptions).toContain('ServerSideApply=true');
    expect(find(objects, 'Application', 'dev-kube-prometheus-stack').spec.source.helm.valuesObject.prometheus).toEqual({ enabled: false });
    const ops = find(objects, 'AppProject', 'dev-operators');
    expect(ops.spec.sourceRepos).toEqual([
      'https://istio-release.storage.googleapis.com/charts',
      'https://kedacore.github.io/charts',
      'https://kubernetes-sigs.github.io/metrics-server',
      'https://prometheus-community.github.io/helm-charts',
      'public.ecr.aws/karpenter',
    ]);
  });

  it('roots the environment in an app-of-apps Application whose workloads Application does not fight the autoscalers', () => {
    const root = find(objects, 'Application', 'dev');
    expect(root.spec.source).toEqual({ repoURL: 'https://github.com/example/deploy.git', targetRevision: 'main', path: 'dist/dev/argocd' });
    expect(root.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    // a first install waits for every operator chart: the retries outlast it
    expect(root.spec.syncPolicy.retry).toEqual({ limit: 10, backoff: { duration: '30s', factor: 2, maxDuration: '10m' } });
    const workloads = find(objects, 'Application', 'dev-workloads');
    expect(workloads.spec.source).toEqual({ repoURL: 'https://github.com/example/deploy.git', targetRevision: 'main', path: 'dist/dev' });
    expect(workloads.spec.syncPolicy.retry).toEqual(root.spec.syncPolicy.retry);
    // only the Deployments an autoscaler scales: Argo CD still applies every other Deployment's replicas
    expect(workloads.spec.ignoreDifferences).toEqual([
      { group: 'apps', kind: 'Deployment', name: 'web', namespace: 'web', jsonPointers: ['/spec/replicas'] },
    ]);
    expect(find(objects, 'Deployment', 'web').spec.replicas).toBeUndefined();
  });

  it('syncs manually when told to (prod)', () => {
    const prod = render({ prod: ENV.replace('engine: argocd', 'engine: argocd\n  sync: manual') });
    expect(find(prod, 'Application', 'prod').spec.syncPolicy.automated).toBeUndefined();
    expect(find(prod, 'Application', 'prod-workloads').spec.syncPolicy.automated).toBeUndefined();
  });

  it('scales a fleet on Argo CD itself: an ApplicationSet with a cluster generator, valid against the real CRD', async () => {
    // the fleet's clusters share the Karpenter discovery tag (a cluster's own name cannot be rendered into the shared folder)
    const fleetEnv = ENV.replace('engine: argocd', 'engine: argocd\n  fleet: { clusterSelector: { tier: edge } }').replace(
      '    nodeRole: KarpenterNodeRole-shop\n',
      '    nodeRole: KarpenterNodeRole-shop\n    discoveryTag: shop-fleet\n',
    );
    const { dir } = envDir({ fleet: fleetEnv });
    const [fleet] = compile({ environmentsDir: dir });
    const set = fleet!.docs.map((d) => d.object as K8sObject).find((o) => o.kind === 'ApplicationSet')!;
    expect(set.spec.generators).toEqual([{ clusters: { selector: { matchLabels: { tier: 'edge' } } } }]);
    expect(set.spec.template.spec.destination.server).toBe('{{.server}}');
    expect(set.spec.template.spec.project).toBe('fleet');
    const project = fleet!.docs.map((d) => d.object as K8sObject).find((o) => o.kind === 'AppProject' && o.metadata.name === 'fleet')!;
    // clusters are chosen by labels, which AppProject destinations cannot express
    expect(project.spec.destinations.map((d: K8sObject) => d.server)).toEqual(['*', '*', '*']);
    expect(project.spec.destinations.map((d: K8sObject) => d.namespace)).toContain(set.spec.template.spec.destination.namespace);
    const objects = fleet!.docs.map((d) => d.object as K8sObject);
    // the root stays on the Argo CD cluster and applies only the Argo CD folder; no single workloads Application
    const root = objects.find((o) => o.kind === 'Application' && o.metadata.name === 'fleet')!;
    expect(root.spec.source.path).toBe('dist/fleet/argocd');
    expect(objects.some((o) => o.kind === 'Application' && o.metadata.name === 'fleet-workloads')).toBe(false);
    // every operator is installed on every cluster of the fleet, before the workloads
    const operatorSets = objects.filter((o) => o.kind === 'ApplicationSet' && o.metadata.labels?.['elastic-gitops.dev/operator']);
    expect(operatorSets.map((o) => o.metadata.name)).toContain('fleet-keda');
    for (const o of operatorSets) {
      expect(o.spec.generators).toEqual(set.spec.generators);
      expect(o.spec.template.spec.destination.server).toBe('{{.server}}');
      expect(o.spec.template.spec.project).toBe('fleet-operators');
      expect(o.spec.template.spec.source.repoURL).toMatch(/^(https:\/\/|[a-z0-9.-]+\/)/);
      expect(Number(o.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeLessThan(
        Number(set.metadata.annotations['argocd.argoproj.io/sync-wave']),
      );
    }
    expect(objects.some((o) => o.kind === 'Application' && o.metadata.labels?.['elastic-gitops.dev/operator'])).toBe(false);
    const operatorsProject = objects.find((o) => o.kind === 'AppProject' && o.metadata.name === 'fleet-operators')!;
    expect(new Set(operatorsProject.spec.destinations.map((d: K8sObject) => d.server))).toEqual(new Set(['*']));
    const report = await validateManifests(fleet!.docs, { mirrors: mirrorDirs() });
    const errors = report.problems.filter((p) => p.severity === 'error');
    // valid against every schema and rule, converges included: the operators' ApplicationSets are Healthy only once
    // the Applications they generated are (argocd-cm health check of src/convergence/argocd-health.ts), so the
    // workloads' ApplicationSet of a later wave never races the CRDs
    for (const o of [...operatorSets, set]) expect(o.metadata.annotations[AWAIT_APPLICATIONS]).toBe('true');
    expect(errors).toEqual([]);
  });
});

describe('operator versions table', () => {
  it('pins every chart to an exact version and a known repository form', () => {
    for (const [id, c] of Object.entries(OPERATOR_CHARTS)) {
      expect(c.version, id).toMatch(/^v?\d+\.\d+\.\d+$/);
      expect(c.repo, id).toMatch(/^(https:\/\/|oci:\/\/)[a-z0-9.-]+(\/[\w.-]+)*$/);
      expect(c.namespace, id).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
  });
});
