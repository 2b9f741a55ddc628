// What Argo CD or Flux applies from the output can reach Healthy on a fresh cluster: the apply order (sync waves,
// dependsOn) puts everything an object waits for before it, the operators' project admits what their charts write,
// and the operators are pinned, configured and diffed as their upstream charts need.
import { describe, expect, it } from 'vitest';
import { OPERATOR_CHARTS } from '../charts/gitops/operator-versions.js';
import { installOf } from '../src/convergence/operator-installs.js';
import { dependencyGraph } from '../src/convergence/waves.js';
import { ObjectIndex } from '../src/manifest/object-index.js';
import { objectDependencies, wavesOf } from '../src/synth/apply-plan.js';
import { compile } from '../src/synth/compile.js';
import { docs } from './support/manifests.js';
import { find, type K8sObject } from './support/render.js';
import { render } from './support/rendered.js';
import { REPO } from './support/run-cli.js';
import { join } from 'node:path';

const WAVE = 'argocd.argoproj.io/sync-wave';
const wave = (o: K8sObject) => Number(o.metadata.annotations?.[WAVE]);

const shipped = compile({ environmentsDir: join(REPO, 'environments') });
const examples = compile({ environmentsDir: join(REPO, 'examples') });
const objectsOf = (list: typeof shipped, env: string): K8sObject[] => list.find((e) => e.env === env)!.docs.map((d) => d.object as K8sObject);
const prod = objectsOf(shipped, 'prod');
const dev = objectsOf(shipped, 'dev');
const application = (objects: K8sObject[], name: string) => find(objects, 'Application', name);

describe('Argo CD apply order', () => {
  it("puts prod's overprovisioning pods after the spot NodePool they need, and the NodePools after their EC2NodeClass", () => {
    const placeholders = find(prod, 'Deployment', 'overprovisioning');
    const spot = find(prod, 'NodePool', 'spot');
    expect(
      placeholders.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions,
    ).toContainEqual({ key: 'karpenter.sh/nodepool', operator: 'In', values: ['spot'] });
    expect(wave(placeholders)).toBeGreaterThan(wave(spot));
    expect(wave(placeholders)).toBeGreaterThan(wave(find(prod, 'PriorityClass', 'overprovisioning')));
    expect(wave(spot)).toBeGreaterThan(wave(find(prod, 'EC2NodeClass', 'default')));
  });

  it('gives every object of every Argo CD environment and example a wave after everything it waits for', () => {
    const argocd = [...shipped, ...examples].filter((e) => e.docs.some((d) => (d.object as K8sObject).kind === 'AppProject'));
    expect(argocd.map((e) => e.env)).toEqual(expect.arrayContaining(['dev', 'prod', '000-chris']));
    for (const e of argocd) {
      // each folder is one Application's sync: the Argo CD objects, what Karmada places, and the rest
      const sub = (file: string) => ['argocd', 'karmada'].find((f) => file.startsWith(`${e.env}/${f}/`)) ?? '';
      for (const folder of ['argocd', 'karmada', '']) {
        const inFolder = e.docs.filter((d) => sub(d.file) === folder);
        // the convergence model's edges between the objects of one sync (src/convergence/dependencies.ts)
        for (const edge of dependencyGraph(new ObjectIndex(inFolder))) {
          const [consumer, provider] = [edge.consumer.body as K8sObject, edge.provider.body as K8sObject];
          expect(wave(consumer), `${e.env}: ${edge.consumer.kind} ${edge.consumer.name} needs ${edge.need.what}`).toBeGreaterThan(wave(provider));
        }
      }
    }
  });

  it('syncs the workloads Application after every operator, and the operators in the order their charts need', () => {
    const operators = prod.filter((o) => o.kind === 'Application' && o.metadata.labels?.['elastic-gitops.dev/operator']);
    expect(operators.length).toBeGreaterThan(5);
    for (const o of operators) expect(wave(application(prod, 'prod-workloads'))).toBeGreaterThan(wave(o));
    // gateway pods created before istiod's injection webhook keep `image: auto` (istio/istio#46307)
    expect(wave(application(prod, 'prod-istio-base'))).toBeLessThan(wave(application(prod, 'prod-istiod')));
    for (const gw of ['prod-istio-ingressgateway', 'prod-istio-eastwestgateway'])
      expect(wave(application(prod, 'prod-istiod'))).toBeLessThan(wave(application(prod, gw)));
    // KEDA's chart renders a PodMonitor: the prometheus-operator CRDs must exist
    // (prod's KEDA apps are placed on Karmada's members, so its host installs no KEDA: dev's shows it)
    expect(application(dev, 'dev-keda').spec.source.helm.valuesObject.prometheus.operator.podMonitor.enabled).toBe(true);
    expect(wave(application(dev, 'dev-kube-prometheus-stack'))).toBeLessThan(wave(application(dev, 'dev-keda')));
  });

  it('orders hand-written objects by what their pods need: namespace, PriorityClass, ServiceAccount, ConfigMap, Secret, pool', () => {
    const index = new ObjectIndex(
      docs(`apiVersion: v1
kind: Namespace
metadata: { name: jobs }
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: { name: high }
value: 1000
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: worker, namespace: jobs }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: jobs }
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: batch }
spec:
  template:
    metadata: { labels: { team: batch } }
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [spot] }]
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: other }
spec:
  template:
    metadata: { labels: { team: web } }
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: { name: default }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: worker, namespace: jobs }
spec:
  selector: { matchLabels: { app: worker } }
  template:
    metadata: { labels: { app: worker } }
    spec:
      priorityClassName: high
      serviceAccountName: worker
      nodeSelector: { team: batch, kubernetes.io/arch: amd64 }
      volumes: [{ name: settings, configMap: { name: settings } }]
      containers:
        - name: worker
          image: worker:1
          env: [{ name: TOKEN, valueFrom: { secretKeyRef: { name: external-token, key: token } } }]`),
    );
    const edges = dependencyGraph(index);
    const worker = index.get('apps', 'Deployment', 'jobs', 'worker')!;
    expect(edges.filter((e) => e.consumer === worker).map((e) => [e.need.what, e.provider.kind])).toEqual([
      ['Namespace jobs', 'Namespace'],
      ['PriorityClass high', 'PriorityClass'],
      ['ServiceAccount jobs/worker', 'ServiceAccount'],
      ['ConfigMap jobs/settings', 'ConfigMap'],
      // the Secret is not in the set (external): no edge; NodePool other has team=web, not batch
      ['NodePool batch', 'NodePool'],
    ]);
    // sync waves are planned with every edge a wave apart (src/synth/apply-plan.ts)
    const waves = wavesOf(objectDependencies(index));
    expect(waves.get('karpenter.k8s.aws/EC2NodeClass//default')).toBe(0);
    expect(waves.get('karpenter.sh/NodePool//batch')).toBe(1);
    expect(waves.get('apps/Deployment/jobs/worker')).toBe(2);
  });

  it('refuses a dependency cycle, naming it', () => {
    const deps = new Map([
      ['a', [{ on: 'b', reason: 'x' }]],
      ['b', [{ on: 'a', reason: 'y' }]],
    ]);
    expect(() => wavesOf(deps)).toThrow('dependency cycle: a → b → a');
  });
});

describe('Flux apply order', () => {
  const staging = objectsOf(shipped, 'staging');
  const release = (name: string) => find(staging, 'HelmRelease', name);
  it('installs istiod after istio base, the gateway after istiod, KEDA after kube-prometheus-stack', () => {
    expect(release('istiod').spec.dependsOn).toEqual([{ name: 'istio-base' }, { name: 'istio-cni' }]);
    expect(release('istio-ingressgateway').spec.dependsOn).toEqual([{ name: 'istiod' }]);
    expect(release('keda').spec.dependsOn).toEqual([{ name: 'kube-prometheus-stack' }]);
    expect(release('keda').spec.values.prometheus.operator.podMonitor.enabled).toBe(true);
  });
});

describe('operators as their pinned charts need them', () => {
  it("lets the operators' project write to every namespace their charts write to (kube-system for example 000)", () => {
    const chris = objectsOf(examples, '000-chris');
    const namespaces = find(chris, 'AppProject', '000-chris-operators').spec.destinations.map((d: K8sObject) => d.namespace);
    expect(namespaces).toEqual(['istio-system', 'karpenter', 'keda', 'kube-node-lease', 'kube-system', 'monitoring']);
    const releases = chris.filter((o) => o.kind === 'Application' && o.metadata.labels?.['elastic-gitops.dev/operator']);
    for (const r of releases) {
      const chart = Object.values(OPERATOR_CHARTS).find((c) => c.chart === r.spec.source.chart && c.version === r.spec.source.targetRevision)!;
      for (const ns of [chart.namespace, ...installOf(chart).otherNamespaces.map((n) => n.namespace)])
        expect(namespaces, r.metadata.name).toContain(ns);
    }
  });

  it('pins Karmada to a version its chart index publishes, and Karpenter v0.31.5 (the last v1alpha5 line) for v1alpha5', () => {
    expect(application(prod, 'prod-karmada').spec.source.targetRevision).toBe('v1.18.0');
    const chris = objectsOf(examples, '000-chris');
    const karpenter = application(chris, '000-chris-karpenter');
    expect(karpenter.spec.source).toMatchObject({ chart: 'karpenter', targetRevision: 'v0.31.5' });
    // the controller's AWS identity: the IRSA annotation on its ServiceAccount (seed 000's Terraform sets one)
    expect(karpenter.spec.source.helm.valuesObject.serviceAccount).toEqual({
      annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/karpenter-controller-chris' },
    });
  });

  it('installs istiod and the gateways of mesh.revision, the revision the namespaces are labelled with', () => {
    const env = `cluster: { name: shop }
mesh: { enabled: true, revision: 1-30 }
apps: [{ name: web, image: nginx }]
gitops: { engine: argocd, repo: { url: https://github.com/example/deploy.git } }
`;
    const r = render({ dev: env });
    expect(r.get('Namespace', 'web').metadata.labels).toEqual({
      'istio.io/rev': '1-30',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.30',
    });
    expect(r.get('Application', 'dev-istiod').spec.source.helm.valuesObject.revision).toBe('1-30');
    expect(r.get('Application', 'dev-istio-ingressgateway').spec.source.helm.valuesObject.revision).toBe('1-30');
    const unrevised = render({ dev: env.replace(', revision: 1-30', '') });
    expect(unrevised.get('Application', 'dev-istiod').spec.source.helm.valuesObject.revision).toBeUndefined();
  });

  it('leaves the failurePolicy istiod sets on its validating webhooks to istiod (istio/istio#52785)', () => {
    for (const name of ['prod-istio-base', 'prod-istiod']) {
      const app = application(prod, name);
      expect(app.spec.ignoreDifferences, name).toEqual([
        { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', jqPathExpressions: ['.webhooks[]?.failurePolicy'] },
      ]);
      expect(app.spec.syncPolicy.syncOptions, name).toContain('RespectIgnoreDifferences=true');
    }
    expect(application(dev, 'dev-keda').spec.ignoreDifferences).toBeUndefined();
  });

  it("ignores replica differences only on the Deployments an autoscaler scales, not overprovisioning's", () => {
    const ignoredBy = (name: string): string[] =>
      (application(prod, name).spec.ignoreDifferences ?? []).map((d: K8sObject) => `${d.namespace}/${d.name}`);
    const scaled = prod
      .filter((o) => o.kind === 'ScaledObject' || o.kind === 'HorizontalPodAutoscaler' || o.kind === 'FederatedHPA')
      .map((o) => `${o.metadata.namespace}/${o.spec.scaleTargetRef.name}`);
    const ignored = [...ignoredBy('prod-workloads'), ...ignoredBy('prod-placement')];
    expect(ignored.sort()).toEqual(scaled.sort());
    expect(ignored).not.toContain('overprovisioning/overprovisioning');
    // prod places every app: their Deployments are templates on the Karmada API server, applied by prod-placement
    expect(ignoredBy('prod-placement')).toEqual(['orders/orders', 'web/web']);
  });

  it('scales Cluster Autoscaler to zero in example 001, where Karpenter provisions the nodes (seed 001)', () => {
    const ca = find(objectsOf(examples, '001-myipv4cluster'), 'Deployment', 'cluster-autoscaler');
    expect(ca.spec.replicas).toBe(0);
  });

  it('scales example 000 on the request rate, not on the raw counter of the seed', () => {
    const so = find(objectsOf(examples, '000-chris'), 'ScaledObject', 'nginx');
    expect(so.spec.triggers[0].metadata.query).toBe('sum(rate(istio_requests_total{destination_app="nginx"}[1m]))');
  });
});
