// A Karmada control plane: what Karmada places (policies, the resource templates they select, their namespaces) is
// applied to the Karmada API server by an Application or Kustomization of its own, never to the host cluster.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../src/convergence/simulate.js';
import { compile } from '../src/synth/compile.js';
import type { SerializedEnvironment } from '../src/synth/serialize.js';
import { envDir } from './support/env-dir.js';
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
