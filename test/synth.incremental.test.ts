// Incremental synth: an environment whose input files (its own and its `extends` chain) and compiler are unchanged,
// and whose folder holds exactly what was written, is neither merged, rendered nor validated again; every other path renders the same bytes as a full synth.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envDir, MINIMAL } from './support/env-dir.js';
import { runCli, snapshotTree } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const cacheRoot = tempDir('eg-synth-cache-');
afterAll(() => rmSync(cacheRoot, { recursive: true, force: true }));
let n = 0;
/** A project with its own cache folder, so that tests never see each other's entries. */
function project(files: Record<string, string>) {
  const { root, dir } = envDir(files);
  const env = { ELASTIC_GITOPS_SYNTH_CACHE: join(cacheRoot, String(n++)) };
  const synth = (...args: string[]) => runCli(['synth', ...args], root, env);
  const check = (...args: string[]) => runCli(['check', ...args], root, env);
  return { root, dir, env, synth, check, dist: () => snapshotTree(join(root, 'dist')), done: () => rmSync(root, { recursive: true, force: true }) };
}
const states = (stdout: string) => Object.fromEntries([...stdout.matchAll(/^dist\/([^/]+)\/: .*\((.*)\)$/gm)].map((m) => [m[1], m[2]]));
const KARPENTER =
  'cluster: { name: c, provider: eks, region: eu-west-1 }\nnodes:\n  provisioner: karpenter\n  karpenter:\n    api: v1\n    nodeRole: KarpenterNodeRole-c\n    pools:\n      - { name: default, instanceTypes: [m5.large], limits: { cpu: "100", memory: 400Gi } }\n';
const sized = (cpu: string) =>
  `${KARPENTER}apps:\n  - { name: web, image: nginx:1.27, port: 80, resources: { requests: { cpu: "${cpu}", memory: 1Gi } } }\n`;

describe('synth --cache (the default)', () => {
  it('takes unchanged environments from the cache: same bytes as a full synth, nothing rendered', () => {
    const p = project({ dev: MINIMAL, prod: MINIMAL.replace('name: test', 'name: prod') });
    expect(states(p.synth().stdout)).toEqual({ dev: 'written', prod: 'written' });
    const first = p.dist();
    const again = p.synth();
    expect(again.status, again.stderr).toBe(0);
    expect(states(again.stdout)).toEqual({ dev: 'unchanged, cached', prod: 'unchanged, cached' });
    expect(p.dist()).toEqual(first);
    expect(states(p.synth('--no-cache').stdout)).toEqual({ dev: 'unchanged', prod: 'unchanged' });
    // an entry validated without --warnings-as-errors is validated again under it; one validated with it serves a run without
    expect(states(p.synth('--warnings-as-errors').stdout)).toEqual({ dev: 'unchanged', prod: 'unchanged' });
    expect(states(p.synth().stdout)).toEqual({ dev: 'unchanged, cached', prod: 'unchanged, cached' });
    p.done();
  });

  it('renders only the environment whose file changed', () => {
    const p = project({ dev: MINIMAL, prod: MINIMAL.replace('name: test', 'name: prod') });
    p.synth();
    writeFileSync(join(p.dir, 'dev.yaml'), MINIMAL.replace('image: nginx:1.27', 'image: nginx:1.28'));
    expect(states(p.synth().stdout)).toEqual({ dev: 'written', prod: 'unchanged, cached' });
    expect(readFileSync(join(p.root, 'dist/dev/30-workloads.yaml'), 'utf8')).toContain('image: nginx:1.28');
    p.done();
  });

  it('a change in a base file reaches every environment that extends it', () => {
    const p = project({ base: `abstract: true\n${MINIMAL}`, dev: 'extends: base\n', prod: 'extends: base\ncluster: { name: prod }\n' });
    p.synth();
    writeFileSync(join(p.dir, 'base.yaml'), `abstract: true\n${MINIMAL.replace('port: 80', 'port: 81')}`);
    expect(states(p.synth().stdout)).toEqual({ dev: 'written', prod: 'written' });
    p.done();
  });

  it('is keyed by the text of the file and its chain: a comment in a base renders its environments again, the same bytes', () => {
    const p = project({
      base: `abstract: true\n${MINIMAL}`,
      dev: 'extends: base\n',
      prod: MINIMAL.replace('name: test', 'name: prod'),
    });
    p.synth();
    const first = p.dist();
    writeFileSync(join(p.dir, 'base.yaml'), `# a comment\nabstract: true\n${MINIMAL}`);
    expect(states(p.synth().stdout)).toEqual({ dev: 'unchanged', prod: 'unchanged, cached' });
    expect(p.dist()).toEqual(first);
    expect(states(p.synth().stdout)).toEqual({ dev: 'unchanged, cached', prod: 'unchanged, cached' });
    p.done();
  });

  it('restores a hand-edited or deleted file: the folder is checked by hash, not trusted', () => {
    const p = project({ dev: MINIMAL });
    p.synth();
    const first = p.dist();
    writeFileSync(join(p.root, 'dist/dev/30-workloads.yaml'), '# edited\n');
    expect(states(p.synth().stdout)).toEqual({ dev: 'written' });
    expect(p.dist()).toEqual(first);
    rmSync(join(p.root, 'dist/dev/00-namespaces.yaml'));
    expect(states(p.synth().stdout)).toEqual({ dev: 'written' });
    writeFileSync(join(p.root, 'dist/dev/extra.yaml'), 'kind: x\n');
    expect(states(p.synth().stdout)).toEqual({ dev: 'written' });
    expect(p.dist()).toEqual(first);
    p.done();
  });

  it('an entry of another compiler (another key) is not used', () => {
    const p = project({ dev: MINIMAL });
    p.synth();
    const dir = p.env.ELASTIC_GITOPS_SYNTH_CACHE;
    const [entry] = readdirSync(dir);
    const path = join(dir, entry!);
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), key: 'another compiler' }));
    expect(states(p.synth().stdout)).toEqual({ dev: 'unchanged' });
    p.done();
  });

  it('replays the warnings of a cached environment, and --warnings-as-errors does not trust an entry validated without it', () => {
    // 200 replicas × 1 cpu on a pool limited to 100 cpu: valid, with a pool-limits-headroom warning
    const warned = `${KARPENTER}apps:\n  - { name: web, image: nginx:1.27, port: 80, replicas: 200, resources: { requests: { cpu: "1", memory: 1Gi } } }\n`;
    const p = project({ dev: warned });
    const first = p.synth();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain('[pool-limits-headroom]');
    const again = p.synth();
    expect(states(again.stdout)).toEqual({ dev: 'unchanged, cached' });
    expect(again.stderr).toBe(first.stderr);
    const strict = p.synth('--warnings-as-errors');
    expect(strict.status).toBe(1); // validated again: the warning is an error under --warnings-as-errors
    expect(strict.stderr).toContain('nothing was written');
    p.done();
  });

  it('all or nothing still holds: a failure in the last environment leaves every folder as it was', () => {
    const p = project({ a: MINIMAL, z: sized('1') });
    expect(p.synth().status).toBe(0);
    const before = p.dist();
    writeFileSync(join(p.dir, 'a.yaml'), MINIMAL.replace('port: 80', 'port: 81'));
    writeFileSync(join(p.dir, 'z.yaml'), sized('4'));
    const r = p.synth();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nothing was written');
    expect(p.dist()).toEqual(before);
    expect(readdirSync(join(p.root, 'dist')).sort()).toEqual(['a', 'z']); // no staged folder left behind
    p.done();
  });

  it('check trusts an entry only when the folder matches it', () => {
    const p = project({ dev: MINIMAL });
    p.synth();
    expect(p.check().status).toBe(0);
    writeFileSync(join(p.root, 'dist/dev/30-workloads.yaml'), '# edited\n');
    const r = p.check();
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^changed dist\/dev\/30-workloads\.yaml:1$/m);
    p.done();
  });
});
