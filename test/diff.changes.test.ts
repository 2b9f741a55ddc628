// diff, resource by resource: a real git repository per case, the base rendered from git objects, the working tree
// from disk, both with this checkout's compiler (the repositories hold no compiler inputs: the in-process path).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffWorkingTree } from '../src/diff/diff-command.js';
import { InputError } from '../src/errors.js';
import { compile } from '../src/synth/compile.js';
import { commitFiles, git, repoWith, writeFiles } from './support/git-repo.js';
import { REPO } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

/** One app autoscaled by KEDA on a Prometheus query, `threshold` as given, plus `more` lines appended to apps. */
export const KEDA_ENV = (threshold: number, more = '') => `cluster: { name: c }
apps:
  - name: web
    image: nginx:1.27
    resources: { requests: { cpu: 100m } }
    autoscaling:
      engine: keda
      maxReplicas: 5
      triggers:
        - type: prometheus
          serverAddress: http://prometheus:9090
          query: sum(rate(http_requests_total[1m]))
          threshold: ${threshold}
${more}`;

const ids = (changes: readonly { change: string; id: string }[], change: string) => changes.filter((c) => c.change === change).map((c) => c.id);

describe('diff: what changes, resource by resource', () => {
  it('a changed threshold is one changed resource: the field with old → new, and a unified YAML diff', async () => {
    const dir = repoWith({ 'environments/dev.yaml': KEDA_ENV(10) });
    writeFiles(dir, { 'environments/dev.yaml': KEDA_ENV(25) });
    const { base, environments } = await diffWorkingTree({ environments: 'environments' }, dir);
    expect(base).toEqual({ ref: 'HEAD', commit: git(dir, 'rev-parse', 'HEAD') });
    expect(environments).toHaveLength(1);
    const [dev] = environments;
    expect(dev).toMatchObject({ env: 'dev', status: 'both', counts: { added: 0, changed: 1, removed: 0 } });
    expect(dev!.changes).toHaveLength(1);
    const change = dev!.changes[0]!;
    expect(change).toMatchObject({
      change: 'changed',
      id: 'keda.sh/ScaledObject web/web',
      group: 'keda.sh',
      kind: 'ScaledObject',
      namespace: 'web',
      name: 'web',
      file: 'dev/35-autoscaling.yaml',
    });
    expect(change.fields).toEqual([{ path: '/spec/triggers/0/metadata/threshold', before: '10', after: '25' }]);
    expect(change.patch).toMatch(/^--- a\/dev\/35-autoscaling\.yaml\n\+\+\+ b\/dev\/35-autoscaling\.yaml\n@@ /);
    expect(change.patch).toContain('\n-        threshold: "10"\n+        threshold: "25"\n');
  });

  it('an added app shows its resources added, and nothing else changed', async () => {
    const dir = repoWith({ 'environments/dev.yaml': KEDA_ENV(10) });
    writeFiles(dir, { 'environments/dev.yaml': KEDA_ENV(10, '  - { name: api, image: api:1 }\n') });
    const [dev] = (await diffWorkingTree({ environments: 'environments' }, dir)).environments;
    expect(ids(dev!.changes, 'added')).toEqual([
      'apps/Deployment api/api',
      'core/Namespace api',
      'core/Service api/api',
      'policy/PodDisruptionBudget api/api',
    ]);
    expect(dev!.counts).toEqual({ added: 4, changed: 0, removed: 0 });
    const deployment = dev!.changes.find((c) => c.kind === 'Deployment')!;
    expect(deployment.fields).toEqual([]);
    expect(deployment.patch).toMatch(
      /^--- \/dev\/null\n\+\+\+ b\/dev\/30-workloads\.yaml\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n\+kind: Deployment\n/,
    );
  });

  it('a removed environment shows every resource it had removed; an added one every resource added', async () => {
    const dir = repoWith({ 'environments/dev.yaml': KEDA_ENV(10), 'environments/old.yaml': KEDA_ENV(10) });
    rmSync(join(dir, 'environments/old.yaml'));
    writeFiles(dir, { 'environments/new.yaml': KEDA_ENV(10) });
    const diffs = (await diffWorkingTree({ environments: 'environments' }, dir)).environments;
    expect(diffs.map((d) => [d.env, d.status])).toEqual([
      ['dev', 'both'],
      ['new', 'added'],
      ['old', 'removed'],
    ]);
    const rendered = compile({ environmentsDir: join(dir, 'environments') }).find((e) => e.env === 'dev')!.docs.length;
    const [dev, added, old] = diffs;
    expect(dev!.changes).toEqual([]);
    expect(old!.counts).toEqual({ added: 0, changed: 0, removed: rendered });
    expect(old!.changes.every((c) => c.change === 'removed' && c.patch.includes('+++ /dev/null'))).toBe(true);
    expect(added!.counts).toEqual({ added: rendered, changed: 0, removed: 0 });
  });

  it('a renamed app shows as removals and additions, never as a change', async () => {
    const dir = repoWith({ 'environments/dev.yaml': KEDA_ENV(10) });
    writeFiles(dir, { 'environments/dev.yaml': KEDA_ENV(10).replace('name: web', 'name: www') });
    const [dev] = (await diffWorkingTree({ environments: 'environments' }, dir)).environments;
    expect(dev!.counts.changed).toBe(0);
    expect(dev!.counts.added).toBe(dev!.counts.removed);
    expect(ids(dev!.changes, 'removed')).toContain('keda.sh/ScaledObject web/web');
    expect(ids(dev!.changes, 'added')).toContain('keda.sh/ScaledObject www/www');
  });

  it('compares with any ref (--base), and only the environments asked for (--env)', async () => {
    const dir = repoWith({ 'environments/dev.yaml': KEDA_ENV(10), 'environments/prod.yaml': KEDA_ENV(10) });
    commitFiles(dir, { 'environments/dev.yaml': KEDA_ENV(20), 'environments/prod.yaml': KEDA_ENV(20) }, 'raise');
    writeFiles(dir, { 'environments/prod.yaml': KEDA_ENV(30) });
    const fields = async (base: string | undefined, env?: string[]) =>
      (await diffWorkingTree({ base, env, environments: 'environments' }, dir)).environments.map((d) => [
        d.env,
        d.changes.flatMap((c) => c.fields.map((f) => `${String(f.before)}→${String(f.after)}`)),
      ]);
    expect(await fields(undefined)).toEqual([
      ['dev', []],
      ['prod', ['20→30']],
    ]);
    expect(await fields('HEAD~1')).toEqual([
      ['dev', ['10→20']],
      ['prod', ['10→30']],
    ]);
    expect(await fields('main~1', ['dev'])).toEqual([['dev', ['10→20']]]);
    await expect(fields('HEAD', ['qa'])).rejects.toThrow(/unknown environment "qa" \(known at HEAD or in the working tree: dev, prod\)/);
    await expect(fields('no-such-ref')).rejects.toThrow(InputError);
  });

  it('defaults to the merge-base with the upstream branch: the whole branch is reviewed, not only uncommitted edits', async () => {
    const origin = repoWith({ 'environments/dev.yaml': KEDA_ENV(10) });
    const dir = tempDir('eg-clone-');
    execFileSync('git', ['clone', '-q', origin, dir]);
    git(dir, 'config', 'user.email', 'test@example.com');
    git(dir, 'config', 'user.name', 'test');
    git(dir, 'checkout', '-q', '-b', 'feature', '--track', 'origin/main');
    commitFiles(dir, { 'environments/dev.yaml': KEDA_ENV(20) }, 'feature commit');
    commitFiles(origin, { 'environments/dev.yaml': KEDA_ENV(99) }, 'main moved on');
    git(dir, 'fetch', '-q');
    writeFiles(dir, { 'environments/dev.yaml': KEDA_ENV(30) });
    const { base, environments } = await diffWorkingTree({ environments: 'environments' }, dir);
    expect(base).toEqual({ ref: 'merge-base with origin/main', commit: git(dir, 'merge-base', 'HEAD', 'origin/main') });
    expect(environments[0]!.changes[0]!.fields).toEqual([{ path: '/spec/triggers/0/metadata/threshold', before: '10', after: '30' }]);
  });

  it("this repository's environments: no edit, no change; a deleted environment file, all its resources removed", async () => {
    const dir = repoWith({ 'README.md': 'fleet\n' });
    cpSync(join(REPO, 'environments'), join(dir, 'environments'), { recursive: true });
    git(dir, 'add', 'environments');
    git(dir, 'commit', '-q', '-m', 'environments of elastic-gitops');
    const unchanged = (await diffWorkingTree({ environments: 'environments' }, dir)).environments;
    const names = readdirSync(join(dir, 'environments'))
      .filter((f) => f.endsWith('.yaml') && f !== 'base.yaml')
      .map((f) => f.replace('.yaml', ''));
    expect(unchanged.map((d) => d.env)).toEqual(names.sort());
    expect(unchanged.flatMap((d) => d.changes)).toEqual([]);
    const prod = compile({ environmentsDir: join(dir, 'environments'), only: ['prod'] })[0]!;
    rmSync(join(dir, 'environments/prod.yaml'));
    const [removed] = (await diffWorkingTree({ environments: 'environments', env: ['prod'] }, dir)).environments;
    expect(removed).toMatchObject({ env: 'prod', status: 'removed', counts: { added: 0, changed: 0, removed: prod.docs.length } });
  });

  it('a base whose environments no longer compile is an input error naming the ref and the file', async () => {
    const dir = repoWith({ 'environments/dev.yaml': 'cluster: { name: c }\napps: [{ name: web, image: nginx, replicas: many }]\n' });
    writeFiles(dir, { 'environments/dev.yaml': KEDA_ENV(10) });
    let error: unknown;
    try {
      await diffWorkingTree({ environments: 'environments', base: 'HEAD' }, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^the environments at HEAD do not compile with this checkout's compiler/);
    expect((error as InputError).details.join('\n')).toContain('HEAD:environments/dev.yaml');
  });
});
