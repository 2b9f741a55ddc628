// diff output: markdown for a PR comment (summary table, collapsible sections, truncation), JSON for tools, text for a
// terminal, and exit codes.
import { beforeAll, describe, expect, it } from 'vitest';
import { diffWorkingTree, type DiffResult } from '../src/diff/diff-command.js';
import { formatMarkdown } from '../src/diff/format-markdown.js';
import { repoWith, writeFiles } from './support/git-repo.js';
import { runCli } from './support/run-cli.js';

const ENV = (replicas: number, apps = 1) =>
  `cluster: { name: c }\napps:\n${Array.from({ length: apps }, (_, i) => `  - { name: app-${i}, image: nginx, replicas: ${replicas} }\n`).join('')}`;

describe('diff: formats and exit codes', () => {
  // dev: replicas 1 → 2 on one app; prod unchanged; qa: new environment
  const dir = repoWith({ 'environments/dev.yaml': ENV(1), 'environments/prod.yaml': ENV(3) });
  writeFiles(dir, { 'environments/dev.yaml': ENV(2), 'environments/qa.yaml': ENV(1) });

  it('markdown: a summary table per environment, then one collapsible section per resource with fields and diff', () => {
    const r = runCli(['diff', '--output', 'markdown'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^### Rendered changes against `HEAD` \(`[0-9a-f]{12}`\)\n\n/);
    expect(r.stdout).toContain(
      [
        '| environment | added | changed | removed |',
        '|---|---:|---:|---:|',
        '| dev | 0 | 1 | 0 |',
        '| prod | 0 | 0 | 0 |',
        '| qa (environment added) | 4 | 0 | 0 |',
      ].join('\n'),
    );
    const dev = r.stdout.slice(r.stdout.indexOf('#### dev\n'), r.stdout.indexOf('#### qa'));
    expect(dev).toBe(
      [
        '#### dev',
        '',
        'app-0: replicas 1 → 2.',
        '',
        '<details><summary>changed <code>apps/Deployment app-0/app-0</code> in dev/30-workloads.yaml</summary>',
        '',
        '- `/spec/replicas`: `1` → `2`',
        '',
        '```diff',
        '--- a/dev/30-workloads.yaml',
        '+++ b/dev/30-workloads.yaml',
        ...dev.slice(dev.indexOf('@@'), dev.indexOf('-  replicas: 1')).trimEnd().split('\n'),
        '-  replicas: 1',
        '+  replicas: 2',
        ...dev
          .slice(dev.indexOf('+  replicas: 2') + 15, dev.indexOf('```\n\n</details>'))
          .trimEnd()
          .split('\n'),
        '```',
        '',
        '</details>',
        '',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toContain(
      '#### qa (environment added)\n\n+1 Deployment `app-0`; +1 Namespace `app-0`; +1 Service `app-0`; +1 PodDisruptionBudget `app-0`.\n\n<details><summary>added <code>apps/Deployment app-0/app-0</code> in qa/30-workloads.yaml</summary>\n\n```diff\n--- /dev/null\n',
    );
    expect(r.stdout).not.toContain('#### prod');
  });

  it('markdown without any change says so under the table', () => {
    const r = runCli(['diff', '--output', 'markdown', '--env', 'prod'], dir);
    expect(r.stdout).toMatch(/\| prod \| 0 \| 0 \| 0 \|\n\nNo rendered resource changes\.\n$/);
  });

  it('json: base, whether anything changed, and every environment with counts and changes', () => {
    const r = runCli(['diff', '--output', 'json'], dir);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['base', 'changed', 'risk', 'needsCare', 'environments']);
    expect(json.risk).toEqual({ worst: 'plain', counts: { destructive: 0, immutable: 0, disruptive: 0, plain: 5 } });
    expect(json.needsCare).toEqual([]);
    expect(json.base).toEqual({ ref: 'HEAD', commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(json.changed).toBe(true);
    expect(json.environments.map((e: { env: string; status: string; counts: object }) => [e.env, e.status, e.counts])).toEqual([
      ['dev', 'both', { added: 0, changed: 1, removed: 0 }],
      ['prod', 'both', { added: 0, changed: 0, removed: 0 }],
      ['qa', 'added', { added: 4, changed: 0, removed: 0 }],
    ]);
    expect(json.environments[0].changes).toEqual([
      {
        group: 'apps',
        kind: 'Deployment',
        namespace: 'app-0',
        name: 'app-0',
        id: 'apps/Deployment app-0/app-0',
        change: 'changed',
        risk: 'plain',
        reasons: [],
        file: 'dev/30-workloads.yaml',
        fields: [{ path: '/spec/replicas', before: 1, after: 2 }],
        patch: expect.stringContaining('\n-  replicas: 1\n+  replicas: 2\n'),
      },
    ]);
    expect(json.environments[0]).toMatchObject({
      risks: { destructive: 0, immutable: 0, disruptive: 0, plain: 1 },
      summary: 'app-0: replicas 1 → 2',
    });
    expect(json.environments[2].changes[0]).toMatchObject({ change: 'added', fields: [], patch: expect.stringMatching(/^--- \/dev\/null\n/) });
  });

  it('text: one line per resource, changed fields old → new, and the YAML diff', () => {
    const r = runCli(['diff', '--env', 'dev', 'prod'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Rendered changes against HEAD \([0-9a-f]{12}\)\n\ndev: 0 added, 1 changed, 0 removed\n  app-0: replicas 1 → 2\n  ~ apps\/Deployment app-0\/app-0  \(dev\/30-workloads\.yaml\)\n      \/spec\/replicas: 1 → 2\n      --- a\/dev\/30-workloads\.yaml\n/,
    );
    expect(r.stdout).toContain('      -  replicas: 1\n      +  replicas: 2\n');
    expect(r.stdout).toMatch(/\n\nprod: 0 added, 0 changed, 0 removed\n$/);
  });

  it('--exit-code: 1 with differences, 0 without; 2 for an unknown ref or environment', () => {
    const changed = runCli(['diff', '--exit-code'], dir);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain('5 rendered resources differ from HEAD');
    expect(runCli(['diff', '--exit-code', '--env', 'prod'], dir).status).toBe(0);
    expect(runCli(['diff'], dir).status).toBe(0);
    const ref = runCli(['diff', '--base', 'no-such-ref'], dir);
    expect(ref.status).toBe(2);
    expect(ref.stderr).toContain('unknown git ref "no-such-ref"');
    const env = runCli(['diff', '--env', 'staging'], dir);
    expect(env.status).toBe(2);
    expect(env.stderr).toContain('unknown environment "staging"');
  });
});

describe('diff: markdown of a large change stays readable', () => {
  let result: DiffResult;
  beforeAll(async () => {
    const dir = repoWith({ 'environments/dev.yaml': ENV(1, 20) });
    writeFiles(dir, { 'environments/dev.yaml': ENV(2, 20) });
    result = await diffWorkingTree({ environments: 'environments' }, dir);
  });
  const sections = (md: string) => md.match(/<details>/g)?.length ?? 0;

  it('past the resource limit, sections are counted instead of shown', () => {
    expect(result.environments[0]!.counts.changed).toBe(20);
    const md = formatMarkdown(result.environments, result.base, { maxResources: 5 });
    expect(sections(md)).toBe(5);
    expect(md).toContain('| dev | 0 | 20 | 0 |');
    expect(md).toMatch(/\n\n\*\*… 15 more changed resources not shown\*\* \(dev: 15\)\. Run `elastic-gitops diff` locally for all\.\n$/);
  });

  it('past the size limit, too (a GitHub comment holds at most 65,536 characters)', () => {
    const md = formatMarkdown(result.environments, result.base, { maxChars: 3000 });
    expect(md.length).toBeLessThanOrEqual(3000);
    expect(sections(md)).toBeGreaterThan(0);
    expect(md).toContain(`**… ${20 - sections(md)} more changed resources not shown** (dev: ${20 - sections(md)})`);
    expect(formatMarkdown(result.environments, result.base).length).toBeLessThanOrEqual(60_000);
  });

  it('a long resource diff is cut with a count of the lines left out', () => {
    const md = formatMarkdown(result.environments, result.base, { maxPatchLines: 4 });
    expect(md).toMatch(/```diff\n--- a\/dev\/30-workloads\.yaml\n\+\+\+ b\/dev\/30-workloads\.yaml\n@@ [^\n]+\n[^\n]+\n… \d+ more lines\n```/);
  });
});
