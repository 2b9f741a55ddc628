// diff when the base's compiler is not the working tree's: the base is rendered by its own compiler (exported from git
// objects, bundled and run in a child process). One repository holding this project's compiler, with three bases: a
// changed chart default, a renamed environment key, a compiler that does not build.
import { cpSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffWorkingTree } from '../src/diff/diff-command.js';
import { changedCompilerInputs, COMPILER_INPUTS } from '../src/diff/compiler-inputs.js';
import { formatMarkdown } from '../src/diff/format-markdown.js';
import { formatText } from '../src/diff/format-text.js';
import { InputError } from '../src/errors.js';
import { compile } from '../src/synth/compile.js';
import { commitFiles, git, repoState, repoWith, writeFiles } from './support/git-repo.js';
import { REPO, runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const CLI = join(REPO, 'build', 'cli.js');
/** The compiler as diff compares it, and what the build needs besides. */
const COPIED = [...COMPILER_INPUTS, 'tsconfig.json'];
const ENV = (key: string, replicas: number) => `cluster: { name: c }\napps:\n  - { name: web, image: nginx, ${key}: ${replicas} }\n`;
/** An environment (in `delivered/`) delivered by `engine`: synth writes `argocd/` (Argo CD) or `operators/` (Flux) beside its files. */
const DELIVERED = (engine: string) =>
  `cluster: { name: c }\nmonitoring: { enabled: true }\ngitops: { engine: ${engine}, repo: { url: https://github.com/example/deploy.git } }\n` +
  'apps:\n  - { name: web, image: nginx, replicas: 2 }\n';
const PDB_DEFAULT = 'intOrString(maxUnavailable ?? 1)';
const MODEL_KEY = "  replicas: Type.Integer({ minimum: 0, default: 1, description: 'replicas when not autoscaled' }),";

let dir: string;
/** `path` of this checkout with `from` replaced by `to` (which must occur). */
const edited = (path: string, from: string, to: string) => {
  const text = readFileSync(join(REPO, path), 'utf8');
  expect(text).toContain(from);
  return { [path]: text.replace(from, to) };
};
const original = (...paths: string[]) => Object.fromEntries(paths.map((p) => [p, readFileSync(join(REPO, p), 'utf8')]));

beforeAll(() => {
  dir = repoWith({ '.gitignore': 'node_modules\nbuild/\n' });
  for (const p of COPIED) cpSync(join(REPO, p), join(dir, p), { recursive: true });
  symlinkSync(realpathSync(join(REPO, 'node_modules')), join(dir, 'node_modules'), 'dir');
  // base "chart": PodDisruptionBudget maxUnavailable defaults to 2 instead of 1
  commitFiles(
    dir,
    { ...edited('charts/workloads/app-workload.ts', PDB_DEFAULT, 'intOrString(maxUnavailable ?? 2)'), 'environments/dev.yaml': ENV('replicas', 2) },
    'chart default',
  );
  git(dir, 'tag', 'chart');
  // base "renamed": the app key is `replicaCount`, which this compiler refuses
  commitFiles(
    dir,
    {
      ...original('charts/workloads/app-workload.ts'),
      ...edited('src/config/model/app.ts', MODEL_KEY, MODEL_KEY.replace('replicas:', 'replicaCount:')),
      ...edited('charts/workloads/app-workload.ts', 'replicas: app.replicas,', 'replicas: app.replicaCount,'),
      'environments/dev.yaml': ENV('replicaCount', 3),
    },
    'renamed key',
  );
  git(dir, 'tag', 'renamed');
  commitFiles(
    dir,
    { ...original('src/config/model/app.ts', 'charts/workloads/app-workload.ts'), 'src/cli.ts': 'export const = ;\n' },
    'broken compiler',
  );
  git(dir, 'tag', 'broken');
  commitFiles(dir, { ...original('src/cli.ts'), 'environments/dev.yaml': ENV('replicas', 2) }, 'this compiler');
  // base "delivered": environments delivered by Argo CD and by Flux, rendered by a compiler whose PDB default differs
  commitFiles(
    dir,
    {
      ...edited('charts/workloads/app-workload.ts', PDB_DEFAULT, 'intOrString(maxUnavailable ?? 2)'),
      'delivered/argo.yaml': DELIVERED('argocd'),
      'delivered/flux.yaml': DELIVERED('flux'),
    },
    'delivered environments',
  );
  git(dir, 'tag', 'delivered');
  commitFiles(dir, original('charts/workloads/app-workload.ts'), 'this compiler, delivered environments');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('diff renders the base with its own compiler when it differs', () => {
  it('the compiler inputs are compared on disk: the same at HEAD, an untracked source file differs', () => {
    expect(changedCompilerInputs(git(dir, 'rev-parse', 'HEAD'), dir)).toEqual([]);
    expect(changedCompilerInputs(git(dir, 'rev-parse', 'chart'), dir)).toEqual(['charts']);
    expect(changedCompilerInputs(git(dir, 'rev-parse', 'renamed'), dir)).toEqual(['charts', 'src']);
    writeFileSync(join(dir, 'src', 'untracked.ts'), 'export {};\n');
    try {
      expect(changedCompilerInputs(git(dir, 'rev-parse', 'HEAD'), dir)).toEqual(['src']);
    } finally {
      rmSync(join(dir, 'src', 'untracked.ts'));
    }
  });

  it('a change only in a chart default shows as a changed field', async () => {
    const { base, environments, changedInputs } = await diffWorkingTree({ base: 'chart', environments: 'environments' }, dir);
    expect(changedInputs).toEqual(['charts']);
    // the reviewer is told which compiler rendered the base
    expect(formatText(environments, { ...base, changedInputs }).split('\n')[0]).toMatch(/; base rendered with its own compiler \(charts differ\)$/);
    expect(formatMarkdown(environments, { ...base, changedInputs }).split('\n')[0]).toMatch(
      /; base rendered with its own compiler \(charts differ\)$/,
    );
    expect(formatText(environments, base).split('\n')[0]).not.toMatch(/own compiler/);
    expect(environments).toHaveLength(1);
    expect(environments[0]!.changes.map((c) => [c.change, c.id, c.fields])).toEqual([
      ['changed', 'policy/PodDisruptionBudget web/web', [{ path: '/spec/maxUnavailable', before: 2, after: 1 }]],
    ]);
  });

  it('reads the argocd/ and operators/ subfolders of the base render (Argo CD and Flux environments)', async () => {
    const { environments, changedInputs } = await diffWorkingTree({ base: 'delivered', environments: 'delivered' }, dir);
    expect(changedInputs).toEqual(['charts']);
    // only the chart default differs: the subfolders' objects are read on both sides, so nothing else shows as changed
    expect(environments.filter((e) => e.changes.length > 0).map((e) => [e.env, e.changes.map((c) => [c.change, c.id, c.fields])])).toEqual([
      ['argo', [['changed', 'policy/PodDisruptionBudget web/web', [{ path: '/spec/maxUnavailable', before: 2, after: 1 }]]]],
      ['flux', [['changed', 'policy/PodDisruptionBudget web/web', [{ path: '/spec/maxUnavailable', before: 2, after: 1 }]]]],
    ]);
    const r = runCli(['diff', '--base', 'delivered', '--environments', 'delivered', '--format', 'json'], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).environments.map((e: { env: string; changes: unknown[] }) => [e.env, e.changes.length])).toEqual([
      ['argo', 1],
      ['flux', 1],
    ]);
  });

  it('a renamed environment key that only the base compiler understands still diffs', async () => {
    const exported = join(tempDir('eg-renamed-'), 'environments');
    writeFiles(exported, { 'dev.yaml': git(dir, 'show', 'renamed:environments/dev.yaml') });
    expect(() => compile({ environmentsDir: exported })).toThrow(/replicaCount/);
    rmSync(join(exported, '..'), { recursive: true });
    const { environments } = await diffWorkingTree({ base: 'renamed', environments: 'environments' }, dir);
    expect(environments[0]!.changes.map((c) => [c.id, c.fields])).toEqual([
      ['apps/Deployment web/web', [{ path: '/spec/replicas', before: 3, after: 2 }]],
    ]);
  });

  it('a base compiler that does not build is an input error naming the ref and the first line of its stderr', async () => {
    let error: unknown;
    try {
      await diffWorkingTree({ base: 'broken', environments: 'environments' }, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /^the base broken does not render with its own compiler: `node scripts\/build\.mjs` failed: ✘ \[ERROR\] Expected identifier but found "="$/,
    );
  });

  it('leaves the working tree, index and HEAD as they were, and no temporary folder behind', () => {
    writeFiles(dir, { 'environments/dev.yaml': ENV('replicas', 5), 'notes.txt': 'untracked\n' });
    const indexMtime = () => statSync(join(dir, '.git', 'index')).mtimeMs;
    const before = { ...repoState(dir), indexMtime: indexMtime() };
    const tmp = tempDir('eg-diff-tmp-');
    const r = runCli(['diff', '--base', 'renamed', '--output', 'json'], dir, { TMPDIR: tmp });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).environments[0].changes[0].fields).toEqual([{ path: '/spec/replicas', before: 3, after: 5 }]);
    expect({ ...repoState(dir), indexMtime: indexMtime() }).toEqual(before);
    expect(readFileSync(join(dir, 'environments/dev.yaml'), 'utf8')).toBe(ENV('replicas', 5));
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true });
  });

  it('removes its temporary folder on Ctrl-C while the base compiler runs', async () => {
    const tmp = tempDir('eg-diff-tmp-');
    const child = spawn(process.execPath, [CLI, 'diff', '--base', 'renamed'], {
      cwd: dir,
      env: { ...process.env, TMPDIR: tmp },
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    // Ctrl-C in a terminal signals the whole process group, once the base's tree is exported and its build started
    const building = () =>
      readdirSync(tmp).some((d) => readdirSync(join(tmp, d)).includes('tree') && readdirSync(join(tmp, d, 'tree')).includes('node_modules'));
    while (!building()) await new Promise((r) => setTimeout(r, 20));
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
    expect(readdirSync(tmp)).toEqual([]);
    rmSync(tmp, { recursive: true });
  });
});
