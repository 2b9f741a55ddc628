// `elastic-gitops init [dir]` scaffolds a platform repository that installs (offline: the dependency is a `file:`
// link to this installation) and renders with `npm run synth`; it never overwrites a file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO, runCliAsync as runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const SCAFFOLD = [
  '.github/workflows/pr.yml',
  '.gitignore',
  'README.md',
  'cdk8s.yaml',
  'environments/base.yaml',
  'environments/dev.yaml',
  'package.json',
];

describe('init', () => {
  it('scaffolds the files of a platform repository into a new folder', async () => {
    const dir = join(tempDir('eg-init-'), 'acme-platform');
    const r = await runCli(['init', dir], REPO);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`created ${join(dir, 'package.json')}`);
    expect(r.stdout).toContain(`next: cd ${dir} && npm install && npm run synth`);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      dependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.name).toBe('acme-platform');
    expect(pkg.dependencies).toEqual({ 'elastic-gitops': `file:${REPO}` });
    expect(pkg.scripts.synth).toBe('elastic-gitops synth');
    for (const env of ['base', 'dev']) {
      expect(readFileSync(join(dir, 'environments', `${env}.yaml`), 'utf8').split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../node_modules/elastic-gitops/environments/schema.json',
      );
    }
    // the project's own PR workflow, without its test step
    const workflow = parse(readFileSync(join(dir, '.github/workflows/pr.yml'), 'utf8')) as {
      jobs: { review: { steps: { name?: string; run?: string }[] } };
    };
    const runs = workflow.jobs.review.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npx elastic-gitops diff --base');
    expect(runs).toContain('npx elastic-gitops check');
    expect(runs).not.toContain('npm test');
  });

  it('`npm install --offline && npm run synth` works there and writes its dist/dev/', async () => {
    const dir = tempDir('eg-init-');
    expect((await runCli(['init', dir, '-o', 'json'], REPO)).status).toBe(0);
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'pipe' });
    const synth = execFileSync('npm', ['run', '--silent', 'synth'], { cwd: dir, encoding: 'utf8' });
    expect(synth).toMatch(/^dist\/dev\/: \d+ files, \d+ objects \(written\)\n$/);
    expect(readdirSync(join(dir, 'dist', 'dev'))).toEqual(expect.arrayContaining(['30-workloads.yaml', 'kustomization.yaml', 'argocd']));
    const check = await runCli(['check'], join(dir, 'environments'));
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('refuses to overwrite an existing file (exit 2) and writes nothing', async () => {
    const dir = tempDir('eg-init-');
    writeFileSync(join(dir, 'README.md'), '# ours\n');
    const r = await runCli(['init'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: init refuses to overwrite README.md: choose an empty folder (nothing was written)\n');
    expect(readdirSync(dir)).toEqual(['README.md']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# ours\n');
    expect(SCAFFOLD.filter((f) => existsSync(join(dir, f)))).toEqual(['README.md']);
  });
});
