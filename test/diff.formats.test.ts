import { describe, expect, it } from 'vitest';
import { formatMarkdown, MARKDOWN_RESOURCE_LIMIT } from '../src/diff/format-diff.js';
import type { EnvironmentDiff } from '../src/diff/resource-diff.js';
import { repoWith, writeFiles } from './support/git-repo.js';
import { runCli } from './support/run-cli.js';

const ENV = (replicas: number) => `cluster: { name: c }\napps:\n  - { name: web, image: nginx, replicas: ${replicas} }\n`;

describe('diff: output formats and exit codes', () => {
  const dir = repoWith({ 'environments/dev.yaml': ENV(1), 'environments/prod.yaml': ENV(3) });
  writeFiles(dir, { 'environments/dev.yaml': ENV(2) });

  it('markdown: a summary table per environment, then one collapsible section per changed resource', () => {
    const r = runCli(['diff', '--format', 'markdown'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('| environment | added | changed | removed |\n|---|---:|---:|---:|\n| dev | 0 | 1 | 0 |\n| prod | 0 | 0 | 0 |');
    expect(r.stdout).toContain('<details><summary>changed <code>apps/Deployment web/web</code></summary>');
    expect(r.stdout).toContain('- `/spec/replicas`: `1` → `2`');
    expect(r.stdout).toMatch(/```diff\n[\s\S]*-  replicas: 1\n\+  replicas: 2\n[\s\S]*```/);
  });

  it('json: environments with their changes, for tools', () => {
    const r = runCli(['diff', '--format', 'json', '--env', 'dev'], dir);
    const json = JSON.parse(r.stdout);
    expect(json.base).toBe('HEAD');
    expect(json.environments).toHaveLength(1);
    expect(json.environments[0].changes[0]).toMatchObject({ change: 'changed', id: 'apps/Deployment web/web', fields: [{ path: '/spec/replicas', before: 1, after: 2 }] });
  });

  it('--exit-code: 1 with differences, 0 without; 2 for an unknown ref', () => {
    expect(runCli(['diff', '--exit-code'], dir).status).toBe(1);
    expect(runCli(['diff', '--exit-code', '--env', 'prod'], dir).status).toBe(0);
    const bad = runCli(['diff', '--base', 'no-such-ref'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown git ref "no-such-ref"');
  });

  it('markdown stays readable for large diffs: sections past the limit are counted, not shown', () => {
    const many: EnvironmentDiff[] = [
      { env: 'big', status: 'both', changes: Array.from({ length: MARKDOWN_RESOURCE_LIMIT + 7 }, (_, i) => ({ change: 'added' as const, id: `core/ConfigMap x/c${i}`, file: 'big/x.yaml', fields: [], patch: '+a\n' })) },
    ];
    const md = formatMarkdown(many, 'main');
    expect(md.match(/<details>/g)).toHaveLength(MARKDOWN_RESOURCE_LIMIT);
    expect(md).toContain('… and 7 more changed resources');
  });
});
