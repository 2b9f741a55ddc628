// diff names the risk of each change: destructive (data lost: a Namespace deleted, renamed), immutable (the API
// server refuses the update: the sync fails), disruptive (pods restart) or plain. Real git repositories, rendered by
// this checkout's compiler (or the base's own, for a chart change), the pinned CRDs for their transition rules.
import { cpSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffWorkingTree } from '../src/diff/diff-command.js';
import { diffRenders } from '../src/diff/environment-diff.js';
import { formatMarkdown } from '../src/diff/format-markdown.js';
import { formatText } from '../src/diff/format-text.js';
import { COMPILER_INPUTS } from '../src/diff/compiler-inputs.js';
import { pinnedTransitionRules } from '../src/diff/risk/transition-rules.js';
import type { SerializedEnvironment } from '../src/synth/serialize.js';
import { commitFiles, repoWith, writeFiles } from './support/git-repo.js';
import { APP_ENV } from './support/risk-envs.js';
import { REPO } from './support/run-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
/** A repository with `before` committed and `after` in the working tree, diffed. */
async function diffOf(before: string, after: string) {
  const dir = repoWith({ 'environments/dev.yaml': before });
  dirs.push(dir);
  writeFiles(dir, { 'environments/dev.yaml': after });
  return diffWorkingTree({ environments: 'environments' }, dir);
}
const markdownLines = (md: string, heading: string) =>
  md
    .slice(md.indexOf(`#### ${heading}\n\n`))
    .split('\n\n')[1]!
    .split('\n');

describe('diff: destructive changes', () => {
  it('a renamed app: its Namespace is renamed (destructive: a delete and a create), its Deployment too (disruptive)', async () => {
    const result = await diffOf(APP_ENV(), APP_ENV({ name: 'shop' }));
    const [dev] = result.environments;
    const byId = new Map(dev!.changes.map((c) => [c.id, c]));
    expect(byId.get('core/Namespace web')).toMatchObject({
      change: 'removed',
      risk: 'destructive',
      renamed: { from: 'core/Namespace web', to: 'core/Namespace shop' },
      reasons: [
        {
          risk: 'destructive',
          path: '',
          message: expect.stringMatching(/^a rename is a delete and a create: deleting a Namespace deletes every object in it/),
        },
      ],
    });
    expect(byId.get('core/Namespace shop')).toMatchObject({
      change: 'added',
      risk: 'plain',
      renamed: { from: 'core/Namespace web', to: 'core/Namespace shop' },
    });
    expect(byId.get('apps/Deployment web/web')).toMatchObject({ risk: 'disruptive', renamed: { to: 'apps/Deployment shop/shop' } });
    expect(byId.get('core/Service web/web')).toMatchObject({ risk: 'plain', renamed: { to: 'core/Service shop/shop' } });
    expect(dev!.risks).toEqual({ destructive: 1, immutable: 0, disruptive: 1, plain: 8 });
    expect(dev!.summary).toBe('renamed `web` → `shop` (5 objects)');

    const md = formatMarkdown(result.environments, result.base);
    expect(md.split('\n').slice(2, 6)).toEqual([
      '#### Needs care',
      '',
      '- **destructive** dev: `core/Namespace web` renamed to `core/Namespace shop` — a rename is a delete and a create: deleting a Namespace deletes every object in it (and with Argo CD prune or Flux garbage collection, that is what the sync does) — keep the old name (a rename cannot move data), or move the data first and acknowledge the deletion (review.acknowledge)',
      '',
    ]);
    expect(md).toContain(
      '<summary>removed <code>core/Namespace web</code> (renamed to <code>core/Namespace shop</code>) in dev/00-namespaces.yaml — <b>destructive</b></summary>',
    );
    expect(formatText(result.environments, result.base)).toContain(
      '\nNeeds care:\n  destructive dev: core/Namespace web renamed to core/Namespace shop: a rename is a delete and a create: ',
    );
  });

  it('a removed app that nothing replaces: its Namespace deleted, not renamed; its PodDisruptionBudget gone (disruptive)', async () => {
    const api = '  - { name: api, image: api:1 }\n';
    const { environments } = await diffOf(APP_ENV({ more: api }), APP_ENV());
    const ns = environments[0]!.changes.find((c) => c.id === 'core/Namespace api')!;
    expect(ns).toMatchObject({ change: 'removed', risk: 'destructive' });
    expect(ns.renamed).toBeUndefined();
    expect(ns.reasons[0]!.advice).toMatch(/^back up or move its data first, then acknowledge the deletion \(review\.acknowledge\)/);
    expect(environments[0]!.changes.find((c) => c.kind === 'PodDisruptionBudget')).toMatchObject({
      risk: 'disruptive',
      reasons: [{ message: 'the PodDisruptionBudget goes: a node drain may evict every pod at once' }],
    });
  });
});

describe('diff: immutable changes (the sync fails until the object is recreated)', () => {
  it("a chart change that feeds the app's labels into its Deployment selector: spec.selector is immutable", async () => {
    // the base's compiler selected pods by the app's labels too (as many Helm charts do): rendered by its own compiler
    const dir = repoWith({ '.gitignore': 'node_modules\nbuild/\n' });
    dirs.push(dir);
    for (const p of [...COMPILER_INPUTS, 'tsconfig.json']) cpSync(join(REPO, p), join(dir, p), { recursive: true });
    symlinkSync(realpathSync(join(REPO, 'node_modules')), join(dir, 'node_modules'), 'dir');
    const labels = readFileSync(join(REPO, 'charts/workloads/labels.ts'), 'utf8');
    const selector = 'return { ...appSelector(app), version: track };';
    expect(labels).toContain(selector);
    const env = APP_ENV({ labels: '{ team: payments }' });
    commitFiles(
      dir,
      {
        'charts/workloads/labels.ts': labels.replace(selector, 'return { ...(app.labels ?? {}), ...appSelector(app), version: track };'),
        'environments/dev.yaml': env,
      },
      'selector by labels',
    );
    writeFiles(dir, { 'charts/workloads/labels.ts': labels });
    const { environments, base, changedInputs } = await diffWorkingTree({ environments: 'environments' }, dir);
    expect(changedInputs).toEqual(['charts']);
    const deployment = environments[0]!.changes.find((c) => c.kind === 'Deployment')!;
    expect(deployment.fields).toEqual([{ path: '/spec/selector/matchLabels/team', before: 'payments' }]);
    expect(deployment).toMatchObject({ risk: 'immutable', reasons: [{ risk: 'immutable', path: '/spec/selector' }] });
    const md = formatMarkdown(environments, { ...base, changedInputs });
    expect(md).toContain(
      '\n- **immutable** dev: changed `apps/Deployment web/web` — kubectl apply will fail: spec.selector is immutable (pkg/registry/apps/deployment/strategy.go ValidateUpdate, after ValidateDeploymentUpdate) — delete the object before applying (`kubectl replace --force`)\n',
    );
  });

  it('a PriorityClass value: under Argo CD, the advice is its Force=true,Replace=true sync options', async () => {
    const pc = (value: number) =>
      `priorityClasses: [{ name: high, value: ${value} }]\ngitops: { engine: argocd, repo: { url: https://github.com/example/deploy.git } }\n`;
    const { environments } = await diffOf(APP_ENV({ more: pc(1000) }), APP_ENV({ more: pc(2000) }));
    const care = markdownLines(formatMarkdown(environments, { ref: 'HEAD', commit: '0'.repeat(40) }), 'Needs care');
    expect(care).toEqual([
      '- **immutable** dev: changed `scheduling.k8s.io/PriorityClass high` — Argo CD will fail to sync: value is immutable (ValidatePriorityClassUpdate (pkg/apis/scheduling/validation)) — add the sync options `Force=true,Replace=true` (annotation `argocd.argoproj.io/sync-options`) to this object, or delete it before the sync',
    ]);
  });

  it("a CRD's own transition rule (x-kubernetes-validations with oldSelf): a NodePool turned static", async () => {
    const { environments: rendered } = await diffOf(APP_ENV(), APP_ENV());
    expect(rendered[0]!.changes).toEqual([]);
    const nodePool = (replicas?: number) => ({
      object: {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: 'default' },
        spec: {
          ...(replicas ? { replicas } : {}),
          template: { spec: { nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' }, requirements: [] } },
        },
      },
      file: 'dev/20-nodes.yaml',
      line: 2,
    });
    const env = (replicas?: number): SerializedEnvironment => ({ env: 'dev', files: new Map(), docs: [nodePool(replicas)] });
    const transitionRules = await pinnedTransitionRules();
    const [dev] = diffRenders([env()], [env(3)], { transitionRules });
    expect(dev!.changes[0]).toMatchObject({
      risk: 'immutable',
      reasons: [
        {
          path: '/spec',
          message:
            "kubectl apply will fail: spec: Cannot transition NodePool between static (replicas set) and dynamic (replicas unset) provisioning modes (the CRD's transition rule `has(self.replicas) == has(oldSelf.replicas)`)",
        },
      ],
    });
    // without the rules (schemas unavailable) nothing is claimed
    expect(diffRenders([env()], [env(3)])[0]!.changes[0]!.risk).toBe('plain');
    // a change the rules allow
    expect(diffRenders([env(2)], [env(3)], { transitionRules })[0]!.changes[0]!.risk).toBe('plain');
  });
});

describe('diff: disruptive and plain changes', () => {
  it('a new image: the pod template changes, every pod restarts', async () => {
    const { environments } = await diffOf(APP_ENV(), APP_ENV({ image: 'nginx:1.28' }));
    const [dev] = environments;
    expect(dev!.changes.map((c) => [c.id, c.risk])).toEqual([['apps/Deployment web/web', 'disruptive']]);
    expect(dev!.changes[0]!.reasons).toEqual([
      { risk: 'disruptive', path: '/spec/template', message: 'the pod template changes: every pod restarts (a rolling update)' },
    ]);
    expect(dev!.summary).toBe('web: image nginx:1.27 → nginx:1.28; 1 Deployment rolls');
    const md = formatMarkdown(environments, { ref: 'HEAD', commit: '0'.repeat(40) });
    expect(md).not.toContain('Needs care');
    expect(md).toContain(
      '<summary>changed <code>apps/Deployment web/web</code> in dev/30-workloads.yaml — <b>disruptive</b></summary>\n\n> **disruptive** `/spec/template`: the pod template changes: every pod restarts (a rolling update)\n',
    );
  });

  it('more max replicas: plain', async () => {
    const { environments } = await diffOf(APP_ENV(), APP_ENV({ max: 10 }));
    const [dev] = environments;
    expect(dev!.changes.map((c) => [c.id, c.risk, c.reasons])).toEqual([['autoscaling/HorizontalPodAutoscaler web/web', 'plain', []]]);
    expect(dev!.risks).toEqual({ destructive: 0, immutable: 0, disruptive: 0, plain: 1 });
    expect(dev!.summary).toBe('web: max replicas 5 → 10');
  });

  it('nodes replaced (a NodePool requirement), a budget that keeps fewer pods, an app that may scale to zero', async () => {
    const env = (o: { categories: string; maxUnavailable: number; min: number }) => `cluster: { name: shop, provider: eks }
nodes:
  provisioner: karpenter
  karpenter: { nodeRole: KarpenterNodeRole-shop, pools: [{ name: default, instanceCategories: ${o.categories} }] }
apps:
  - name: web
    image: nginx:1.27
    resources: { requests: { cpu: 100m } }
    pdb: { maxUnavailable: ${o.maxUnavailable} }
    autoscaling:
      engine: keda
      minReplicas: ${o.min}
      maxReplicas: 5
      triggers: [{ type: prometheus, serverAddress: "http://prometheus:9090", query: "sum(rate(http_requests_total[1m]))", threshold: 10 }]
`;
    const { environments } = await diffOf(
      env({ categories: '[c, m]', maxUnavailable: 1, min: 1 }),
      env({ categories: '[c, m, r]', maxUnavailable: 2, min: 0 }),
    );
    const [dev] = environments;
    expect(dev!.changes.map((c) => [c.id, c.risk, c.reasons.map((r) => `${r.path}: ${r.message}`)])).toEqual([
      [
        'karpenter.sh/NodePool default',
        'disruptive',
        ['/spec/template: spec.template changes: Karpenter marks the nodes it made drifted and replaces them'],
      ],
      [
        'keda.sh/ScaledObject web/web',
        'disruptive',
        ['/spec/minReplicaCount: spec.minReplicaCount becomes 0: the app scales to zero (no pod until a request or event activates it)'],
      ],
      [
        'policy/PodDisruptionBudget web/web',
        'disruptive',
        ['/spec/maxUnavailable: spec.maxUnavailable 1 → 2: fewer pods must stay available during a drain'],
      ],
    ]);
    expect(dev!.summary).toBe('web: min replicas 1 → 0; 1 NodePool replaces its nodes; 1 other changed object');
  });
});
