import { rmSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envDir, MINIMAL } from './support/env-dir.js';
import { runCli } from './support/run-cli.js';

describe('check: committed output against a fresh synth', () => {
  it('passes right after synth', () => {
    const { root } = envDir({ dev: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    const r = runCli(['check'], root);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('dist/ is up to date with environments/\n');
  });

  it('fails listing forgotten synths, hand edits, missing and extra files', () => {
    const { root, dir } = envDir({ dev: MINIMAL, prod: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    appendFileSync(join(root, 'dist/dev/30-workloads.yaml'), '# hand edit\n');
    rmSync(join(root, 'dist/prod/kustomization.yaml'));
    writeFileSync(join(root, 'dist/prod/extra.yaml'), 'a: 1\n');
    writeFileSync(join(dir, 'dev.yaml'), MINIMAL.replace('port: 80', 'port: 81'));
    mkdirSync(join(root, 'dist/gone'));
    writeFileSync(join(root, 'dist/gone/kustomization.yaml'), 'resources: []\n');
    const r = runCli(['check'], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      ['changed dist/dev/30-workloads.yaml', 'extra   dist/gone', 'extra   dist/prod/extra.yaml', 'missing dist/prod/kustomization.yaml', ''].join('\n'),
    );
    expect(r.stderr).toContain('run `npm run synth` and commit the result');
  });
});
