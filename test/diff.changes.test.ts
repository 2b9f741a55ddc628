import { rmSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffAgainst } from '../src/diff/diff-command.js';
import { commitFiles, repoState, repoWith, writeFiles } from './support/git-repo.js';
import { runCli } from './support/run-cli.js';

const ENV = (threshold: number, extraApp = '') => `cluster: { name: c }
apps:
  - name: web
    image: nginx:1.27
    resources: { requests: { cpu: 100m } }
    env:
      API_TOKEN: { secretKeyRef: { name: api, key: token } }
    autoscaling:
      engine: keda
      maxReplicas: 5
      triggers:
        - type: prometheus
          serverAddress: http://prometheus:9090
          query: sum(rate(http_requests_total[1m]))
          threshold: ${threshold}
${extraApp}`;

const inRepo = <T>(dir: string, f: () => T): T => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return f();
  } finally {
    process.chdir(cwd);
  }
};

describe('diff: resource by resource, against a git base', () => {
  it('shows a changed threshold as the changed field with old → new and a unified diff', () => {
    const dir = repoWith({ 'environments/dev.yaml': ENV(10) });
    writeFiles(dir, { 'environments/dev.yaml': ENV(25) });
    const [dev] = inRepo(dir, () => diffAgainst('HEAD', { environments: 'environments' }));
    expect(dev!.changes.map((c) => [c.change, c.id])).toEqual([['changed', 'keda.sh/ScaledObject web/web']]);
    expect(dev!.changes[0]!.fields).toEqual([{ path: '/spec/triggers/0/metadata/threshold', before: '10', after: '25' }]);
    expect(dev!.changes[0]!.patch).toContain('-        threshold: "10"\n+        threshold: "25"');
  });

  it('shows an added app as added resources', () => {
    const dir = repoWith({ 'environments/dev.yaml': ENV(10) });
    writeFiles(dir, { 'environments/dev.yaml': ENV(10, '  - { name: api, image: api:1 }\n') });
    const [dev] = inRepo(dir, () => diffAgainst('HEAD', { environments: 'environments' }));
    expect(dev!.changes.filter((c) => c.change === 'added').map((c) => c.id)).toEqual([
      'apps/Deployment api/api',
      'core/Namespace api',
      'core/Service api/api',
      'policy/PodDisruptionBudget api/api',
    ]);
  });

  it('shows a removed environment with all its resources removed', () => {
    const dir = repoWith({ 'environments/dev.yaml': ENV(10), 'environments/old.yaml': ENV(10) });
    rmSync(join(dir, 'environments/old.yaml'));
    const diffs = inRepo(dir, () => diffAgainst('HEAD', { environments: 'environments' }));
    const old = diffs.find((d) => d.env === 'old')!;
    expect(old.status).toBe('removed');
    expect(old.changes.every((c) => c.change === 'removed')).toBe(true);
    expect(diffs.find((d) => d.env === 'dev')!.changes).toEqual([]);
  });

  it('shows a renamed resource as a removal and an addition', () => {
    const dir = repoWith({ 'environments/dev.yaml': ENV(10) });
    writeFiles(dir, { 'environments/dev.yaml': ENV(10).replace('name: web', 'name: www') });
    const [dev] = inRepo(dir, () => diffAgainst('HEAD', { environments: 'environments' }));
    expect(dev!.changes.filter((c) => c.id.endsWith('ScaledObject web/web') || c.id.endsWith('ScaledObject www/www')).map((c) => [c.change, c.id])).toEqual([
      ['removed', 'keda.sh/ScaledObject web/web'],
      ['added', 'keda.sh/ScaledObject www/www'],
    ]);
  });

  it('masks credential-looking values and Secret data', async () => {
    const { masked } = await import('../src/diff/mask.js');
    expect(masked({ kind: 'Secret', data: { password: 'aHVudGVyMg==' } })).toEqual({ kind: 'Secret', data: { password: '***' } });
    expect(masked({ kind: 'ConfigMap', data: { apiToken: 'abc', url: 'http://x' } })).toEqual({ kind: 'ConfigMap', data: { apiToken: '***', url: 'http://x' } });
    expect(masked({ env: [{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }] })).toEqual({
      env: [{ name: 'DB_PASSWORD', value: '***' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }],
    });
  });

  it('compares with the default base (HEAD without an upstream) and leaves working tree, index and HEAD untouched', () => {
    const dir = repoWith({ 'environments/dev.yaml': ENV(10), 'README.md': 'x\n' });
    commitFiles(dir, { 'environments/dev.yaml': ENV(12) }, 'raise');
    writeFiles(dir, { 'environments/dev.yaml': ENV(30), 'notes.txt': 'untracked\n' });
    renameSync(join(dir, 'README.md'), join(dir, 'README.txt'));
    const before = repoState(dir);
    const r = runCli(['diff'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('/spec/triggers/0/metadata/threshold: "12" → "30"');
    expect(repoState(dir)).toEqual(before);
  });
});
