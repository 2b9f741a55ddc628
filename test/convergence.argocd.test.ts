// The convergence check under Argo CD: sync waves in order, a wave applied only once the previous one is Healthy;
// for each thing an object needs, a set that never converges and the same objects in a workable order.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AWAIT_APPLICATIONS } from '../src/convergence/argocd-health.js';
import { simulate } from '../src/convergence/simulate.js';
import { deployment, docs, problems } from './support/manifests.js';
import { REPO, runCli } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';
import { tempDir } from './support/temp-dir.js';

const converges = (...yaml: string[]) => problems('converges', ...yaml);
const errors = (...yaml: string[]) => converges(...yaml).filter((p) => p.severity === 'error');

/** Adds the sync-wave annotation to the first metadata of a document. */
const wave = (doc: string, w: number): string =>
  doc.replace(/^metadata:( \{)?/m, (_m, brace) =>
    brace
      ? `metadata: { annotations: { argocd.argoproj.io/sync-wave: "${w}" },`
      : `metadata:\n  annotations:\n    argocd.argoproj.io/sync-wave: "${w}"`,
  );

const namespace = (name: string, labels = ''): string => `apiVersion: v1
kind: Namespace
metadata: { name: ${name}${labels ? `, labels: { ${labels} }` : ''} }`;
const priorityClass = (name: string): string => `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: { name: ${name} }
value: -10`;
const nodePool = (name: string): string => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: ${name} }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [spot] }]`;
const onPool = (pool: string): string =>
  deployment({
    name: 'overprovisioning',
    namespace: 'monitoring',
    podSpec: `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
              - matchExpressions: [{ key: karpenter.sh/nodepool, operator: In, values: [${pool}] }]`,
  });

describe('node pool labels', () => {
  it('reports pods that need a NodePool of a later wave', () => {
    const p = errors(wave(onPool('spot'), 0), wave(nodePool('spot'), 10));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      kind: 'Deployment',
      namespace: 'monitoring',
      name: 'overprovisioning',
      path: '/spec/template/spec/affinity/nodeAffinity',
    });
    expect(p[0]!.message).toBe(
      'Deployment monitoring/overprovisioning (wave 0) needs NodePool spot (wave 10, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 10',
    );
  });
  it('accepts the NodePool in an earlier or the same wave', () => {
    expect(errors(wave(onPool('spot'), 10), wave(nodePool('spot'), 0))).toEqual([]);
    expect(errors(wave(onPool('spot'), 10), wave(nodePool('spot'), 10))).toEqual([]);
  });
  it('reports a nodeSelector on a label only a pool sets', () => {
    const pod = deployment({ name: 'batch', namespace: 'jobs', podSpec: '      nodeSelector: { karpenter.sh/nodepool: spot }' });
    expect(errors(wave(pod, -1), nodePool('spot'))[0]!.message).toContain('needs NodePool spot (wave 0, applied later)');
  });
});

describe('PriorityClass', () => {
  const pod = deployment({ name: 'web', namespace: 'web', podSpec: '      priorityClassName: business-critical' });
  it('reports a class of a later wave', () => {
    expect(errors(pod, wave(priorityClass('business-critical'), 5))[0]).toMatchObject({
      path: '/spec/template/spec/priorityClassName',
      message:
        'Deployment web/web (wave 0) needs PriorityClass business-critical (wave 5, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 5',
    });
  });
  it('accepts it earlier', () => {
    expect(errors(pod, wave(priorityClass('business-critical'), -5))).toEqual([]);
  });
});

describe('ServiceAccount, ConfigMap and Secret', () => {
  const pod = deployment({
    name: 'api',
    namespace: 'shop',
    podSpec: `      serviceAccountName: api
      volumes:
        - name: config
          configMap: { name: api-config }
        - name: tls
          secret: { secretName: api-tls }`,
  });
  const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: api, namespace: shop }';
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: api-config, namespace: shop }\ndata: { a: b }';
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: { name: api-tls, namespace: shop }\ntype: Opaque';
  it('reports each that comes in a later wave', () => {
    const p = errors(pod, wave(sa, 1), wave(cm, 2), wave(secret, 3));
    expect(p.map((x) => x.path)).toEqual([
      '/spec/template/spec/serviceAccountName',
      '/spec/template/spec/volumes/0/configMap/name',
      '/spec/template/spec/volumes/1/secret/secretName',
    ]);
    expect(p.map((x) => x.message.replace(/:.*/, ''))).toEqual([
      'Deployment shop/api (wave 0) needs ServiceAccount shop/api (wave 1, applied later)',
      'Deployment shop/api (wave 0) needs ConfigMap shop/api-config (wave 2, applied later)',
      'Deployment shop/api (wave 0) needs Secret shop/api-tls (wave 3, applied later)',
    ]);
  });
  it('accepts them in the same wave (the ReplicaSet retries until they exist) or earlier', () => {
    expect(errors(pod, sa, cm, wave(secret, -1))).toEqual([]);
  });
  it('notes a Secret declared external, and warns about one that is neither in the set nor declared', () => {
    const external = deployment({
      name: 'orders',
      namespace: 'shop',
      podSpec: '      volumes: [{ name: db, secret: { secretName: orders-db } }]',
    }).replace('  namespace: shop\n', '  namespace: shop\n  annotations: { elastic-gitops.dev/external-secrets: orders-db }\n');
    const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: shop, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: . }
  destination: { server: https://kubernetes.default.svc, namespace: shop }
  syncPolicy: { syncOptions: [CreateNamespace=true] }`;
    expect(converges(app, external).map((p) => [p.severity, p.message])).toEqual([
      ['note', 'Deployment shop/orders (wave 0 of Application argocd/shop) needs Secret shop/orders-db: declared external, not verified'],
    ]);
    const undeclared = converges(
      app,
      deployment({ name: 'orders', namespace: 'shop', podSpec: '      volumes: [{ name: db, secret: { secretName: orders-db } }]' }),
    );
    expect(undeclared.map((p) => p.severity)).toEqual(['warning']);
  });
});

describe('namespaces', () => {
  const app = (options: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: shop, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: . }
  destination: { server: https://kubernetes.default.svc, namespace: shop }
  syncPolicy: { syncOptions: [${options}] }`;
  it('reports an object whose namespace nothing creates', () => {
    const p = errors(app('ServerSideApply=true'), deployment({ name: 'web', namespace: 'shop' }));
    expect(p[0]!.message).toBe(
      'Deployment shop/web (wave 0 of Application argocd/shop) needs Namespace shop, which is not in the set: it cannot be applied (namespaces not found), and no Application creates it (CreateNamespace=true)',
    );
  });
  it('accepts CreateNamespace=true, and a Namespace of the same Application in any wave (Argo CD moves it first)', () => {
    expect(errors(app('CreateNamespace=true'), deployment({ name: 'web', namespace: 'shop' }))).toEqual([]);
    expect(errors(app('ServerSideApply=true'), deployment({ name: 'web', namespace: 'shop' }), wave(namespace('shop'), 10))).toEqual([]);
  });
});

describe('CRDs', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets }
  versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object } } }]`;
  const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: default }';
  const root = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: root, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: . }
  destination: { server: https://kubernetes.default.svc, namespace: default }`;
  it('reports a kind no rendered CRD and no operator chart provides', () => {
    expect(errors(root, widget)[0]!.message).toContain(
      'needs the CRD of example.com/Widget, which neither the set nor any operator chart it installs on https://kubernetes.default.svc provides',
    );
  });
  it('accepts a rendered CRD, in any wave of the same Application', () => {
    expect(errors(root, widget, wave(crd, 3))).toEqual([]);
  });
  it('reports a Knative Service with no KnativeServing, and accepts one with it', () => {
    const ksvc = `apiVersion: serving.knative.dev/v1
kind: Service
metadata: { name: hello, namespace: default }
spec: { template: { spec: { containers: [{ image: ghcr.io/stefanprodan/podinfo:6.7.1 }] } } }`;
    expect(errors(root, ksvc)[0]!.message).toContain('needs the CRD of serving.knative.dev/Service');
    const serving = wave(
      'apiVersion: operator.knative.dev/v1beta1\nkind: KnativeServing\nmetadata: { name: knative-serving, namespace: knative-serving }',
      -5,
    );
    const operator = operatorApp('knative-operator', 'knative-operator', 'v1.23.0', -10);
    expect(errors(root, ksvc, serving, operator, namespace('knative-serving')).filter((p) => p.kind === 'Service')).toEqual([]);
  });
});

/** The root Application, applying the folder of the test set: the set then declares its delivery. */
const ROOT = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: root, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: . }
  destination: { server: https://kubernetes.default.svc, namespace: default }`;

/** An operator's Application: a pinned chart, in a wave of the root Application. */
function operatorApp(name: string, chart: string, version: string, w: number, values = '{}', namespace = name): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
  annotations: { argocd.argoproj.io/sync-wave: "${w}" }
spec:
  project: default
  source: { repoURL: https://charts.example.com, chart: ${chart}, targetRevision: ${version}, helm: { valuesObject: ${values} } }
  destination: { server: https://kubernetes.default.svc, namespace: ${namespace} }
  syncPolicy: { syncOptions: [CreateNamespace=true] }`;
}

describe('cross-Application waves', () => {
  const workloads = (w: number) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: workloads
  namespace: argocd
  annotations: { argocd.argoproj.io/sync-wave: "${w}" }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: apps }
  destination: { server: https://kubernetes.default.svc, namespace: web }
  syncPolicy: { syncOptions: [CreateNamespace=true] }`;
  const scaledObject = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: web, namespace: web, annotations: { argocd.argoproj.io/tracking-id: "workloads:keda.sh/ScaledObject:web/web" } }
spec: { scaleTargetRef: { name: web }, triggers: [{ type: cpu, metricType: Utilization, metadata: { value: "70" } }] }`;
  const keda = (w: number) => operatorApp('keda', 'keda', '2.20.2', w);
  it('reports a custom resource whose operator Application comes in a later wave of the root', () => {
    const p = errors(workloads(0), keda(10), scaledObject).filter((x) => x.kind === 'ScaledObject');
    expect(p[0]!.message).toBe(
      'ScaledObject web/web (wave 0 of Application argocd/workloads) needs the CRD of keda.sh/ScaledObject (Application argocd/keda (chart keda 2.20.2), applied later): Argo CD waits for wave 0 to be Healthy before applying wave 10',
    );
  });
  it('reports the same wave as a race, and accepts the operator first', () => {
    expect(errors(workloads(0), keda(0), scaledObject).filter((x) => x.kind === 'ScaledObject')[0]!.message).toContain(
      'which nothing orders before it: Argo CD applies wave 0 at once',
    );
    expect(errors(workloads(0), keda(-20), scaledObject).filter((x) => x.kind === 'ScaledObject')).toEqual([]);
  });
  it('reports a chart that renders kinds of a chart applied in the same wave (KEDA PodMonitor before kube-prometheus-stack)', () => {
    const stack = (w: number) => operatorApp('kube-prometheus-stack', 'kube-prometheus-stack', '83.1.0', w, '{}', 'monitoring');
    const kedaWithMonitor = operatorApp(
      'keda',
      'keda',
      '2.20.2',
      -20,
      '{ prometheus: { operator: { enabled: true, podMonitor: { enabled: true } } } }',
    );
    const p = errors(ROOT, stack(-20), kedaWithMonitor);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ name: 'keda', path: '/spec/source/helm/valuesObject/prometheus/operator/podMonitor/enabled' });
    expect(p[0]!.message).toContain('Application argocd/keda needs the CRD of monitoring.coreos.com/PodMonitor');
    expect(errors(ROOT, stack(-30), kedaWithMonitor)).toEqual([]);
  });
});

describe('Istio injection webhook', () => {
  const istiod = (w: number, values = '{}') => operatorApp('istiod', 'istiod', '1.30.3', w, values, 'istio-system');
  const gateway = (w: number) => operatorApp('istio-ingressgateway', 'gateway', '1.30.3', w, '{}', 'istio-system');
  it('reports gateway pods created with istiod in the same wave, and accepts istiod first', () => {
    const p = errors(ROOT, istiod(-20), gateway(-20));
    expect(p[0]!.message).toContain(
      'Application argocd/istio-ingressgateway needs the Istio sidecar injector (chart gateway creates its pods with image: auto) (Application argocd/istiod (chart istiod 1.30.3)), which nothing orders before it',
    );
    expect(errors(ROOT, istiod(-20), gateway(-15))).toEqual([]);
  });
  it('reports pods of an injected namespace applied before the injector, and accepts them after', () => {
    const pods = wave(deployment({ name: 'web', namespace: 'web' }), -30);
    const ns = wave(namespace('web', 'istio-injection: enabled'), -30);
    expect(errors(ns, pods, istiod(-20))[0]!.message).toContain(
      'Deployment web/web (wave -30) needs the Istio sidecar injector (namespace web labelled istio-injection=enabled) (Application argocd/istiod (chart istiod 1.30.3), applied later)',
    );
    expect(errors(ns, wave(deployment({ name: 'web', namespace: 'web' }), 0), istiod(-20))).toEqual([]);
  });
  it('reports a revision no installed istiod serves (mesh.revision without istiod revision)', () => {
    const ns = namespace('web', 'istio.io/rev: canary');
    const app = wave(deployment({ name: 'web', namespace: 'web' }), 0);
    expect(errors(ROOT, ns, app, istiod(-20)).map((p) => p.message)).toEqual([
      'Deployment web/web (wave 0 of Application argocd/root) needs the Istio sidecar injector of revision canary (namespace web labelled istio.io/rev=canary), but the installed istiod serves revision default only (its values.revision): no webhook matches, so its pods never get a sidecar',
    ]);
    expect(errors(ns, app, istiod(-20, '{ revision: canary }'))).toEqual([]);
    expect(errors(ns, wave(deployment({ name: 'web', namespace: 'web' }), -30), istiod(-20, '{ revision: canary }'))[0]!.message).toContain(
      'of revision canary',
    );
  });
});

describe('AppProject permissions', () => {
  const project = (destinations: string, clusterKinds: string) => `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: { name: ops, namespace: argocd, annotations: { argocd.argoproj.io/sync-wave: "-30" } }
spec:
  sourceRepos: ['*']
  destinations: [${destinations}]
  clusterResourceWhitelist: [${clusterKinds}]`;
  const karpenter = operatorApp('karpenter', 'karpenter', '1.14.1', -20, '{}', 'karpenter').replace('project: default', 'project: ops');
  const all = "{ group: '*', kind: '*' }";
  it('reports a chart writing to a namespace the project does not permit (Karpenter karpenter-dns in kube-system)', () => {
    const p = errors(ROOT, project('{ server: https://kubernetes.default.svc, namespace: karpenter }', all), karpenter);
    expect(p.map((x) => x.message)).toEqual([
      'Application argocd/karpenter: chart karpenter 1.14.1 writes Role and RoleBinding karpenter-dns to namespace kube-system, which is not permitted in AppProject ops, so Argo CD refuses the whole sync of Application argocd/karpenter',
    ]);
  });
  it('reports a cluster-scoped kind the project does not whitelist', () => {
    const p = errors(ROOT, project("{ server: '*', namespace: '*' }", "{ group: '', kind: Namespace }"), karpenter);
    expect(p.map((x) => x.message)).toContain(
      'Application argocd/karpenter: chart karpenter 1.14.1 creates cluster-scoped apiextensions.k8s.io/CustomResourceDefinition, which is not permitted in AppProject ops, so Argo CD refuses the whole sync of Application argocd/karpenter',
    );
  });
  it('reports an Application whose AppProject comes in a later wave (Argo CD does not sync it until the project exists)', () => {
    const later = project("{ server: '*', namespace: '*' }", all).replace('sync-wave: "-30"', 'sync-wave: "0"');
    expect(errors(ROOT, later, karpenter).map((x) => x.message)).toEqual([
      'Application argocd/karpenter (wave -20 of Application argocd/root) needs AppProject argocd/ops (wave 0 of Application argocd/root, applied later): Argo CD waits for wave -20 of Application argocd/root to be Healthy before applying wave 0',
    ]);
  });
  it('accepts a project that permits them', () => {
    expect(
      errors(
        ROOT,
        project(
          '{ server: https://kubernetes.default.svc, namespace: karpenter }, { server: https://kubernetes.default.svc, namespace: kube-system }',
          all,
        ),
        karpenter,
      ),
    ).toEqual([]);
  });
});

describe('validate (CLI)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const run = (yaml: string) => {
    const dir = tempDir('eg-converge-');
    dirs.push(dir);
    writeFileSync(join(dir, 'set.yaml'), yaml);
    return runCli(['validate', dir], REPO, { ELASTIC_GITOPS_MIRROR: mirrorDirs().join(':') });
  };
  const pod = deployment({ name: 'web', namespace: 'default', podSpec: '      priorityClassName: business-critical' });
  it('exits 1 naming the wave and the dependency when the waves can never converge', () => {
    const r = run([wave(pod, 0), wave(priorityClass('business-critical'), 10)].join('\n---\n'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'Deployment default/web (wave 0) needs PriorityClass business-critical (wave 10, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 10 [converges]',
    );
  });
  it('exits 0 with the same objects in a workable order', () => {
    const r = run([wave(pod, 10), wave(priorityClass('business-critical'), 0)].join('\n---\n'));
    expect(r.stdout).not.toContain('[converges]');
    expect(r.status).toBe(0);
  });
});

describe('the waves planned before rendering (src/synth/apply-plan.ts)', () => {
  const stack = (w: number) => operatorApp('kube-prometheus-stack', 'kube-prometheus-stack', '83.1.0', w, '{}', 'monitoring');
  const keda = (w: number) =>
    operatorApp('keda', 'keda', '2.20.2', w, '{ prometheus: { operator: { enabled: true, podMonitor: { enabled: true } } } }');
  const workloads = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: workloads, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: apps }
  destination: { server: https://kubernetes.default.svc, namespace: web }
  syncPolicy: { syncOptions: [CreateNamespace=true] }`;
  const tracked = (doc: string, kind: string, name: string) =>
    doc.replace(/^metadata: \{ /m, `metadata: { annotations: { argocd.argoproj.io/tracking-id: "workloads:${kind}:web/${name}" }, `);
  const so = tracked(
    `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: web, namespace: web }
spec: { scaleTargetRef: { name: web }, triggers: [{ type: cpu, metricType: Utilization, metadata: { value: "70" } }] }`,
    'keda.sh/ScaledObject',
    'web',
  );
  it('orders operators by what their charts need and the workloads after the operators whose CRDs they use', async () => {
    const { objectDependencies, wavesOf } = await import('../src/synth/apply-plan.js');
    const { ObjectIndex } = await import('../src/manifest/object-index.js');
    const waves = wavesOf(objectDependencies(new ObjectIndex(docs([stack(0), keda(0), workloads, so].join('\n---\n')))));
    expect(Object.fromEntries(waves)).toEqual({
      'argoproj.io/Application/argocd/kube-prometheus-stack': 0,
      'argoproj.io/Application/argocd/keda': 1,
      'argoproj.io/Application/argocd/workloads': 2,
      'keda.sh/ScaledObject/web/web': 0,
    });
    // the computed waves converge
    const annotated = [stack(0), keda(1), wave(workloads, 2), so];
    expect(errors(...annotated)).toEqual([]);
  });
});

describe('ApplicationSets', () => {
  // operators generated for every cluster of a fleet (wave -20), the workloads generated in wave 0
  const applicationSet = (name: string, w: number, source: string, annotations = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: ${name}
  namespace: argocd
  annotations: { argocd.argoproj.io/sync-wave: "${w}"${annotations} }
spec:
  goTemplate: true
  generators: [{ clusters: { selector: { matchLabels: { tier: edge } } } }]
  template:
    metadata: { name: '{{.name}}-${name}' }
    spec:
      project: default
      source: ${source}
      destination: { server: '{{.server}}', namespace: web }
      syncPolicy: { syncOptions: [CreateNamespace=true] }`;
  const scaledObject = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: web, namespace: web }
spec: { scaleTargetRef: { name: web }, minReplicaCount: 1, triggers: [{ type: cpu, metricType: Utilization, metadata: { value: "70" } }] }`;
  const keda = (annotations = '') =>
    applicationSet('keda', -20, '{ repoURL: https://kedacore.github.io/charts, chart: keda, targetRevision: 2.20.2 }', annotations);
  const workloads = applicationSet('workloads', 0, '{ repoURL: https://example.com/deploy.git, path: apps }');
  const inApps = (doc: string) => ({ object: docs(doc)[0]!.object, file: 'apps/scaledobject.yaml', line: 1 });
  const run = (...sets: string[]) =>
    simulate([...docs([ROOT, ...sets].join('\n---\n')), inApps(scaledObject)]).findings.filter((f) => f.severity === 'error');
  it("reports a race with an earlier wave's ApplicationSet: Argo CD's own health check does not wait for its Applications", () => {
    expect(run(keda(), workloads).map((f) => f.message)).toEqual([
      "ScaledObject web/web (wave 0 of ApplicationSet argocd/workloads) needs the CRD of keda.sh/ScaledObject (ApplicationSet argocd/keda (chart keda 2.20.2)), which nothing orders before it: ApplicationSet argocd/keda is Healthy once it has generated its Applications, not once they are (Argo CD's ApplicationSet health check), so nothing waits for them",
    ]);
  });
  it('accepts it when annotated elastic-gitops.dev/await-applications (healthy once its Applications are, argocd-health.ts)', () => {
    expect(run(keda(`, ${AWAIT_APPLICATIONS}: "true"`), workloads)).toEqual([]);
  });
});
