// check: the output folder against a fresh synth, as CI runs it after checkout.
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleFiles } from '../src/check/check-command.js';
import { envDir, MINIMAL } from './support/env-dir.js';
import { runCli } from './support/run-cli.js';

describe('check: committed output against a fresh synth', () => {
  it('passes right after synth', () => {
    const { root } = envDir({ dev: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    const r = runCli(['check'], root);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('dist/ is up to date with environments/\n');
  });

  it('fails (exit 1) listing forgotten synths, hand edits, missing and extra files, and removed environments', () => {
    const { root, dir } = envDir({ dev: MINIMAL, prod: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    appendFileSync(join(root, 'dist/dev/00-namespaces.yaml'), '# hand edit\n');
    rmSync(join(root, 'dist/prod/kustomization.yaml'));
    writeFileSync(join(root, 'dist/prod/extra.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'dev.yaml'), MINIMAL.replace('port: 80', 'port: 81'));
    mkdirSync(join(root, 'dist/gone'));
    writeFileSync(join(root, 'dist/gone/kustomization.yaml'), 'resources: []\n');
    const r = runCli(['check'], root);
    expect(r.status).toBe(1);
    const namespaces = readFileSync(join(root, 'dist/dev/00-namespaces.yaml'), 'utf8').split('\n').length;
    expect(r.stdout.replace(/30-workloads\.yaml:\d+/, '30-workloads.yaml:N')).toBe(
      [
        `changed dist/dev/00-namespaces.yaml:${namespaces - 1}`,
        'changed dist/dev/30-workloads.yaml:N',
        'extra   dist/gone',
        'extra   dist/prod/extra.yaml',
        'missing dist/prod/kustomization.yaml',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toContain('5 files in dist/ differ from a fresh synth: run `npm run synth` and commit the result');
  });

  it('points at the first line that differs in a hand-edited file', () => {
    const { root } = envDir({ dev: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    const file = join(root, 'dist/dev/30-workloads.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('replicas:'));
    lines[at] = lines[at]!.replace(/replicas: \d+/, 'replicas: 7');
    writeFileSync(file, lines.join('\n'));
    const cwd = process.cwd();
    process.chdir(root); // the header of each file names the environment file relative to where synth ran
    try {
      expect(staleFiles({ environments: 'environments', outDir: 'dist' })).toEqual([
        { path: 'dist/dev/30-workloads.yaml', state: 'changed', line: at + 1 },
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('an output folder never synthesized has every file missing', () => {
    const { root, dir } = envDir({ dev: MINIMAL });
    const stale = staleFiles({ environments: dir, outDir: join(root, 'dist') });
    expect(stale.length).toBeGreaterThan(2);
    expect(stale.every((s) => s.state === 'missing' && s.path.startsWith(join(root, 'dist/dev/')))).toBe(true);
    expect(stale.map((s) => s.path)).toContain(join(root, 'dist/dev/kustomization.yaml'));
  });

  it('names the destructive and immutable changes among the differences: what publishing a fresh synth would do', () => {
    const api = '  - { name: api, image: api:1 }\n';
    const env = (value: number, more = '') => `${MINIMAL}${more}priorityClasses: [{ name: high, value: ${value} }]\n`;
    const { root, dir } = envDir({ dev: env(1000, api) });
    expect(runCli(['synth'], root).status).toBe(0);
    writeFileSync(join(dir, 'dev.yaml'), env(2000));
    const r = runCli(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stdout.slice(r.stdout.indexOf('\nNeeds care')).split('\n')).toEqual([
      '',
      'Needs care (what a fresh synth changes against dist/):',
      '  destructive dev: removed core/Namespace api: deleting a Namespace deletes every object in it (and with Argo CD prune or Flux garbage collection, that is what the sync does)',
      '  immutable dev: changed scheduling.k8s.io/PriorityClass high: kubectl apply will fail: value is immutable (ValidatePriorityClassUpdate (pkg/apis/scheduling/validation))',
      '',
    ]);
  });
});
