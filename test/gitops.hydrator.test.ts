// Argo CD's Source Hydrator as the delivery mode (gitops.delivery: hydrator): the workloads Application carries
// spec.sourceHydrator (valid against the pinned Argo CD 3.5 CRD), the plugin's ConfigMap holds plugin.yaml and the
// repo-server patch, and the plugin's generate command renders one environment to stdout when run as Argo CD runs it.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { errorsOf } from './support/compile-errors.js';
import { envDir } from './support/env-dir.js';
import { commitFiles, git, repoWith } from './support/git-repo.js';
import { REPO, runCliAsync } from './support/run-cli.js';

const GITOPS = (delivery: string) => `gitops:
  engine: argocd
  repo: { url: https://github.com/example/shop-deploy.git, branch: environments/dev }
  ${delivery}
`;
const HYDRATOR =
  'delivery: hydrator\n  hydrator: { dryRepo: https://github.com/example/shop-config.git, hydrateTo: environments/dev-next, image: ghcr.io/example/elastic-gitops:0.1.0 }';
const ENV = (delivery: string) => `cluster: { name: shop }
apps:
  - { name: web, image: nginx:1.27, replicas: 2 }
${GITOPS(delivery)}`;

type Obj = Record<string, any>;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function render(text: string) {
  const { root, dir } = envDir({ dev: text });
  dirs.push(root);
  return compile({ environmentsDir: dir })[0]!;
}
const find = (docs: readonly { object: Obj }[], kind: string, name: string) =>
  docs.find((d) => d.object.kind === kind && d.object.metadata.name === name)!.object;

describe('gitops.delivery: hydrator', () => {
  const hydrated = render(ENV(HYDRATOR));
  const rendered = render(ENV(''));

  it("the workloads Application syncs what the hydrator renders from the config repo into publish's target", () => {
    const app = find(hydrated.docs, 'Application', 'dev-workloads');
    expect(app.spec.source).toBeUndefined();
    expect(app.spec.sourceHydrator).toEqual({
      drySource: {
        repoURL: 'https://github.com/example/shop-config.git',
        targetRevision: 'HEAD',
        path: '.',
        plugin: { name: 'elastic-gitops', env: [{ name: 'ENVIRONMENT', value: 'dev' }] },
      },
      syncSource: { repoURL: 'https://github.com/example/shop-deploy.git', targetBranch: 'environments/dev', path: 'dist/dev' },
      hydrateTo: { targetBranch: 'environments/dev-next' },
    });
    // the same folder the rendered delivery's Application reads (and publish writes): a team can switch either way
    const before = find(rendered.docs, 'Application', 'dev-workloads');
    expect(before.spec.source).toEqual({
      repoURL: 'https://github.com/example/shop-deploy.git',
      targetRevision: 'environments/dev',
      path: 'dist/dev',
    });
    const { sourceHydrator, ...rest } = app.spec;
    const { source, ...restBefore } = before.spec;
    expect(rest).toEqual(restBefore);
    // the root reads the Argo CD folder committed in the config repository; both projects may read both repositories
    expect(find(hydrated.docs, 'Application', 'dev').spec.source).toEqual({
      repoURL: 'https://github.com/example/shop-config.git',
      targetRevision: 'HEAD',
      path: 'dist/dev/argocd',
    });
    expect(find(hydrated.docs, 'AppProject', 'dev').spec.sourceRepos).toEqual([
      'https://github.com/example/shop-config.git',
      'https://github.com/example/shop-deploy.git',
    ]);
  });

  it('is valid against the pinned Argo CD CRD (v3.5.1 has spec.sourceHydrator), like the rest of the environment', async () => {
    const report = await validateManifests(hydrated.docs);
    expect(report.problems).toEqual([]);
    // and the CRD does check it: a sync source without its branch is refused
    const app = find(hydrated.docs, 'Application', 'dev-workloads');
    const broken = structuredClone(app);
    delete broken.spec.sourceHydrator.syncSource.targetBranch;
    const refused = await validateManifests([{ object: broken, file: 'dev/argocd/01-gitops.yaml', line: 1 }]);
    expect(refused.problems.map((p) => [p.path, p.message])).toEqual([
      ['/spec/sourceHydrator/syncSource/targetBranch', 'missing required field "targetBranch"'],
    ]);
  });

  it('renders the plugin ConfigMap in the Argo CD folder: plugin.yaml, the repo-server sidecar patch and the install step', () => {
    const cm = hydrated.docs.find((d) => d.object.kind === 'ConfigMap') as { object: Obj; file: string };
    expect(cm.file).toBe('dev/argocd/01-gitops.yaml');
    expect(cm.object.metadata.namespace).toBe('argocd');
    const plugin = parse(cm.object.data['plugin.yaml']);
    expect(plugin).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ConfigManagementPlugin',
      metadata: { name: 'elastic-gitops' },
      spec: {
        version: 'v1',
        generate: { command: ['sh', '-c'], args: ['elastic-gitops render --workloads "$ARGOCD_ENV_ENVIRONMENT"'] },
        preserveFileMode: false,
      },
    });
    const patch = parse(cm.object.data['repo-server-patch.yaml']);
    const [sidecar] = patch.spec.template.spec.containers;
    expect(sidecar).toMatchObject({
      name: 'elastic-gitops',
      image: 'ghcr.io/example/elastic-gitops:0.1.0',
      command: ['/var/run/argocd/argocd-cmp-server'],
      securityContext: { runAsUser: 999 },
    });
    expect(sidecar.volumeMounts).toContainEqual({
      name: 'argocd-cmp-elastic-gitops',
      mountPath: '/home/argocd/cmp-server/config/plugin.yaml',
      subPath: 'plugin.yaml',
    });
    expect(patch.spec.template.spec.volumes).toContainEqual({ name: 'argocd-cmp-elastic-gitops', configMap: { name: 'argocd-cmp-elastic-gitops' } });
    expect(cm.object.data.install).toBe(
      `kubectl -n argocd patch deployment argocd-repo-server --type strategic --patch "$(kubectl -n argocd get configmap argocd-cmp-elastic-gitops -o jsonpath='{.data.repo-server-patch\\.yaml}')"\n`,
    );
    expect(rendered.docs.some((d) => d.object.kind === 'ConfigMap')).toBe(false);
  });

  it("the plugin's generate command, run as Argo CD runs it, prints exactly the workloads of the environment on stdout", () => {
    const plugin = parse(find(hydrated.docs, 'ConfigMap', 'argocd-cmp-elastic-gitops').data['plugin.yaml']);
    // the dry source checked out (Argo CD's working directory: the source path), the plugin image's PATH
    const checkout = repoWith({ 'environments/dev.yaml': ENV(HYDRATOR) });
    const bin = mkdtempSync(join(tmpdir(), 'eg-bin-'));
    dirs.push(checkout, bin);
    writeFileSync(join(bin, 'elastic-gitops'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'build', 'cli.js')}" "$@"\n`);
    chmodSync(join(bin, 'elastic-gitops'), 0o755);
    const [command, ...args] = [...plugin.spec.generate.command, ...plugin.spec.generate.args] as string[];
    const r = spawnSync(command!, args, {
      cwd: checkout,
      encoding: 'utf8',
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        ARGOCD_APP_NAME: 'dev-workloads',
        ARGOCD_APP_NAMESPACE: 'argocd',
        ARGOCD_APP_REVISION: 'abc123',
        ARGOCD_ENV_ENVIRONMENT: 'dev',
      },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('elastic-gitops render: dev: 4 objects for Argo CD Application dev-workloads\n');
    const docs = parseAllDocuments(r.stdout);
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    const objects = docs.map((d) => d.toJS() as Obj);
    // what the workloads Application applies: the environment folder's own files, not the Argo CD folder
    expect(objects).toEqual(hydrated.docs.filter((d) => !d.file.startsWith('dev/argocd/')).map((d) => d.object));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/web', 'Deployment/web', 'Service/web', 'PodDisruptionBudget/web']);
    expect(r.stdout.startsWith('---\napiVersion: v1\nkind: Namespace\n')).toBe(true);
  });

  it('an unknown environment fails on stderr with nothing on stdout (Argo CD shows the message)', () => {
    const checkout = repoWith({ 'environments/dev.yaml': ENV(HYDRATOR) });
    dirs.push(checkout);
    const r = spawnSync(process.execPath, [join(REPO, 'build', 'cli.js'), 'render', '--workloads', 'qa'], { cwd: checkout, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: unknown environment "qa" (known: dev)\n');
  });

  it('needs Argo CD and its settings; settings without the mode are refused', () => {
    expect(errorsOf(ENV('delivery: hydrator').replace('engine: argocd', 'engine: flux'))).toEqual([
      'environments/dev.yaml:7:13 gitops.delivery: delivery "hydrator" is Argo CD\'s Source Hydrator: it needs engine "argocd", got "flux"',
      'environments/dev.yaml:7:13 gitops.delivery: delivery "hydrator" needs gitops.hydrator: { dryRepo, image }',
    ]);
    expect(errorsOf(ENV(HYDRATOR.replace('delivery: hydrator', 'delivery: rendered')))).toEqual([
      'environments/dev.yaml:8:13 gitops.hydrator: hydrator settings need delivery "hydrator", got "rendered"',
    ]);
  });

  it('publish writes the layout the hydrator writes: hydrator.metadata at the top and per folder, a README naming the dry commit', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'eg-deploy-'));
    dirs.push(bare);
    git(bare, 'init', '--quiet', '--bare', '-b', 'main');
    const env = ENV('').replace('https://github.com/example/shop-deploy.git, branch: environments/dev', `"file://${bare}", branch: main`);
    const source = repoWith({ 'environments/dev.yaml': env });
    dirs.push(source);
    expect((await runCliAsync(['synth'], source)).status).toBe(0);
    commitFiles(source, {}, 'render');
    const published = await runCliAsync(['publish'], source);
    expect(published.status, published.stderr).toBe(0);
    const sha = git(source, 'rev-parse', 'HEAD');
    const show = (path: string) => git(bare, 'show', `main:${path}`);
    expect(JSON.parse(show('hydrator.metadata'))).toEqual({ repoURL: 'local', drySha: sha });
    expect(show('dist/dev/hydrator.metadata')).toBe(
      `{\n  "repoURL": "local",\n  "drySha": "${sha}",\n  "commands": [\n    "elastic-gitops render --workloads dev"\n  ]\n}`,
    );
    const readme = show('dist/dev/README.md');
    expect(readme.split('\n').slice(0, 10)).toEqual([
      '# Manifest Hydration',
      '',
      'To hydrate the manifests in this repository, run the following commands:',
      '',
      '```shell',
      'git clone local',
      '# cd into the cloned directory',
      `git checkout ${sha}`,
      'elastic-gitops render --workloads dev',
      '```',
    ]);
    expect(readme).toContain(readFileSync(join(source, 'dist/dev/README.md'), 'utf8').trimEnd());
    // a newer source commit with the same manifests publishes nothing (Argo CD records such a no-op in a git note)
    commitFiles(source, { 'notes.txt': 'unrelated\n' }, 'unrelated');
    expect((await runCliAsync(['publish'], source)).stdout).toBe('nothing to publish: the deploy repo already has this output\n');
  });
});
