// The README tutorial, run as a reader runs it: every ```sh tutorial block in order in one shell, in an empty folder,
// with `elastic-gitops` on the PATH (this checkout's CLI) and npm offline; each block's output must show the lines of
// the ```text tutorial block after it.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';
import { missingLines, tutorialSteps } from './support/tutorial.js';

const steps = tutorialSteps(readFileSync(join(REPO, 'README.md'), 'utf8'));
const MARK = '@@tutorial-step';

/** Runs `script` with bash in `cwd`, stdout and stderr together, and resolves with the output and exit code. */
function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number; output: string }> {
  const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  return new Promise((done) => child.on('close', (code) => done({ status: code ?? -1, output })));
}

describe('README tutorial', () => {
  it('has command blocks, most with the output they show', () => {
    expect(steps.length).toBeGreaterThanOrEqual(7);
    expect(steps.filter((s) => s.expected.length > 0).length).toBeGreaterThanOrEqual(7);
  });

  it('runs step by step in an empty folder and shows what the text says', { timeout: 600_000 }, async () => {
    const mirror = process.env.ELASTIC_GITOPS_MIRROR;
    expect(mirror, 'the tutorial validates against the pinned schemas: set ELASTIC_GITOPS_MIRROR').toBeTruthy();
    const home = tempDir('eg-tutorial-');
    const bin = join(home, 'bin');
    const work = join(home, 'work');
    mkdirSync(bin);
    mkdirSync(work);
    writeFileSync(join(bin, 'elastic-gitops'), `#!/bin/sh\nexec "${process.execPath}" "${join(REPO, 'build', 'cli.js')}" "$@"\n`);
    chmodSync(join(bin, 'elastic-gitops'), 0o755);
    writeFileSync(join(home, 'gitconfig'), '[user]\n  name = Tutorial\n  email = tutorial@example.com\n[init]\n  defaultBranch = main\n');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      ELASTIC_GITOPS_MIRROR: mirror,
      GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
      GIT_CONFIG_NOSYSTEM: '1',
      NO_COLOR: '1',
      npm_config_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      npm_config_loglevel: 'error',
    };
    // one shell for all steps, as a reader's terminal: `cd` and variables carry over; the first failure stops it
    const script = ['set -eo pipefail', ...steps.map((s, i) => `echo "${MARK} ${i}"\n${s.script}`), `echo "${MARK} end"`].join('\n');
    const { status, output } = await bash(script, work, env);
    const parts = output.split(new RegExp(`^${MARK} `, 'm')).slice(1);
    const last = parts.at(-1) ?? '';
    expect(status, `the tutorial stopped at step ${parts.length - 1} (${steps[parts.length - 1]?.script.split('\n')[0]}):\n${last}`).toBe(0);
    expect(last.trim()).toBe('end');
    const unshown = steps.flatMap((step, i) => {
      const shown = (parts[i] ?? '').replace(/^\d+\n/, '');
      const missing = missingLines(shown, step.expected);
      return missing.length === 0 ? [] : [`step ${i} (${step.script.split('\n')[0]}) does not show\n  ${missing.join('\n  ')}\nin:\n${shown}`];
    });
    expect(unshown.join('\n\n')).toBe('');
    // what the text says besides the output: the files named, the deploy repository's content
    const project = join(work, 'my-platform');
    for (const f of ['dist/dev/35-autoscaling.yaml', 'dist/dev/argocd/02-operators.yaml', 'dist/staging/operators/02-operators.yaml'])
      expect(existsSync(join(project, f)), f).toBe(true);
    expect(readFileSync(join(project, 'dist/staging/35-autoscaling.yaml'), 'utf8')).toContain('maxReplicaCount: 30');
    const tree = await bash('git ls-tree -r --name-only main', join(work, 'deploy.git'), env);
    expect(tree.output.split('\n')).toEqual(expect.arrayContaining(['dist/dev/kustomization.yaml', 'dist/staging/35-autoscaling.yaml']));
  });
});
