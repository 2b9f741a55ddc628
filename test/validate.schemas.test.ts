import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../src/validate/index.js';
import { readManifests } from '../src/validate/read-manifests.js';
import { compile } from '../src/synth/compile.js';
import { REPO, runCli } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';

const MIRRORS = mirrorDirs();
const fixture = (name: string) => join(REPO, 'test/fixtures/validate', name);

describe('validate: against the pinned upstream schemas', () => {
  it('accepts upstream-style manifests with no false alarms', async () => {
    const report = await validateManifests(readManifests([fixture('valid.yaml')]), { mirrors: MIRRORS });
    expect(report.problems).toEqual([]);
    expect(report.notEvaluated).toEqual([]);
    expect(report).toMatchObject({ resources: 27, valid: 27, invalid: 0, skipped: 0 });
  });

  it('accepts everything the example environments render', async () => {
    const docs = compile({ environmentsDir: join(REPO, 'environments') }).flatMap((e) => e.docs);
    const report = await validateManifests(docs, { mirrors: MIRRORS });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.notEvaluated).toEqual([]);
    expect(report.valid).toBe(docs.length);
  });

  it('reports each broken manifest with its path and message', async () => {
    const report = await validateManifests(readManifests([fixture('invalid.yaml')]), { mirrors: MIRRORS });
    const schemaProblems = report.problems.filter((p) => p.rule === undefined);
    const lines = schemaProblems.map((p) => `${p.kind} ${p.name} ${p.path} ${p.message}`);
    expect(lines).toEqual([
      'Deployment wrong-type /spec/replicas must be integer',
      'Service unknown-field /spec/ports/0/targetport unknown field "targetport"',
      'ScaledObject missing-required /spec/scaleTargetRef missing required field "scaleTargetRef"',
      'NodePool enum-violation /spec/template/spec/requirements/0/operator must be one of "Gte", "Lte", "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"',
      'NodePool cel-violation /spec/template/spec/requirements/0/key label domain "karpenter.sh" is restricted',
      'HorizontalPodAutoscaler removed-api /apiVersion autoscaling/v2beta1 HorizontalPodAutoscaler was removed in Kubernetes 1.25 (validating for 1.35): use autoscaling/v2',
      'Pod bad-quantity /spec/containers/0/resources/requests/cpu does not match any allowed form (e.g. an int-or-string or a quantity)',
      'PrometheusRule pattern-violation /spec/groups/0/partial_response_strategy must match pattern "^(?i)(abort|warn)?$"',
      'RequestAuthentication cel-url-violation /spec/jwtRules/0/jwks_uri url must have scheme http:// or https://',
      "NodePool cel-evaluation-error /spec/template/spec/requirements requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value: int() type error: cannot convert to int",
      'PodDisruptionBudget removed-pdb /apiVersion policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25 (validating for 1.35): use policy/v1',
      'HelmRelease unknown-field-beside-free-form /spec/chart/spec/versoin unknown field "versoin"',
      'PrometheusRule duplicate-map-key /spec/groups/1 Duplicate value: {"name":"availability"}',
      'NodePool duplicate-set-item /spec/disruption/budgets/0/reasons/2 Duplicate value (same as item 0)',
    ]);
    // the line of the field named (a missing one: its parent's), not of the document
    expect(schemaProblems.map((p) => p.line)).toEqual([7, 25, 31, 46, 58, 63, 79, 89, 102, 111, 117, 135, 148, 160]);
    expect(report).toMatchObject({ resources: 14, valid: 0, invalid: 14 });
  });

  it('checks metadata as ObjectMeta even where a CRD lists only spec', async () => {
    const docs = [
      { object: { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'g', labells: {} }, spec: {} }, file: 'x.yaml', line: 1 },
    ];
    const report = await validateManifests(docs, { mirrors: MIRRORS });
    expect(report.problems.map((p) => `${p.path} ${p.message}`)).toEqual(['/metadata/labells unknown field "labells"']);
  });

  it('fails a kind with no schema unless told to skip it', async () => {
    const docs = [{ object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }, file: 'w.yaml', line: 1 }];
    const strict = await validateManifests(docs, { mirrors: MIRRORS });
    expect(strict.problems[0]!.message).toMatch(/^no schema for example\.com\/v1 Widget/);
    const lenient = await validateManifests(docs, { mirrors: MIRRORS, ignoreMissingSchemas: true });
    expect(lenient).toMatchObject({ resources: 1, valid: 0, invalid: 0, skipped: 1, problems: [] });
  });

  it('names the served versions when a known kind comes in an unknown version', async () => {
    const docs = [{ object: { apiVersion: 'karpenter.sh/v2', kind: 'NodePool', metadata: { name: 'p' } }, file: 'p.yaml', line: 1 }];
    const report = await validateManifests(docs, { mirrors: MIRRORS });
    expect(report.problems[0]!.message).toBe(
      'NodePool is not served as karpenter.sh/v2 on Kubernetes 1.35; the pinned schemas serve karpenter.sh/v1',
    );
  });
});

describe('validate: the command', () => {
  it('prints one line per problem and a summary, exit 1 when invalid', () => {
    const r = runCli(['validate', fixture('invalid.yaml')], REPO);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'test/fixtures/validate/invalid.yaml:25  Service unknown-field  /spec/ports/0/targetport  unknown field "targetport"\n',
    );
    expect(r.stdout).toMatch(/\nSummary: 14 resources found in 1 file - Valid: 0, Invalid: 12, Errors: 2, Skipped: 0\n$/);
  });

  it('reads stdin with -', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'build', 'cli.js'), 'validate', '-'], {
      cwd: REPO,
      encoding: 'utf8',
      input: readFileSync(fixture('valid.yaml'), 'utf8'),
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Summary: 27 resources found parsing stdin - Valid: 27, Invalid: 0, Errors: 0, Skipped: 0\n');
  });

  it('exits 0 on valid input and gives JSON with --output json', () => {
    const r = runCli(['validate', '-o', 'json', fixture('valid.yaml')], REPO);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ resources: 27, valid: 27, invalid: 0 });
  });

  it('exits 2 on unreadable input', () => {
    const r = runCli(['validate', 'no/such/dir'], REPO);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no/such/dir: no such file or directory');
  });
});
