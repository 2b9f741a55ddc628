// Every command works from any folder of the project: the root is found by walking up to cdk8s.yaml or package.json
// (as git finds .git); paths the user gives are relative to the current folder.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL } from './support/env-dir.js';
import { repoWith, writeFiles } from './support/git-repo.js';
import { runCliAsync as runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

/** A project: package.json at the root, two environments. */
function project(): string {
  return repoWith({
    'package.json': '{ "name": "platform", "private": true }\n',
    'environments/dev.yaml': MINIMAL,
    'environments/prod.yaml': MINIMAL.replace('name: test', 'name: test-prod'),
  });
}

describe('the project root', () => {
  it("`synth --environments .` inside environments/ writes the root's dist/, never environments/dist/", async () => {
    const root = project();
    const r = await runCli(['synth', '--environments', '.', '--no-validate'], join(root, 'environments'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('../dist/dev/: ');
    expect(existsSync(join(root, 'environments', 'dist'))).toBe(false);
    expect(existsSync(join(root, 'dist', 'dev', 'kustomization.yaml'))).toBe(true);
  });

  it('commands without paths run the same from a nested folder as from the root', async () => {
    const root = project();
    expect((await runCli(['synth', '--no-validate'], root)).status).toBe(0);
    const nested = join(root, 'dist', 'dev');
    const check = await runCli(['check'], nested);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toBe('../ is up to date with ../../environments/\n'); // dist/ seen from dist/dev/
    const list = await runCli(['list', '-o', 'json'], nested);
    expect(JSON.parse(list.stdout).map((e: { name: string }) => e.name)).toEqual(['dev', 'prod']);
    const render = await runCli(['render', 'dev', '--no-validate'], join(root, 'environments'));
    expect(render.status, render.stderr).toBe(0);
    expect(render.stdout).toContain('kind: Deployment');
  });

  it('cdk8s.yaml marks the root over a package.json further down', async () => {
    const root = project();
    writeFiles(root, { 'cdk8s.yaml': 'app: npx elastic-gitops synth\n', 'tools/package.json': '{}\n' });
    mkdirSync(join(root, 'tools', 'bin'));
    const r = await runCli(['list'], join(root, 'tools', 'bin'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^dev +none +test +1 +\.\.\/\.\.\/environments\/dev\.yaml$/m);
  });

  it('paths the user gives are relative to the current folder', async () => {
    const root = project();
    const r = await runCli(['synth', '--environments', '.', '--out-dir', 'out', '--no-validate'], join(root, 'environments'));
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(root, 'environments', 'out', 'dev', 'kustomization.yaml'))).toBe(true);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('diff from inside environments/ renders the whole project', async () => {
    const root = project();
    writeFiles(root, { 'environments/dev.yaml': MINIMAL.replace('nginx:1.27', 'nginx:1.28') });
    const r = await runCli(['diff', '-o', 'json'], join(root, 'environments'));
    expect(r.status, r.stderr).toBe(0);
    const diff = JSON.parse(r.stdout) as { environments: { env: string; changes: unknown[] }[] };
    expect(diff.environments.filter((e) => e.changes.length > 0).map((e) => e.env)).toEqual(['dev']);
  });

  it('outside any project the current folder is the root', async () => {
    const empty = tempDir('eg-empty-');
    const r = await runCli(['list'], empty);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: .*environments/);
  });

  it('a filesystem failure is one `error:` line and exit 2, never a trace', async () => {
    const root = project();
    writeFiles(root, { taken: 'a file\n' });
    const r = await runCli(['synth', '--out-dir', 'taken', '--no-validate'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: cannot mkdir taken: file already exists\n');
    const list = await runCli(['list', '--environments', 'taken'], root);
    expect(list.stderr).toBe('error: cannot scandir taken: not a directory\n');
  });
});
