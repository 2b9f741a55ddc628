// The shipped PR workflow: installs, tests, runs check, and posts the markdown diff of the PR's base as a comment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO } from './support/run-cli.js';

interface Step {
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}

describe('.github/workflows/pr.yml', () => {
  const workflow = parse(readFileSync(join(REPO, '.github/workflows/pr.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  const index = (f: (s: Step) => boolean) => steps.findIndex(f);

  it('runs on pull requests with the full history (the base commit is rendered from git objects)', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with).toMatchObject({ 'fetch-depth': 0 });
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  it('installs, tests and checks dist/ after installing', () => {
    const install = index((s) => s.run === 'npm ci' || s.run?.startsWith('npm ci ') === true);
    expect(install).toBeGreaterThan(-1);
    expect(index((s) => s.run === 'npm test')).toBeGreaterThan(install);
    expect(index((s) => s.run === 'npx elastic-gitops check')).toBeGreaterThan(install);
  });

  it('posts the markdown diff against the PR base commit as a comment, updated in place', () => {
    const diff = steps.find((s) => s.run?.includes('elastic-gitops diff'))!;
    expect(diff.run).toContain('--base "${{ github.event.pull_request.base.sha }}" -o markdown > "$RUNNER_TEMP/rendered-diff.md"');
    const comment = steps[index((s) => s.uses?.startsWith('actions/github-script@') === true)]!;
    expect(index((s) => s === comment)).toBeGreaterThan(index((s) => s === diff));
    expect(comment.if).toContain(`steps.${diff.id}.outcome == 'success'`);
    const script = String(comment.with?.script);
    expect(script).toContain('rendered-diff.md');
    expect(script).toMatch(/updateComment[\s\S]*createComment/);
  });
});
