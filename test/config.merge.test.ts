import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEnvironments } from '../src/config/check.js';
import { loadEnvironments, readEnvironments, scanEnvironments, type MergedEnvironment } from '../src/config/load.js';
import { compileErrors } from './support/compile-errors.js';
import { envDir } from './support/env-dir.js';
import { repoWith, writeFiles } from './support/git-repo.js';
import { runCli } from './support/run-cli.js';

function load(files: Record<string, string>) {
  return loadEnvironments(envDir(files).dir);
}

describe('scanEnvironments: each environment merged on demand, none kept', () => {
  const files = {
    base: 'abstract: true\ncluster: { name: base }\napps:\n  - { name: web, image: x }\n',
    dev: 'extends: base\ncluster: { name: dev }\n',
    prod: 'extends: dev\ncluster: { name: prod }\napps:\n  - { name: web, replicas: 3 }\n',
    broken: 'extends: missing\n',
  };

  // origins hold the parsed YAML tree: compared by what they answer
  const plain = ({ origins, ...rest }: MergedEnvironment) => ({ ...rest, at: origins.get('/cluster/name') });

  it('visits what readEnvironments returns, with the same problems, and merges each again to an equal value', () => {
    const { dir } = envDir(files);
    const visited: [MergedEnvironment, () => MergedEnvironment][] = [];
    const scanned = scanEnvironments(dir, (env, again) => visited.push([env, again]));
    const read = readEnvironments(dir);
    expect(visited.map(([e]) => plain(e))).toEqual(read.envs.map(plain));
    expect(visited.map(([e]) => e.name)).toEqual(['base', 'dev', 'prod']);
    expect(scanned.diagnostics).toEqual(read.diagnostics);
    expect(scanned.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('unknown environment "missing"')]);
    for (const [env, again] of visited) expect(plain(again())).toEqual(plain(env));
  });

  it('keeps the bases that files extend, and no environment merged for its own sake', () => {
    const { dir } = envDir(files);
    const visited = new Map<string, [MergedEnvironment, () => MergedEnvironment]>();
    scanEnvironments(dir, (env, again) => visited.set(env.name, [env, again]));
    const [base, baseAgain] = visited.get('base')!;
    expect(baseAgain()).toBe(base); // abstract: kept
    const [prod, prodAgain] = visited.get('prod')!;
    expect(prodAgain()).not.toBe(prod); // merged again, not held
    const [, devAgain] = visited.get('dev')!;
    expect(devAgain()).toBe(devAgain()); // prod extends it: kept once merged as prod's base
  });
});

describe('extends: merging environment files', () => {
  it('merges maps deeply: a child overrides one key and keeps its siblings', () => {
    const envs = load({
      base: 'abstract: true\ncluster:\n  name: base\n  region: eu-west-1\n  labels: { tier: gold, team: a }\n',
      prod: 'extends: base\ncluster:\n  name: prod\n  labels: { team: b }\n',
    });
    const prod = envs.find((e) => e.name === 'prod')!;
    expect(prod.value.cluster).toEqual({ name: 'prod', region: 'eu-west-1', labels: { tier: 'gold', team: 'b' } });
  });

  it('replaces lists whose items have no name (hosts, triggers with an unnamed one)', () => {
    const envs = load({
      base: 'abstract: true\ncluster: { name: c }\napps:\n  - name: web\n    image: x\n    routing: { hosts: [a.example.com, b.example.com] }\n    autoscaling: { triggers: [{ type: cpu, utilization: 50 }, { type: prometheus, name: rps, query: up, threshold: 1 }] }\n',
      dev: 'extends: base\napps:\n  - name: web\n    routing: { hosts: [c.example.com] }\n    autoscaling: { triggers: [{ type: cpu, utilization: 80 }] }\n',
    });
    const [web] = envs.find((e) => e.name === 'dev')!.value.apps as Record<string, Record<string, unknown>>[];
    expect(web!.routing).toEqual({ hosts: ['c.example.com'] });
    expect(web!.autoscaling).toEqual({ triggers: [{ type: 'cpu', utilization: 80 }] });
  });

  it('removes an inherited key when the child sets it to null', () => {
    const envs = load({
      base: 'abstract: true\ncluster: { name: c, region: us-east-1 }\n',
      dev: 'extends: base\ncluster: { region: null }\n',
    });
    expect(envs.find((e) => e.name === 'dev')!.value.cluster).toEqual({ name: 'c' });
  });

  it('follows several levels, the nearest file winning', () => {
    const envs = load({
      base: 'abstract: true\ncluster: { name: base, region: r1, provider: eks }\n',
      regional: 'abstract: true\nextends: base\ncluster: { region: r2 }\n',
      prod: 'extends: regional\ncluster: { name: prod }\n',
    });
    expect(envs.find((e) => e.name === 'prod')!.value.cluster).toEqual({ name: 'prod', region: 'r2', provider: 'eks' });
  });

  it('accepts a list of bases, later ones overriding earlier ones', () => {
    const envs = load({
      a: 'abstract: true\ncluster: { name: a, region: ra }\n',
      b: 'abstract: true\ncluster: { region: rb }\n',
      prod: 'extends: [a, b]\n',
    });
    expect(envs.find((e) => e.name === 'prod')!.value.cluster).toEqual({ name: 'a', region: 'rb' });
  });

  it('does not inherit `abstract`: an environment extending a base is rendered', () => {
    const envs = load({ base: 'abstract: true\ncluster: { name: c }\n', dev: 'extends: base\n' });
    expect(envs.map((e) => [e.name, e.abstract])).toEqual([
      ['base', true],
      ['dev', false],
    ]);
  });

  it('applies schema defaults and derived defaults after merging', () => {
    const [dev] = checkEnvironments(load({ dev: 'cluster: { name: c }\napps:\n  - { name: web, image: nginx }\n' }));
    expect(dev!.apps[0]).toMatchObject({ namespace: 'web', port: 8080, kind: 'deployment', autoscaling: { engine: 'none', minReplicas: 1 } });
    expect(dev!.cluster.provider).toBe('generic');
  });
});

const BASE = `abstract: true
cluster: { name: c }
priorityClasses:
  - { name: high, value: 1000 }
  - { name: low, value: 10 }
apps:
  - name: web
    image: web:1
    port: 80
    env: { LOG_LEVEL: info, MODE: a }
    autoscaling:
      engine: keda
      maxReplicas: 5
      triggers:
        - { type: prometheus, name: rps, query: "sum(rate(http_requests_total[1m]))", threshold: 10 }
        - { type: prometheus, name: queue, query: sum(queue_depth), threshold: 5 }
  - name: orders
    image: orders:1
multicluster:
  clusters: [us, eu]
nodes:
  provisioner: karpenter
  karpenter:
    nodeRole: r
    pools:
      - { name: default, capacityTypes: [on-demand], weight: 10 }
      - { name: spot, capacityTypes: [spot] }
`;

describe('extends: lists of named items merge by name', () => {
  it('deep-merges the item of the same name and appends new names, in order', () => {
    const dev = load({
      base: BASE,
      dev: 'extends: base\napps:\n  - name: web\n    image: web:2\n    env: { MODE: b }\n  - name: batch\n    image: batch:1\n',
    }).find((e) => e.name === 'dev')!;
    const apps = dev.value.apps as Record<string, unknown>[];
    expect(apps.map((a) => a.name)).toEqual(['web', 'orders', 'batch']);
    expect(apps[0]).toMatchObject({ image: 'web:2', port: 80, env: { LOG_LEVEL: 'info', MODE: 'b' } });
    expect(dev.removals).toEqual([]);
  });

  it('merges priorityClasses, node pools, triggers by name and multicluster.clusters as a set', () => {
    const dev = load({
      base: BASE,
      dev: [
        'extends: base',
        'priorityClasses: [{ name: low, value: 20 }, { name: batch, value: 1 }]',
        'nodes: { karpenter: { pools: [{ name: spot, weight: 50 }] } }',
        'multicluster: { clusters: [ap, us] }',
        'apps:',
        '  - name: web',
        '    autoscaling: { triggers: [{ name: queue, threshold: 50 }] }',
        '',
      ].join('\n'),
    }).find((e) => e.name === 'dev')!;
    const v = dev.value as Record<string, any>;
    expect(v.priorityClasses).toEqual([
      { name: 'high', value: 1000 },
      { name: 'low', value: 20 },
      { name: 'batch', value: 1 },
    ]);
    expect(v.nodes.karpenter.pools).toEqual([
      { name: 'default', capacityTypes: ['on-demand'], weight: 10 },
      { name: 'spot', capacityTypes: ['spot'], weight: 50 },
    ]);
    expect(v.multicluster.clusters).toEqual(['us', 'eu', 'ap']);
    expect(v.apps[0].autoscaling.triggers.map((t: { threshold: number }) => t.threshold)).toEqual([10, 50]);
  });

  it('removes an inherited item with $patch: delete, and records where', () => {
    const dev = load({
      base: BASE,
      dev: 'extends: base\napps:\n  - name: orders\n    $patch: delete\nmulticluster:\n  clusters: [{ name: eu, $patch: delete }]\n',
    }).find((e) => e.name === 'dev')!;
    expect((dev.value.apps as { name: string }[]).map((a) => a.name)).toEqual(['web']);
    expect((dev.value.multicluster as { clusters: string[] }).clusters).toEqual(['us']);
    expect(
      dev.removals.map((r) => [r.list, r.name, r.at?.file.endsWith('dev.yaml'), r.at?.line, r.from?.file.endsWith('base.yaml'), r.from?.line]),
    ).toEqual([
      ['/apps', 'orders', true, 3, true, 17],
      ['/multicluster/clusters', 'eu', true, 6, true, 20],
    ]);
  });

  it('replaces one item ($patch: replace on it) or the whole list (a `$patch: replace` item)', () => {
    const envs = load({
      base: BASE,
      item: 'extends: base\napps:\n  - { name: web, $patch: replace, image: other:1 }\n',
      list: 'extends: base\npriorityClasses:\n  - $patch: replace\n  - { name: only, value: 1 }\n',
    });
    expect((envs.find((e) => e.name === 'item')!.value.apps as unknown[])[0]).toEqual({ name: 'web', image: 'other:1' });
    expect(envs.find((e) => e.name === 'list')!.value.priorityClasses).toEqual([{ name: 'only', value: 1 }]);
  });

  it('locates problems of merged items in the file that wrote them, at their own index there', () => {
    const { lines } = compileErrors({
      base: BASE.replace('  - name: orders\n    image: orders:1\n', '  - name: orders\n    image: orders:1\n    port: 0\n'),
      dev: 'extends: base\napps:\n  - name: api\n    image: api:1\n    replicas: -1\n  - name: web\n    $patch: delete\n',
    });
    // merged: [orders (base apps[1]), api (dev apps[0])]
    expect(lines).toEqual([
      'environments/base.yaml:19:11 apps[0].port: must be an integer from 1 to 65535 or "none"; got 0',
      'environments/dev.yaml:5:15 apps[1].replicas: must be >= 0; got -1',
    ]);
  });

  it('rejects $patch: delete of a name that is not inherited, and an unknown $patch', () => {
    const { lines } = compileErrors({
      base: BASE,
      dev: 'extends: base\napps:\n  - { name: order, $patch: delete }\n  - { name: web, $patch: merge }\n',
    });
    expect(lines).toEqual([
      'environments/dev.yaml:4:26 apps[1].$patch: $patch must be "delete" (remove the inherited item) or "replace" (on an item: replace it; alone in the list: replace the list); got "merge"',
      'environments/dev.yaml:3:5 apps[0]: $patch: delete removes "order", which is not inherited (inherited: web, orders)',
    ]);
  });
});

describe('elastic-gitops synth with $patch: delete', () => {
  it('writes the environment without the item and says on stderr what was removed, from where', () => {
    const { root } = envDir({ base: BASE, dev: 'extends: base\napps:\n  - name: orders\n    $patch: delete\n' });
    try {
      const r = runCli(['synth', '--no-validate'], root);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('notice: environments/dev.yaml:3:5 apps: removes "orders" inherited from environments/base.yaml:17:5 ($patch: delete)\n');
      expect(readFileSync(join(root, 'dist', 'dev', '30-workloads.yaml'), 'utf8')).not.toContain('orders');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('diff says it too, for the pull request that removes the item', () => {
    const root = repoWith({ 'environments/base.yaml': BASE, 'environments/dev.yaml': 'extends: base\n' });
    writeFiles(root, { 'environments/dev.yaml': 'extends: base\napps:\n  - name: orders\n    $patch: delete\n' });
    const r = runCli(['diff'], root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'notice: environments/dev.yaml:3:5 apps: removes "orders" inherited from environments/base.yaml:17:5 ($patch: delete)\n',
    );
    expect(r.stdout).toContain('Deployment orders/orders');
  });
});
