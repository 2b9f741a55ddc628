// The CLI at a terminal: --version, list, render for piping, help of nested commands, shell completion, color only
// on a terminal (never piped, never under NO_COLOR), progress only on a terminal, plan tables within 100 columns.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { progress } from '../src/cli/terminal.js';
import { applyOrder } from '../src/synth/render-command.js';
import { repoState, repoWith } from './support/git-repo.js';
import { REPO, runCliAsync as runCli, snapshotTree } from './support/run-cli.js';

const CLI = join(REPO, 'build', 'cli.js');

describe('the terminal', () => {
  it('--version prints the package version', async () => {
    const r = await runCli(['--version'], REPO);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version}\n`);
  });

  it('list: each environment with its engine, cluster and app count', async () => {
    const r = await runCli(['list'], REPO);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^ENVIRONMENT +ENGINE +CLUSTER +APPS +FILE$/);
    expect(r.stdout).toMatch(/^staging +flux +shop-staging +2 +environments\/staging\.yaml$/m);
    expect(r.stdout).not.toMatch(/^base /m);
  });

  it('render <env>: every document of dist/<env>/ (subfolders included) on stdout, in apply order, nothing written', async () => {
    const before = snapshotTree(join(REPO, 'dist'));
    const r = await runCli(['render', 'prod'], REPO);
    expect(r.status, r.stderr).toBe(0);
    const docs = parseAllDocuments(r.stdout).filter((d) => d.contents !== null);
    expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    // as many documents as the committed folder holds outside its kustomization files
    const files = Object.entries(snapshotTree(join(REPO, 'dist', 'prod'))).filter(([f]) => f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'));
    const committed = files.reduce((n, [, text]) => n + parseAllDocuments(text).filter((d) => d.contents !== null).length, 0);
    expect(docs).toHaveLength(committed);
    const sources = [...r.stdout.matchAll(/^# Source: (.*)$/gm)].map((m) => m[1]);
    expect(sources[0]).toBe('prod/argocd/01-gitops.yaml');
    expect(sources).toContain('prod/30-workloads.yaml');
    expect(sources.indexOf('prod/00-namespaces.yaml')).toBeLessThan(sources.indexOf('prod/30-workloads.yaml'));
    expect(snapshotTree(join(REPO, 'dist'))).toEqual(before);
  });

  it('render orders files by their kustomization.yaml, a folder it lists in place', () => {
    const k = (resources: string[]) => `resources:\n${resources.map((r) => `  - ${r}\n`).join('')}`;
    const files = new Map([
      ['kustomization.yaml', k(['20-b.yaml', 'nested', '10-a.yaml'])],
      ['10-a.yaml', ''],
      ['20-b.yaml', ''],
      ['nested/kustomization.yaml', k(['x.yaml'])],
      ['nested/x.yaml', ''],
      ['operators/kustomization.yaml', k(['02-operators.yaml'])],
      ['operators/02-operators.yaml', ''],
      ['README.md', ''],
    ]);
    expect(applyOrder(files)).toEqual(['operators/02-operators.yaml', '20-b.yaml', 'nested/x.yaml', '10-a.yaml']);
  });

  it('help <command...> shows the help of nested commands; an unknown one is exit 2', async () => {
    const sync = await runCli(['help', 'schemas', 'sync'], REPO);
    expect(sync.status).toBe(0);
    expect(sync.stdout).toMatch(/^Usage: elastic-gitops schemas sync \[options\]/);
    const schemas = await runCli(['help', 'schemas'], REPO);
    expect(schemas.status).toBe(0);
    expect(schemas.stdout).toContain('sync [options]');
    const synth = await runCli(['help', 'synth'], REPO);
    expect(synth.status).toBe(0);
    expect(synth.stdout).toContain('--out-dir <dir>');
    const nope = await runCli(['help', 'schemas', 'nope'], REPO);
    expect(nope.status).toBe(2);
    expect(nope.stderr).toBe('error: unknown command "schemas nope" (commands of schemas: add, list, sync)\n');
  });

  it('completion bash names every command and every flag of each (from their --help), and completes in bash', async () => {
    const script = (await runCli(['completion', 'bash'], REPO)).stdout;
    const commands = [...(await runCli(['--help'], REPO)).stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]!);
    expect(commands).toEqual(
      expect.arrayContaining(['synth', 'render', 'list', 'validate', 'plan', 'schemas', 'diff', 'check', 'publish', 'init', 'completion', 'help']),
    );
    for (const path of [...commands.map((c) => [c]), ['schemas', 'sync']]) {
      const help = (await runCli([...path, '--help'], REPO)).stdout;
      const flags = [...help.matchAll(/^ {2}(-\w, )?(--[\w-]+)/gm)]
        .flatMap((m) => [m[1]?.slice(0, 2), m[2]!])
        .filter((f): f is string => f !== undefined);
      expect(flags.length, path.join(' ')).toBeGreaterThan(0);
      const line = script.split('\n').find((l) => l.startsWith(`    "${path.join(' ')}") words=`)) ?? '';
      const words = line.replace(/^.*words="([^"]*)".*$/, '$1').split(' ');
      expect(words, path.join(' ')).toEqual(expect.arrayContaining(flags));
      expect(script).toContain(path.length === 1 ? `"/${path[0]}")` : `"schemas/sync")`);
    }
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `eval "$(cat)"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _elastic_gitops; echo "\${COMPREPLY[*]}"`,
        ],
        { input: script, encoding: 'utf8' },
      ).trim();
    expect(complete(['elastic-gitops', 'schemas', 's'])).toBe('sync');
    expect(complete(['elastic-gitops', 'plan', '-o', ''])).toBe('text markdown json');
    expect(complete(['elastic-gitops', 'synth', '--out-'])).toBe('--out-dir');
    expect(complete(['elastic-gitops', 're'])).toBe('render');
    const fish = (await runCli(['completion', 'fish'], REPO)).stdout;
    const zsh = (await runCli(['completion', 'zsh'], REPO)).stdout;
    for (const c of commands) expect(fish).toContain(` -a ${c} `);
    expect(zsh).toMatch(/^#compdef elastic-gitops\nautoload -U \+X bashcompinit && bashcompinit\n/);
  });

  it('errors are red on a terminal, plain when piped or under NO_COLOR', async () => {
    const piped = await runCli(['plan', '--env', 'nope'], REPO);
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/^error: unknown environment "nope"/);
    // `script` gives the CLI a pseudo-terminal
    const tty = (env: Record<string, string>) =>
      execFileSync('script', ['-qec', `"${process.execPath}" "${CLI}" plan --env nope`, '/dev/null'], {
        cwd: REPO,
        encoding: 'utf8',
        env: { ...process.env, TERM: 'xterm', ...env },
      });
    const run = (env: Record<string, string>) => {
      try {
        return tty(env);
      } catch (e) {
        return String((e as { stdout?: string }).stdout);
      }
    };
    expect(run({})).toContain('\x1b[31merror:\x1b[39m unknown environment "nope"');
    expect(run({ NO_COLOR: '1' })).toMatch(/^error: unknown environment "nope"/);
  });

  it('progress is drawn only on a terminal, once the work outlasts the delay, and cleared', () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 36, write: (t: string) => written.push(t) };
    const shown = progress('filling the schema cache', 2, 0, tty);
    shown.tick('keda');
    shown.tick('karpenter');
    shown.done();
    expect(written).toEqual(['\r\x1b[2Kfilling the schema cache 1/2 keda', '\r\x1b[2Kfilling the schema cache 2/2 karpen', '\r\x1b[2K']);
    const piped: string[] = [];
    const bar = progress('x', 2, 0, { isTTY: false, write: (t: string) => piped.push(t) });
    bar.tick('a');
    bar.done();
    expect(piped).toEqual([]);
  });

  it('plan tables fit 100 columns', async () => {
    for (const env of ['dev', 'edge', 'prod', 'staging']) {
      const r = await runCli(['plan', '--env', env], REPO);
      expect(r.status, r.stderr).toBe(0);
      expect(Math.max(...r.stdout.split('\n').map((l) => [...l].length)), env).toBeLessThanOrEqual(100);
    }
  });

  it('a closed pipe ends render quietly', () => {
    const out = execFileSync('sh', ['-c', `"${process.execPath}" "${CLI}" render prod --no-validate | head -1; echo "rc=$?"`], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(out).toBe('# Source: prod/argocd/01-gitops.yaml\nrc=0\n');
    const repo = repoWith({ 'environments/dev.yaml': 'cluster: { name: a }\n' });
    expect(repoState(repo).status).toBe('');
  });
});
