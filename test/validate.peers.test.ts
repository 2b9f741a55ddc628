// `validate` as a drop-in for kubeconform in CI: its flags (-skip, -reject, -ignore-filename-pattern), its summary
// line and output formats, and the input mistakes it reports as such (cmd/kubeconform, pkg/output, pkg/resource).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: default }\ndata: { a: b }\n`;
const BAD_SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: { name: web, namespace: default }\nspec:\n  ports: [{ port: 70000 }]\n';
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata: { name: token, namespace: default }\ntype: Opaque\n';

function folder(files: Record<string, string>): string {
  const dir = tempDir('eg-peers-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const stdin = (input: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(REPO, 'build', 'cli.js'), 'validate', ...args, '-'], { cwd: REPO, encoding: 'utf8', input });

describe('validate: kubeconform flags', () => {
  it('--skip leaves a kind unchecked and counts it skipped; by Kind or by apiVersion/Kind', () => {
    const dir = folder({ 'a.yaml': `${CM('one')}---\n${BAD_SERVICE}` });
    expect(runCli(['validate', dir], REPO).status).toBe(1);
    for (const skip of ['Service', 'v1/Service', 'Secret,Service']) {
      const r = runCli(['validate', '--skip', skip, dir], REPO);
      expect(r.status, r.stdout).toBe(0);
      expect(r.stdout).toBe('Summary: 2 resources found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 1\n');
    }
  });

  it('--skip leaves skipped objects visible to the cross-resource rules: a skipped Namespace still exists for the objects in it', () => {
    // dist/prod is delivered by Argo CD Applications: every namespaced object needs its Namespace in the set
    const all = runCli(['validate', 'dist/prod'], REPO);
    expect(all.status, all.stdout).toBe(0);
    const namespaces =
      Number(/Valid: (\d+)/.exec(all.stdout)![1]) -
      Number(/Valid: (\d+)/.exec(runCli(['validate', '--skip', 'Namespace', 'dist/prod'], REPO).stdout)![1]);
    expect(namespaces).toBeGreaterThan(0);
    const r = runCli(['validate', '--skip', 'Namespace', 'dist/prod'], REPO);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).not.toContain('needs Namespace');
    expect(r.stdout).toMatch(new RegExp(`Invalid: 0, Errors: 0, Skipped: ${namespaces}\n$`));
  });

  it('--skip: a skipped object is never the subject of a rule problem (its missing PriorityClass), its scale target still found', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      priorityClassName: missing
      containers: [{ name: web, image: nginx:1.27, resources: { requests: { cpu: 100m } } }]
`;
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: default }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 1
  maxReplicas: 3
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }]
`;
    const dir = folder({ 'a.yaml': `${deployment}---\n${hpa}` });
    const r = runCli(['validate', dir], REPO);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[priority-class-exists]');
    const skipped = runCli(['validate', '--skip', 'Deployment', dir], REPO);
    expect(skipped.status, skipped.stdout).toBe(0);
    expect(skipped.stdout).toBe('Summary: 2 resources found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 1\n');
  });

  it('--reject makes a kind an error wherever it is (an Error, not an Invalid, as kubeconform counts)', () => {
    const dir = folder({ 'a.yaml': `${CM('one')}---\n${SECRET}` });
    expect(runCli(['validate', dir], REPO).status).toBe(0);
    const r = runCli(['validate', '--reject', 'Secret', dir], REPO);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${join(dir, 'a.yaml')}:7  Secret default/token  /kind  prohibited resource kind Secret\n`);
    expect(r.stdout).toContain('Summary: 2 resources found in 1 file - Valid: 1, Invalid: 0, Errors: 1, Skipped: 0\n');
  });

  it('--ignore-filename-pattern (Go regexp, repeatable) leaves matching files unread', () => {
    const dir = folder({ 'ok.yaml': CM('one'), 'vendor/bad.yaml': BAD_SERVICE, 'bad.tmpl.yaml': BAD_SERVICE });
    expect(runCli(['validate', dir], REPO).status).toBe(1);
    const r = runCli(['validate', '--ignore-filename-pattern', 'vendor/', '--ignore-filename-pattern', '\\.tmpl\\.', dir], REPO);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toBe('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
    const bad = runCli(['validate', '--ignore-filename-pattern', '(', dir], REPO);
    expect(bad.status).toBe(2);
    expect(bad.stderr.split('\n')[0]).toMatch(/^error: --ignore-filename-pattern \("\("\) is not a Go regular expression/);
  });

  it('--warnings-as-errors; --strict still works, with a notice naming the new flag', () => {
    const dir = folder({ 'a.yaml': CM('one') });
    const r = runCli(['validate', '--strict', dir], REPO);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('--strict is deprecated: use --warnings-as-errors');
    expect(runCli(['validate', '--warnings-as-errors', dir], REPO).stderr).toBe('');
  });
});

describe('validate: output formats', () => {
  const dir = () =>
    folder({
      'a.yaml': `${CM('one')}---\n${BAD_SERVICE}`,
      'b.json': JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }),
    });

  it('reads .json manifests in a folder too', () => {
    const r = runCli(['validate', dir()], REPO);
    expect(r.stdout).toContain('Summary: 3 resources found in 2 files - Valid: 2, Invalid: 1, Errors: 0, Skipped: 0\n');
  });

  it('-o json matches the committed JSON Schema of the report, one status per object', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'src/validate/report.schema.json'), 'utf8'));
    const check = new Ajv({ allErrors: true }).compile(schema);
    const r = runCli(['validate', '-o', 'json', dir()], REPO);
    const report = JSON.parse(r.stdout);
    expect(check(report), JSON.stringify(check.errors)).toBe(true);
    expect(report.objects.map((o: { kind: string; status: string }) => `${o.kind} ${o.status}`)).toEqual([
      'ConfigMap valid',
      'Service invalid',
      'Namespace valid',
    ]);
    expect(check({ ...report, problems: [{ file: 'a' }] })).toBe(false);
  });

  it('-o github writes one workflow command per problem, with file, line and the rule as title', () => {
    const r = runCli(['validate', '-o', 'github', dir()], REPO);
    expect(r.status).toBe(1);
    const [line, ...rest] = r.stdout.trim().split('\n');
    expect(rest).toEqual([]);
    expect(line).toMatch(/^::error file=[^,]*a\.yaml,line=10,title=apiserver::Service default\/web \/spec\/ports\/0\/port: Invalid value: 70000/);
  });

  it('-o junit: a testsuite per file, a testcase per object, a failure for the invalid one', () => {
    const r = runCli(['validate', '-o', 'junit', dir()], REPO);
    expect(r.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="elastic-gitops" tests="3" failures="1" errors="0" skipped="0">/,
    );
    expect(r.stdout.match(/<testsuite /g)).toHaveLength(2);
    expect(r.stdout).toContain('<testcase name="ConfigMap default/one (line 1)" classname="v1"/>');
    expect(r.stdout).toMatch(
      /<testcase name="Service default\/web \(line 6\)" classname="v1">\n\s+<failure message="\/spec\/ports\/0\/port: Invalid value: 70000/,
    );
  });

  it('-o tap: one test point per object', () => {
    const r = runCli(['validate', '-o', 'tap', dir()], REPO);
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['TAP version 13', '1..3']);
    expect(lines.filter((l) => /^(not )?ok \d+ /.test(l)).map((l) => l.split(' - ')[0])).toEqual(['ok 1', 'not ok 2', 'ok 3']);
  });
});

describe('validate: input mistakes are errors of the input (exit 2, located, no stack trace)', () => {
  it('an alias without its anchor, or with the anchor in another document', () => {
    for (const text of [
      `${CM('one')}---\n${CM('two').replace('{ a: b }', '*missing')}`,
      `${CM('one').replace('{ a: b }', '&shared { a: b }')}---\n${CM('two').replace('{ a: b }', '*shared')}`,
    ]) {
      const r = stdin(text);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).not.toMatch(/internal error|    at /);
      expect(r.stderr).toMatch(/<stdin>:9:\d+ /);
    }
  });

  it('a duplicate key is reported for its document, and the other documents are still validated', () => {
    const r = stdin(`${CM('one').replace('{ a: b }', '{ a: b, a: c }')}---\n${BAD_SERVICE}`);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('<stdin>:4  ConfigMap default/one  /data/a  duplicate key "a"');
    expect(r.stdout).toContain('<stdin>:10  Service default/web  /spec/ports/0/port');
    expect(r.stdout).toContain('Summary: 2 resources found parsing stdin - Valid: 0, Invalid: 1, Errors: 1, Skipped: 0\n');
  });

  it('no resources: empty stdin, a folder without YAML or JSON', () => {
    const empty = stdin('');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('error: no resources found in <stdin>\n');
    const dir = folder({ 'notes.txt': 'hello' });
    const r = runCli(['validate', dir], REPO);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: no resources found: no .yaml, .yml or .json file in ${dir}\n`);
  });

  it('a file named or found that holds no document passes with 0 resources, as kubeconform passes a blank file', () => {
    const dir = folder({ 'blank.yaml': '', 'comment.yaml': '# nothing yet\n---\n' });
    const r = runCli(['validate', dir], REPO);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('Summary: 0 resource found in 2 files - Valid: 0, Invalid: 0, Errors: 0, Skipped: 0\n');
  });
});
