import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envDir, MINIMAL } from './support/env-dir.js';
import { REPO, snapshotTree } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

// The cdk8s-cli pinned in package-lock.json, loading the plugin the way `cdk8s synth` does.
const require = createRequire(import.meta.url);
const { ValidationContext } = require('cdk8s-cli/plugins');
// PluginManager is internal to cdk8s-cli (not in its exports): required by path, as `cdk8s synth` uses it.
const { PluginManager } = require(join(REPO, 'node_modules/cdk8s-cli/lib/plugins/_manager.js'));

function runPlugin(manifests: string[]) {
  const plugin = new PluginManager(tempDir('eg-plugins-')).load({
    pkg: join(REPO, 'build', 'cdk8s-plugin.cjs'),
    version: '0.1.0',
    class: 'ElasticGitopsValidation',
  });
  const context = new ValidationContext(manifests, 'elastic-gitops', '0.1.0', {}, true);
  return plugin.instance.validate(context).then(() => context.report.toJson());
}

describe('cdk8s-cli validation plugin', () => {
  it('reports schema, CEL and removed-API violations as cdk8s violations and fails the report', async () => {
    const report = await runPlugin([join(REPO, 'test/fixtures/validate/invalid.yaml')]);
    expect(report.summary.status).toBe('failure');
    const rules = report.violations.map((v: { recommendation: string }) => v.recommendation);
    expect(rules).toContain('unknown field "targetport"');
    expect(rules).toContain('label domain "karpenter.sh" is restricted');
    const cel = report.violations.find((v: { recommendation: string }) => v.recommendation.startsWith('label domain'));
    expect(cel.violatingConstructs[0]).toMatchObject({ resourceName: 'cel-violation', locations: ['/spec/template/spec/requirements/0/key'] });
  });

  it('passes the rendered example environments, ignoring kustomization.yaml', async () => {
    // every file of the environment, its argocd/ and karmada/ folders too (the Karmada API server's objects are checked
    // with the host's: the autoscalers there target Deployments that Karmada propagates)
    const dir = join(REPO, 'dist/prod');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    const report = await runPlugin(files.map((f) => join(dir, f)));
    expect(report.summary.status).toBe('success');
    expect(report.violations).toEqual([]);
  });
});

describe('the stock `cdk8s synth` with the committed cdk8s.yaml', () => {
  // a small project: the committed cdk8s.yaml, pointed at this checkout's bundle (built by the vitest globalSetup)
  const { root, dir } = envDir({ dev: MINIMAL });
  const config = readFileSync(join(REPO, 'cdk8s.yaml'), 'utf8')
    .replace('node scripts/build.mjs && node build/cli.js', `node ${join(REPO, 'build/cli.js')}`)
    .replace('./build/', `${join(REPO, 'build')}/`);
  writeFileSync(join(root, 'cdk8s.yaml'), config);
  const cdk8s = () =>
    spawnSync(join(REPO, 'node_modules/.bin/cdk8s'), ['synth', '--plugins-dir', join(root, '.plugins')], { cwd: root, encoding: 'utf8' });

  it('writes dist/ and runs the validation plugin on the copy in its own output folder', () => {
    const r = cdk8s();
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(Object.keys(snapshotTree(join(root, 'dist')))).toContain('dev/30-workloads.yaml');
    expect(snapshotTree(join(root, 'cdk8s.out'))).toEqual(snapshotTree(join(root, 'dist')));
    expect(r.stdout).toMatch(/build\/cdk8s-plugin\.cjs[\s\S]*Validations ended succesfully/);
  });

  it('fails on bad input and leaves dist/ byte-for-byte as it was (cdk8s-cli only empties cdk8s.out/)', () => {
    expect(existsSync(join(root, 'dist/dev'))).toBe(true);
    const before = snapshotTree(join(root, 'dist'));
    writeFileSync(join(dir, 'dev.yaml'), `${MINIMAL}    port: eighty\n`);
    const r = cdk8s();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/environments\/dev\.yaml:\d+:\d+ apps\[0\]\.port/);
    expect(snapshotTree(join(root, 'dist'))).toEqual(before);
  });
});
