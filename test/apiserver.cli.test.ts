// `validate` refuses what the API server refuses: the seven mistakes users reported, end to end through the CLI, and no
// false alarm on anything the compiler renders (dist/, the examples gallery) or on the valid corpus.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { readManifests } from '../src/validate/read-manifests.js';
import { REPO, runCli } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';

const MIRRORS = mirrorDirs();
const FIXTURE = 'test/fixtures/validate/apiserver-mistakes.yaml';

describe('validate: the API server checks, end to end', () => {
  it('fails the seven reported mistakes (exit 1), each at its field path and line', () => {
    const r = runCli(['validate', FIXTURE], REPO);
    expect(r.status).toBe(1);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => l.includes('[apiserver]'))
        .map((l) => l.replace(/ \(e\.g\. .*\)/, '')),
    ).toEqual([
      `${FIXTURE}:12  Deployment shop/selector-mismatch  /spec/template/metadata/labels  Invalid value: {"app":"checkout"}: \`selector\` does not match template \`labels\` [apiserver]`,
      `${FIXTURE}:34  Deployment shop/long-port-name  /spec/template/spec/containers/0/ports/0/name  Invalid value: "metrics-endpoint-http": must be no more than 15 characters [apiserver]`,
      `${FIXTURE}:53  Deployment shop/requests-above-limits  /spec/template/spec/containers/0/resources/requests/cpu  Invalid value: "2": must be less than or equal to cpu limit of 500m [apiserver]`,
      `${FIXTURE}:64  Service shop/unnamed-ports  /spec/ports/0/name  Required value [apiserver]`,
      `${FIXTURE}:66  Service shop/unnamed-ports  /spec/ports/1/name  Required value [apiserver]`,
      `${FIXTURE}:74  ConfigMap shop/label-value-dash  /metadata/labels  Invalid value: "payments-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character [apiserver]`,
      `${FIXTURE}:86  Pod shop/no-image  /spec/containers/0/image  Required value [apiserver]`,
      `${FIXTURE}:97  Service shop/port-out-of-range  /spec/ports/0/port  Invalid value: 70000: must be between 1 and 65535, inclusive [apiserver]`,
    ]);
    expect(r.stdout).toMatch(/\nSummary: 7 resources found in 1 file - Valid: 0, Invalid: 7, Errors: 0, Skipped: 0\n$/);
  });

  it('gives the problems as JSON with rule "apiserver"', () => {
    const r = runCli(['validate', '-o', 'json', FIXTURE], REPO);
    const report = JSON.parse(r.stdout) as { problems: { rule: string; severity: string }[] };
    expect(report.problems.length).toBe(8);
    expect(report.problems.every((p) => p.rule === 'apiserver' && p.severity === 'error')).toBe(true);
  });

  it('finds nothing in the committed dist/ (every environment, argocd/ included)', () => {
    const r = runCli(['validate', 'dist/'], REPO);
    expect(r.stdout).not.toContain('[apiserver]');
    expect(r.status).toBe(0);
  });

  it('finds nothing in what the examples gallery and the environments render, nor in the valid corpus', async () => {
    for (const dir of ['examples', 'environments']) {
      const docs = compile({ environmentsDir: join(REPO, dir) }).flatMap((e) => e.docs);
      const report = await validateManifests(docs, { mirrors: MIRRORS });
      expect(
        report.problems.filter((p) => p.rule === 'apiserver'),
        dir,
      ).toEqual([]);
    }
    const corpus = await validateManifests(readManifests([join(REPO, 'test/fixtures/validate/valid.yaml')]), { mirrors: MIRRORS });
    expect(corpus.problems).toEqual([]);
  });
});
