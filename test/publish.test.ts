import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFiles, git, repoWith } from './support/git-repo.js';
import { REPO, runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const ENV = (name: string, bare: string) => `cluster: { name: ${name} }
apps:
  - { name: web, image: nginx }
gitops:
  engine: argocd
  repo: { url: "file://${bare}", branch: main }
`;

/** A bare deploy repo and a source repo whose dist/ is rendered and committed. */
function setUp(): { bare: string; source: string } {
  const bare = tempDir('eg-deploy-');
  git(bare, 'init', '--quiet', '--bare', '-b', 'main');
  // a force-push would fail here rather than pass unnoticed
  git(bare, 'config', 'receive.denyNonFastForwards', 'true');
  const source = repoWith({ 'environments/dev.yaml': ENV('dev', bare), 'environments/prod.yaml': ENV('prod', bare) });
  expect(runCli(['synth'], source).status).toBe(0);
  git(source, 'add', '-A');
  git(source, 'commit', '-q', '-m', 'render');
  return { bare, source };
}

const files = (bare: string) => git(bare, 'ls-tree', '-r', '--name-only', 'main').split('\n');

describe('publish: rendered output to the deploy repository', () => {
  it('commits dist/<env>/ naming the source commit and environments; nothing when nothing changed', () => {
    const { bare, source } = setUp();
    const r = runCli(['publish'], source);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^published dev, prod as [0-9a-f]{40} \(1 attempt\)\n$/);
    expect(files(bare)).toEqual(
      expect.arrayContaining(['dist/dev/30-workloads.yaml', 'dist/dev/kustomization.yaml', 'dist/prod/argocd/01-gitops.yaml']),
    );
    const message = git(bare, 'log', '-1', '--format=%B', 'main');
    expect(message).toContain(`Source commit: ${git(source, 'rev-parse', 'HEAD')}`);
    expect(message).toContain('Environments: dev, prod');
    const again = runCli(['publish'], source);
    expect(again.stdout).toBe('nothing to publish: the deploy repo already has this output\n');
    expect(git(bare, 'rev-list', '--count', 'main')).toBe('1');
  });

  it('takes --repo as a path relative to where it runs, as git does (it clones from a temporary folder)', () => {
    const { bare, source } = setUp();
    const r = runCli(['publish', '--repo', relative(source, bare)], source);
    expect(r.status, r.stderr).toBe(0);
    expect(files(bare)).toContain('dist/dev/30-workloads.yaml');
  });

  it('refuses a dirty working tree, with no side effect', () => {
    const { bare, source } = setUp();
    appendFileSync(join(source, 'environments/dev.yaml'), '# wip\n');
    const r = runCli(['publish'], source);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the working tree has uncommitted changes');
    expect(git(bare, 'branch', '--list')).toBe('');
  });

  it('refuses a stale dist/ (environment changed, synth forgotten), like check', () => {
    const { bare, source } = setUp();
    commitFiles(source, { 'environments/dev.yaml': ENV('dev', bare).replace('image: nginx', 'image: nginx:1.27') }, 'bump');
    const r = runCli(['publish'], source);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('dist/ is stale');
    expect(r.stdout).toContain('changed dist/dev/30-workloads.yaml');
  });

  it('refuses a deploy path that leaves the repository, and an unknown --env', () => {
    const { bare, source } = setUp();
    commitFiles(source, { 'environments/dev.yaml': ENV('dev', bare).replace('branch: main', 'branch: main, path: ../../outside') }, 'escape');
    const r = runCli(['publish'], source);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('gitops.repo.path: must be a relative folder inside the deploy repo');
    const typo = runCli(['publish', '--env', 'dve'], setUp().source);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown environment "dve" (known: dev, prod)');
  });

  it("refuses an environment without gitops.repo instead of publishing it to another environment's repo", () => {
    const { bare, source } = setUp();
    commitFiles(source, { 'environments/lab.yaml': 'cluster: { name: lab }\napps:\n  - { name: web, image: nginx }\n' }, 'lab');
    expect(runCli(['synth'], source).status).toBe(0);
    git(source, 'add', '-A');
    git(source, 'commit', '-q', '-m', 'render lab');
    const r = runCli(['publish'], source);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('environments/lab.yaml: gitops.repo: not set (environment "lab")');
    expect(git(bare, 'branch', '--list')).toBe('');
    expect(runCli(['publish', '--env', 'dev'], source).status).toBe(0);
  });

  it('lands two racing publishes: the rejected one rebuilds on the new tip and retries, nothing is forced', async () => {
    const { bare, source } = setUp();
    // hold each push until both have arrived, so they race for certain
    const hook = join(bare, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      '#!/bin/sh\nd="$(dirname "$0")/../race"; mkdir -p "$d"; touch "$d/$$"\ni=0; while [ "$(ls "$d" | wc -l)" -lt 2 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n',
    );
    chmodSync(hook, 0o755);
    // and with no git identity configured anywhere: the fallback committer applies to every attempt
    const home = tempDir('eg-home-');
    const env = { ...process.env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: join(home, 'none') };
    const cli = join(REPO, 'build', 'cli.js');
    const run = (name: string) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        const p = spawn(process.execPath, [cli, 'publish', '--env', name], { cwd: source, env });
        let out = '';
        p.stdout.on('data', (d) => (out += d));
        p.stderr.on('data', (d) => (out += d));
        p.on('close', (code) => resolve({ code: code ?? -1, out }));
      });
    const results = await Promise.all([run('dev'), run('prod')]);
    expect(
      results.map((r) => r.code),
      results.map((r) => r.out).join('\n'),
    ).toEqual([0, 0]);
    expect(results.map((r) => r.out.match(/\((\d) attempts?\)/)?.[1]).sort()).toEqual(['1', '2']);
    expect(git(bare, 'rev-list', '--count', 'main')).toBe('2');
    expect(files(bare)).toEqual(expect.arrayContaining(['dist/dev/kustomization.yaml', 'dist/prod/kustomization.yaml']));
    expect(existsSync(join(source, 'dist/dev'))).toBe(true);
  });
});
