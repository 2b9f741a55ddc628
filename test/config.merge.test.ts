import { describe, expect, it } from 'vitest';
import { checkEnvironments } from '../src/config/check.js';
import { loadEnvironments } from '../src/config/load.js';
import { envDir } from './support/env-dir.js';

function load(files: Record<string, string>) {
  return loadEnvironments(envDir(files).dir);
}

describe('extends: merging environment files', () => {
  it('merges maps deeply: a child overrides one key and keeps its siblings', () => {
    const envs = load({
      base: 'abstract: true\ncluster:\n  name: base\n  region: eu-west-1\n  labels: { tier: gold, team: a }\n',
      prod: 'extends: base\ncluster:\n  name: prod\n  labels: { team: b }\n',
    });
    const prod = envs.find((e) => e.name === 'prod')!;
    expect(prod.value.cluster).toEqual({ name: 'prod', region: 'eu-west-1', labels: { tier: 'gold', team: 'b' } });
  });

  it('replaces lists as a whole', () => {
    const envs = load({
      base: 'abstract: true\ncluster: { name: c }\napps:\n  - { name: a, image: x }\n  - { name: b, image: y }\n',
      dev: 'extends: base\napps:\n  - { name: c, image: z }\n',
    });
    expect((envs.find((e) => e.name === 'dev')!.value.apps as unknown[]).length).toBe(1);
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
