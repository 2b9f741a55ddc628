// One grammar: `-o, --output <format>` is the output format of every command (JSON for all), `--out-dir` the output
// folder; the old spellings still work with one deprecation line on stderr; `--mirror` never swallows paths.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL } from './support/env-dir.js';
import { commitFiles, git, repoWith } from './support/git-repo.js';
import { mirrorDirs } from './support/mirror.js';
import { REPO, runCliAsync as runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

function project(): string {
  return repoWith({ 'environments/dev.yaml': MINIMAL });
}

const json = (text: string): unknown => JSON.parse(text);

describe('-o is the output format', () => {
  it('`synth -o json` prints a JSON summary and writes dist/, no ./json/ folder', async () => {
    const root = project();
    const r = await runCli(['synth', '-o', 'json'], root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(json(r.stdout)).toEqual({ environments: [expect.objectContaining({ env: 'dev', dir: 'dist/dev', state: 'written' })], removed: [] });
    expect(existsSync(join(root, 'json'))).toBe(false);
    expect(existsSync(join(root, 'dist', 'dev', 'kustomization.yaml'))).toBe(true);
  });

  it('an unknown format is a usage error (exit 2, one line)', async () => {
    const r = await runCli(['validate', '-o', 'xml', 'dist/'], REPO);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: --output ("xml") must be one of text, json, junit, tap, github\n');
  });

  it('every command has -o json', async () => {
    const root = project();
    const bare = tempDir('eg-deploy-');
    git(bare, 'init', '--quiet', '--bare', '-b', 'main');
    commitFiles(root, { 'environments/dev.yaml': `${MINIMAL}gitops:\n  repo: { url: "file://${bare}" }\n` }, 'deploy repo');
    const runs: [string, string[]][] = [
      ['synth', ['synth', '-o', 'json']],
      ['list', ['list', '-o', 'json']],
      ['render', ['render', 'dev', '-o', 'json']],
      ['plan', ['plan', '--env', 'dev', '-o', 'json']],
      ['validate', ['validate', 'dist/', '-o', 'json']],
      ['check', ['check', '-o', 'json']],
      ['diff', ['diff', '-o', 'json']],
      ['schemas sync', ['schemas', 'sync', '--offline', '-o', 'json']],
    ];
    const shapes: Record<string, (v: unknown) => void> = {
      synth: (v) => expect(v).toHaveProperty('environments'),
      list: (v) => expect(v).toEqual([expect.objectContaining({ name: 'dev', engine: 'argocd', cluster: 'test', apps: 1 })]),
      render: (v) => expect(v).toMatchObject({ apiVersion: 'v1', kind: 'List' }),
      plan: (v) => expect(v).toMatchObject({ env: 'dev', apps: [expect.objectContaining({ name: 'web' })] }),
      validate: (v) => expect(v).toMatchObject({ invalid: 0 }),
      check: (v) => expect(v).toEqual({ upToDate: true, stale: [], needsCare: [] }),
      diff: (v) => expect(v).toHaveProperty('environments'),
      'schemas sync': (v) => expect(v).toHaveProperty('sources'),
    };
    for (const [name, args] of runs) {
      const r = await runCli(args, root);
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      shapes[name]!(json(r.stdout));
    }
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'render');
    const published = await runCli(['publish', '-o', 'json'], root);
    expect(published.status, published.stderr).toBe(0);
    expect(json(published.stdout)).toMatchObject({ repo: `file://${bare}`, branch: 'main', environments: ['dev'], committed: true, attempts: 1 });
    const init = await runCli(['init', join(tempDir('eg-init-'), 'platform'), '-o', 'json'], root);
    expect(json(init.stdout)).toMatchObject({ created: expect.arrayContaining(['package.json']) });
  });
});

describe('the old spellings, with one deprecation line each', () => {
  it('`synth -o <dir>` (a value that is no format) still names the output folder', async () => {
    const root = project();
    const r = await runCli(['synth', '-o', 'rendered', '--no-validate'], root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('warning: -o rendered names an output folder: -o is now the output format (text, json); use --out-dir rendered\n');
    expect(readdirSync(join(root, 'rendered'))).toEqual(['dev']);
  });

  it('`--out <dir>` is --out-dir; `--format`/`-f` is --output', async () => {
    const root = project();
    const out = await runCli(['synth', '--out', 'rendered', '--no-validate'], root);
    expect(out.stderr).toBe('warning: --out is deprecated: use --out-dir\n');
    expect(existsSync(join(root, 'rendered', 'dev'))).toBe(true);
    const check = await runCli(['check', '--out', 'rendered'], root);
    expect(check.status, check.stderr).toBe(0);
    const plan = await runCli(['plan', '--env', 'dev', '-f', 'markdown'], root);
    expect(plan.stderr).toBe('warning: --format is deprecated: use --output (-o)\n');
    expect(plan.stdout).toMatch(/^# Capacity plan: dev/);
    const diff = await runCli(['diff', '--format', 'json'], root);
    expect(diff.stderr).toBe('warning: --format is deprecated: use --output (-o)\n');
    expect(json(diff.stdout)).toHaveProperty('base');
  });
});

describe('--mirror is repeatable, not variadic', () => {
  it('a path after --mirror <dir> is validated, not taken for a mirror', async () => {
    const [mirror] = mirrorDirs();
    const r = await runCli(['validate', '--mirror', mirror!, '--mirror', mirror!, 'dist/dev/30-workloads.yaml'], REPO);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Summary: \d+ resources found in \d+ files? - Valid: \d+, Invalid: 0,/m);
  });
});
