// A Karmada control plane: what Karmada places (policies, the resource templates they select, their namespaces) is
// applied to the Karmada API server by an Application or Kustomization of its own, never to the host cluster.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../src/convergence/simulate.js';
import { compile } from '../src/synth/compile.js';
import type { SerializedEnvironment } from '../src/synth/serialize.js';
import { validateManifests } from '../src/validate/index.js';
import { envDir } from './support/env-dir.js';
import { mirrorDirs } from './support/mirror.js';
import { REPO } from './support/run-cli.js';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any };

const ENV = (engine: 'argocd' | 'flux', extra = '') => `cluster: { name: test }
gitops:
  engine: ${engine}
  repo: { url: https://github.com/example/deploy.git, branch: main }
multicluster:
  karmada: true
  clusters: [us, eu]
  placement:
    clusters: [{ name: us, weight: 1 }, { name: eu, weight: 1 }]
${extra}apps:
  - name: web
    image: nginx:1.27
    port: 80
`;

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function compileEnv(text: string): SerializedEnvironment {
  const { root, dir } = envDir({ dev: text });
  roots.push(root);
  return compile({ environmentsDir: dir, only: ['dev'] })[0]!;
}

/** `Kind namespace/name` of the objects of one folder of the environment (`''`: the environment folder itself). */
function folder(env: SerializedEnvironment, sub: string): string[] {
  return env.docs
    .filter((d) => d.file.split('/').slice(1, -1).join('/') === sub)
    .map((d) => d.object as Obj)
    .map((o) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

const objectsOf = (env: SerializedEnvironment) => env.docs.map((d) => d.object as Obj);
const errors = (env: SerializedEnvironment) =>
  simulate(env.docs)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.message);

describe('Karmada under Argo CD: the placed objects have their own folder and Application', () => {
  const env = compileEnv(ENV('argocd'));

  it('renders the policies, the resource templates they select and their namespaces into karmada/ only', () => {
    expect(folder(env, 'karmada').sort()).toEqual([
      'Deployment web/web',
      'Namespace /web',
      'PropagationPolicy web/web-propagation',
      'Service web/web',
    ]);
    expect(env.files.get('karmada/kustomization.yaml')).toContain('- 45-multicluster.yaml');
  });

  it('applies nothing placed to the host: the host folder keeps the namespace and the objects no policy selects', () => {
    const host = folder(env, '');
    for (const placed of ['Deployment web/web', 'Service web/web', 'PropagationPolicy web/web-propagation']) expect(host).not.toContain(placed);
    expect(host).toContain('Namespace /web');
    expect(host).toContain('PodDisruptionBudget web/web');
    expect(env.files.get('kustomization.yaml')).not.toContain('karmada');
  });

  it('targets the Karmada API server by its Argo CD cluster name, in a project admitting it and the placed kinds', () => {
    const objects = objectsOf(env);
    const app = objects.find((o) => o.kind === 'Application' && o.metadata.name === 'dev-placement')!;
    expect(app.spec.destination).toEqual({ name: 'karmada-apiserver', namespace: 'web' });
    expect(app.spec.source.path).toBe('dist/dev/karmada');
    const project = objects.find((o) => o.kind === 'AppProject' && o.metadata.name === app.spec.project)!;
    expect(project.spec.destinations).toEqual([{ name: 'karmada-apiserver', namespace: 'web' }]);
    expect(project.spec.namespaceResourceWhitelist).toContainEqual({ group: 'policy.karmada.io', kind: 'PropagationPolicy' });
    const workloads = objects.find((o) => o.kind === 'AppProject' && o.metadata.name === 'dev')!;
    expect(workloads.spec.namespaceResourceWhitelist).not.toContainEqual({ group: 'policy.karmada.io', kind: 'PropagationPolicy' });
  });

  it('syncs the Karmada Application in a wave after the karmada operator Application', () => {
    const apps = objectsOf(env).filter((o) => o.kind === 'Application') as (Obj & { metadata: { annotations: Record<string, string> } })[];
    const wave = (name: string) => Number(apps.find((a) => a.metadata.name === name)!.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave('dev-placement')).toBeGreaterThan(wave('dev-karmada'));
  });

  it('names another Argo CD cluster with multicluster.apiServer', () => {
    const named = compileEnv(ENV('argocd').replace('  clusters: [us, eu]\n', '  clusters: [us, eu]\n  apiServer: karmada-eu\n'));
    const app = objectsOf(named).find((o) => o.kind === 'Application' && o.metadata.name === 'dev-placement')!;
    expect(app.spec.destination.name).toBe('karmada-eu');
  });

  it('converges: the Karmada API server serves policy.karmada.io once the karmada chart installed it', () => {
    expect(errors(env)).toEqual([]);
  });
});

describe('Karmada under Flux: a Kustomization with the Karmada API server kubeconfig', () => {
  const env = compileEnv(ENV('flux'));
  const kustomizations = objectsOf(env).filter((o) => o.kind === 'Kustomization' && o.apiVersion.startsWith('kustomize.toolkit.fluxcd.io'));

  it('applies karmada/ with spec.kubeConfig.secretRef, after the operators (the karmada HelmRelease)', () => {
    const placement = kustomizations.find((k) => k.metadata.name === 'dev-placement')!;
    expect(placement.spec.path).toBe('./dist/dev/karmada');
    expect(placement.spec.kubeConfig).toEqual({ secretRef: { name: 'karmada-kubeconfig' } });
    expect(placement.spec.dependsOn).toEqual([{ name: 'dev-operators' }]);
    expect(kustomizations.find((k) => k.metadata.name === 'dev')!.spec.kubeConfig).toBeUndefined();
  });

  it('names another Secret with multicluster.kubeConfigSecret', () => {
    const named = compileEnv(ENV('flux').replace('  clusters: [us, eu]\n', '  clusters: [us, eu]\n  kubeConfigSecret: karmada-eu\n'));
    const placement = objectsOf(named).find((o) => o.kind === 'Kustomization' && o.metadata.name === 'dev-placement')!;
    expect(placement.spec.kubeConfig.secretRef.name).toBe('karmada-eu');
  });

  it('converges', () => {
    expect(errors(env)).toEqual([]);
  });
});

describe('converges: the policies of a Karmada control plane', () => {
  it('fail on the host cluster, which does not serve policy.karmada.io', () => {
    const env = compileEnv(ENV('argocd'));
    // the same set without the Karmada label: the Application's destination is then just another cluster
    const docs = env.docs.map((d) => {
      const o = d.object as Obj;
      if (o.kind !== 'Application' || o.metadata.name !== 'dev-placement') return d;
      const { labels: _labels, ...metadata } = o.metadata;
      return { ...d, object: { ...o, metadata } };
    });
    const messages = simulate(docs)
      .findings.filter((f) => f.severity === 'error')
      .map((f) => f.message);
    expect(
      messages.some((m) =>
        m.includes(
          'needs the CRD of policy.karmada.io/PropagationPolicy, which neither the set nor any operator chart it installs on karmada-apiserver provides',
        ),
      ),
    ).toBe(true);
  });

  it('pass on prod and on example 002', () => {
    const prod = compile({ environmentsDir: join(REPO, 'environments'), only: ['prod'] })[0]!;
    expect(errors(prod)).toEqual([]);
    expect(folder(prod, 'karmada')).toContain('PropagationPolicy web/web-propagation');
    const lke = compile({ environmentsDir: join(REPO, 'examples'), only: ['002-lke-multiregion'] })[0]!;
    expect(errors(lke)).toEqual([]);
    expect(folder(lke, 'karmada')).toContain('PropagationPolicy podinfo/podinfo-propagation');
  });
});

/** A Karmada control plane whose apps are all placed (`multicluster.placement`), with `apps` and `extra` top-level keys. */
const SCALED = (engine: 'argocd' | 'flux', apps: string, extra = '') => `cluster: { name: test }
gitops:
  engine: ${engine}
  repo: { url: https://github.com/example/deploy.git, branch: main }
monitoring: { enabled: true }
multicluster:
  karmada: true
  clusters: [us, eu]
  placement:
    clusters: [{ name: us, weight: 2 }, { name: eu, weight: 1 }]
${extra}apps:
${apps}`;

const HPA_APP = `  - name: orders
    image: orders:1.4.2
    resources: { requests: { cpu: 500m } }
    autoscaling:
      engine: hpa
      minReplicas: 2
      maxReplicas: 10
      triggers: [{ type: cpu, utilization: 60 }]
      behavior: { scaleDown: { stabilizationWindowSeconds: 120 } }
`;

const KEDA_APP = `  - name: web
    image: web:1
    metrics: { port: 9797 }
    autoscaling:
      engine: keda
      minReplicas: 1
      maxReplicas: 20
      triggers:
        - { type: prometheus, name: rps, query: "sum(rate(http_requests_total{app=\\"web\\"}[1m]))", threshold: 10, authSecret: prom-token }
`;

const inFolder = (env: SerializedEnvironment, sub: string, kind: string, name: string) =>
  env.docs.find(
    (d) => d.file.split('/').slice(1, -1).join('/') === sub && (d.object as Obj).kind === kind && (d.object as Obj).metadata.name === name,
  )?.object as Obj | undefined;

describe('autoscaling a placed app with engine hpa: one FederatedHPA on the Karmada API server', () => {
  const env = compileEnv(SCALED('argocd', HPA_APP));
  const fhpa = inFolder(env, 'karmada', 'FederatedHPA', 'orders')!;

  it('renders a FederatedHPA into karmada/ with the metrics, bounds and behavior an HPA would have', () => {
    expect(fhpa.apiVersion).toBe('autoscaling.karmada.io/v1alpha1');
    expect(fhpa.metadata.namespace).toBe('orders');
    expect(fhpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
    });
  });

  it('renders no HorizontalPodAutoscaler, on either side, and does not propagate the FederatedHPA', () => {
    expect(objectsOf(env).filter((o) => o.kind === 'HorizontalPodAutoscaler')).toEqual([]);
    expect(folder(env, '').some((o) => o.startsWith('FederatedHPA'))).toBe(false);
    const pp = inFolder(env, 'karmada', 'PropagationPolicy', 'orders-propagation')!;
    expect(pp.spec.resourceSelectors.map((s: { kind: string }) => s.kind)).toEqual(['Deployment', 'Service']);
    // Karmada divides the replicas the FederatedHPA sets: the template keeps no retain-replicas label
    expect(inFolder(env, 'karmada', 'Deployment', 'orders')!.metadata.labels).not.toHaveProperty('resourcetemplate.karmada.io/retain-replicas');
  });

  it("installs karmada-metrics-adapter with the karmada chart (the FederatedHPA's metrics API)", () => {
    const karmada = objectsOf(env).find((o) => o.kind === 'Application' && o.metadata.name === 'dev-karmada')!;
    expect(karmada.spec.source.helm.valuesObject).toEqual({ components: ['metricsAdapter'] });
  });

  it('lets the Karmada Application apply FederatedHPAs and ignore the replicas the FederatedHPA writes', () => {
    const project = objectsOf(env).find((o) => o.kind === 'AppProject' && o.metadata.name === 'dev-placement')!;
    expect(project.spec.namespaceResourceWhitelist).toContainEqual({ group: 'autoscaling.karmada.io', kind: 'FederatedHPA' });
    const app = objectsOf(env).find((o) => o.kind === 'Application' && o.metadata.name === 'dev-placement')!;
    expect(app.spec.ignoreDifferences).toEqual([
      { group: 'apps', kind: 'Deployment', name: 'orders', namespace: 'orders', jsonPointers: ['/spec/replicas'] },
    ]);
    const workloads = objectsOf(env).find((o) => o.kind === 'Application' && o.metadata.name === 'dev-workloads')!;
    expect(workloads.spec.ignoreDifferences).toBeUndefined();
  });

  it('converges: the karmada chart serves autoscaling.karmada.io on the Karmada API server', () => {
    expect(errors(env)).toEqual([]);
  });

  it('is validated against the pinned FederatedHPA CRD and the autoscaler rules: the rendered one passes, one without maxReplicas fails', async () => {
    const doc = env.docs.find((d) => (d.object as Obj).kind === 'FederatedHPA')!;
    const valid = await validateManifests([doc], { mirrors: mirrorDirs() });
    expect(valid.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const { maxReplicas: _max, ...spec } = fhpa.spec;
    const broken = await validateManifests([{ ...doc, object: { ...fhpa, spec } }], { mirrors: mirrorDirs() });
    // the schema of the pinned CRD, and the autoscaler rules, which read a FederatedHPA as an HPA
    expect(broken.problems.map((p) => `${p.path}: ${p.message}${p.rule ? ` [${p.rule}]` : ''}`)).toEqual([
      '/spec/maxReplicas: missing required field "maxReplicas"',
      '/spec/minReplicas: minReplicas (2) must be <= maxReplicas (1) [autoscaler-replica-bounds]',
    ]);
  });
});

describe('autoscaling a placed app with engine keda: the ScaledObject is propagated to every member', () => {
  const env = compileEnv(SCALED('argocd', KEDA_APP));

  it('propagates the ScaledObject, its TriggerAuthentication and the monitor with the Deployment and Service', () => {
    const pp = inFolder(env, 'karmada', 'PropagationPolicy', 'web-propagation')!;
    expect(pp.spec.resourceSelectors).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      { apiVersion: 'v1', kind: 'Service', name: 'web' },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'web' },
      { apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', name: 'web-rps' },
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', name: 'web' },
    ]);
    for (const [kind, name] of pp.spec.resourceSelectors.map((s: { kind: string; name: string }) => [s.kind, s.name]))
      expect(inFolder(env, 'karmada', kind, name), `${kind} ${name}`).toBeDefined();
  });

  it("labels the Deployment template retain-replicas, so Karmada keeps each member's KEDA-scaled replicas", () => {
    const deployment = inFolder(env, 'karmada', 'Deployment', 'web')!;
    expect(deployment.metadata.labels!['resourcetemplate.karmada.io/retain-replicas']).toBe('true');
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('applies nothing of the autoscaling to the host: no ScaledObject, TriggerAuthentication, monitor or 35-autoscaling file', () => {
    const host = folder(env, '');
    for (const placed of ['ScaledObject web/web', 'TriggerAuthentication web/web-rps', 'ServiceMonitor web/web']) expect(host).not.toContain(placed);
    expect(env.files.has('35-autoscaling.yaml')).toBe(false);
    expect(env.files.get('karmada/kustomization.yaml')).toContain('- 35-autoscaling.yaml');
  });

  it('installs no KEDA on the host for it: KEDA runs in the members', () => {
    const operators = objectsOf(env).filter((o) => o.kind === 'Application' && o.metadata.labels?.['elastic-gitops.dev/operator']);
    expect(operators.map((o) => o.metadata.labels!['elastic-gitops.dev/operator'])).not.toContain('keda');
  });

  it('applies the CRDs of the propagated custom resources to the Karmada API server, upstream as pinned', () => {
    const crds = env.docs
      .filter((d) => d.file.includes('/karmada/') && (d.object as Obj).kind === 'CustomResourceDefinition')
      .map((d) => (d.object as Obj).metadata.name);
    expect(crds.sort()).toEqual(['scaledobjects.keda.sh', 'servicemonitors.monitoring.coreos.com', 'triggerauthentications.keda.sh']);
    expect(folder(env, '').some((o) => o.startsWith('CustomResourceDefinition'))).toBe(false);
    const project = objectsOf(env).find((o) => o.kind === 'AppProject' && o.metadata.name === 'dev-placement')!;
    expect(project.spec.clusterResourceWhitelist).toContainEqual({ group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' });
  });

  it('overrides the bounds of one member with an OverridePolicy on the ScaledObject', () => {
    const bounded = compileEnv(
      SCALED(
        'argocd',
        `${KEDA_APP}    placement:\n      clusters: [{ name: us }, { name: eu }]\n      overrides: [{ cluster: eu, minReplicas: 2, maxReplicas: 5 }]\n`,
      ),
    );
    const op = inFolder(bounded, 'karmada', 'OverridePolicy', 'web-scaling-overrides')!;
    expect(op.spec).toEqual({
      resourceSelectors: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: 'web' }],
      overrideRules: [
        {
          targetCluster: { clusterNames: ['eu'] },
          overriders: {
            plaintext: [
              { path: '/spec/minReplicaCount', operator: 'replace', value: 2 },
              { path: '/spec/maxReplicaCount', operator: 'replace', value: 5 },
            ],
          },
        },
      ],
    });
    expect(inFolder(bounded, 'karmada', 'OverridePolicy', 'web-overrides')).toBeUndefined();
  });

  it('converges under Argo CD and Flux: the CRDs are applied before the custom resources that need them', () => {
    expect(errors(env)).toEqual([]);
    expect(errors(compileEnv(SCALED('flux', KEDA_APP + HPA_APP)))).toEqual([]);
  });
});

describe('an app a Karmada control plane does not place keeps its per-cluster autoscaler on the host', () => {
  it('renders its HPA into the host folder and no FederatedHPA', () => {
    const env = compileEnv(
      SCALED('argocd', HPA_APP + KEDA_APP.replace('  - name: web\n', '  - name: web\n    placement: { clusters: [{ name: us }] }\n')).replace(
        /  placement:\n    clusters: \[\{ name: us, weight: 2 \}, \{ name: eu, weight: 1 \}\]\n/,
        '',
      ),
    );
    expect(folder(env, '')).toContain('HorizontalPodAutoscaler orders/orders');
    expect(objectsOf(env).some((o) => o.kind === 'FederatedHPA')).toBe(false);
    expect(folder(env, 'karmada')).toContain('ScaledObject web/web');
    expect(errors(env)).toEqual([]);
  });

  it("installs on the host the operators of the apps that stay there: metrics-server for the HPA's cpu trigger, no KEDA", () => {
    const env = compileEnv(
      SCALED('argocd', HPA_APP).replace(/  placement:\n    clusters: \[\{ name: us, weight: 2 \}, \{ name: eu, weight: 1 \}\]\n/, ''),
    );
    const operators = objectsOf(env)
      .filter((o) => o.kind === 'Application' && o.metadata.labels?.['elastic-gitops.dev/operator'])
      .map((o) => o.metadata.labels!['elastic-gitops.dev/operator']);
    expect(operators).toContain('metrics-server');
    expect(operators).not.toContain('keda');
  });
});
