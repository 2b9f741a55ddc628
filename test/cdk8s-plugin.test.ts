import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/run-cli.js';

// The cdk8s-cli pinned in package-lock.json, loading the plugin the way `cdk8s synth` does.
const require = createRequire(import.meta.url);
const { ValidationContext } = require('cdk8s-cli/plugins');
// PluginManager is internal to cdk8s-cli (not in its exports): required by path, as `cdk8s synth` uses it.
const { PluginManager } = require(join(REPO, 'node_modules/cdk8s-cli/lib/plugins/_manager.js'));

function runPlugin(manifests: string[]) {
  const plugin = new PluginManager(mkdtempSync(join(tmpdir(), 'eg-plugins-'))).load({
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
    const dir = join(REPO, 'dist/prod');
    const report = await runPlugin(readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => join(dir, f)));
    expect(report.summary.status).toBe('success');
    expect(report.violations).toEqual([]);
  });
});
