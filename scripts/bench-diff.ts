// Times `diff` against `synth` on a synthetic fleet in a temporary git repository. Goal (issue 7): a diff of two
// 3,000-resource renders takes at most twice one synth. Whole processes (as CI runs them) and in process; then, with
// this checkout's compiler committed to the repository and a chart edited at the base, the two-compiler path (the base
// exported, bundled and synthesized by its own compiler in a child process).
//   node scripts/build.mjs && node --import tsx scripts/bench-diff.ts [--apps 124] [--envs 3] [--runs 3] [--json]
// `benchDiff()` is exported for `npm run bench`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { COMPILER_INPUTS } from '../src/diff/compiler-inputs.js';
import { diffWorkingTree, type DiffResult } from '../src/diff/diff-command.js';
import { formatMarkdown } from '../src/diff/format-markdown.js';
import { compile } from '../src/synth/compile.js';
import { writeEnvironment } from '../src/synth/write-output.js';
import { validateManifests } from '../src/validate/index.js';
import { writeFleet } from './fleet.js';

/** Size of the fleet and number of timed runs. */
export interface BenchDiffOptions {
  /** Apps per environment. @default 124 (with 3 environments: about 3,000 resources per render) */
  readonly apps?: number;
  /** Environments. @default 3 */
  readonly envs?: number;
  /** Timed runs of each measure (medians). @default 3 */
  readonly runs?: number;
  /** The bundled CLI. @default build/cli.js of this checkout */
  readonly cli?: string;
}

/** Medians in milliseconds. */
export interface BenchDiffResult {
  readonly apps: number;
  readonly envs: number;
  /** Resources of one render (base and working tree have the same count). */
  readonly resources: number;
  /** Resources the edit changes. */
  readonly changed: number;
  readonly runs: number;
  readonly process: { readonly synthMs: number; readonly diffMs: number; readonly ratio: number };
  /** CPU time (user + system, the processes and their children; Linux only, else undefined) of the whole-process runs. */
  readonly cpu?: { readonly synthMs: number; readonly diffMs: number; readonly twoCompilersMs: number };
  readonly inProcess: { readonly synthMs: number; readonly diffMs: number; readonly ratio: number };
  /** Whole-process diff when the base's compiler differs (ratio to the whole-process synth); resources it changes. */
  readonly twoCompilers: { readonly diffMs: number; readonly ratio: number; readonly changed: number };
}

/**
 * Commits a fleet to two new git repositories and edits one app in ten (image tag; KEDA threshold on KEDA apps) in their
 * working trees; the second also holds the compiler of the checkout that built `cli`, committed with a chart default
 * edited (the working tree has it unedited), so its diff takes the two-compiler path. Then times synth (compile,
 * validate, write) and both diffs (render base + working tree, compare, format), the whole processes interleaved run by
 * run so that the load of a shared machine weighs on each alike; then synth and the fast diff in process.
 */
export async function benchDiff(options: BenchDiffOptions = {}): Promise<BenchDiffResult> {
  const { apps = 124, envs = 3, runs = 3, cli = resolve('build', 'cli.js') } = options;
  const tmp = mkdtempSync(join(tmpdir(), 'eg-bench-diff-'));
  try {
    const root = join(tmp, 'fleet');
    const withCompiler = join(tmp, 'fleet-and-compiler');
    const gitIn =
      (cwd: string) =>
      (...args: string[]) =>
        execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const dir of [root, withCompiler]) {
      mkdirSync(dir);
      gitIn(dir)('init', '-q', '-b', 'main');
      writeFleet(join(dir, 'environments'), apps, envs);
    }
    const project = resolve(dirname(cli), '..');
    for (const p of [...COMPILER_INPUTS, 'tsconfig.json']) cpSync(join(project, p), join(withCompiler, p), { recursive: true });
    symlinkSync(realpathSync(join(project, 'node_modules')), join(withCompiler, 'node_modules'), 'dir');
    writeFileSync(join(withCompiler, '.gitignore'), 'node_modules\nbuild/\n');
    const chart = join(withCompiler, 'charts', 'workloads', 'app-workload.ts');
    const unedited = readFileSync(chart, 'utf8');
    writeFileSync(chart, unedited.replace('intOrString(maxUnavailable ?? 1)', 'intOrString(maxUnavailable ?? 2)'));
    for (const dir of [root, withCompiler]) {
      gitIn(dir)('add', '.');
      gitIn(dir)('commit', '-q', '-m', 'fleet');
      editFleet(join(dir, 'environments', 'base.yaml'));
    }
    writeFileSync(chart, unedited);

    const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
    const time = async (f: () => unknown): Promise<number> => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };
    const node = (cwd: string, ...args: string[]) =>
      execFileSync(process.execPath, [cli, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    const synthMs: number[] = [];
    const diffMs: number[] = [];
    const twoCompilersMs: number[] = [];
    const cpu = { synth: [] as number[], diff: [] as number[], twoCompilers: [] as number[] };
    const measured = async (wall: number[], cpuMs: number[], f: () => unknown) => {
      const before = childrenCpuMs();
      wall.push(await time(f));
      const after = childrenCpuMs();
      if (before !== undefined && after !== undefined) cpuMs.push(after - before);
    };
    for (let i = 0; i < runs; i++) {
      await measured(synthMs, cpu.synth, () => node(root, 'synth', '--out-dir', join(tmp, 'dist-process')));
      await measured(diffMs, cpu.diff, () => node(root, 'diff', '--output', 'markdown'));
      await measured(twoCompilersMs, cpu.twoCompilers, () => node(withCompiler, 'diff', '--output', 'markdown'));
    }

    await validateManifests([]); // schemas loaded once, as in any synth after the first
    const inProcessSynthMs: number[] = [];
    const inProcessDiffMs: number[] = [];
    let result = await diffWorkingTree({ environments: 'environments' }, root);
    for (let i = 0; i < runs; i++) {
      inProcessSynthMs.push(
        await time(async () => {
          const compiled = compile({ environmentsDir: join(root, 'environments') });
          const report = await validateManifests(compiled.flatMap((c) => c.docs));
          if (report.invalid > 0) throw new Error(`the fleet does not validate: ${JSON.stringify(report.problems.slice(0, 3))}`);
          for (const c of compiled) writeEnvironment(join(tmp, 'dist-in-process'), c.env, c.files);
        }),
      );
      inProcessDiffMs.push(
        await time(async () => {
          result = await diffWorkingTree({ environments: 'environments' }, root);
          formatMarkdown(result.environments, result.base);
        }),
      );
    }
    const twoCompilers = await diffWorkingTree({ environments: 'environments' }, withCompiler);
    if (twoCompilers.changedInputs.join() !== 'charts')
      throw new Error(`expected the base's charts to differ, got: ${twoCompilers.changedInputs.join(', ')}`);
    const resources = compile({ environmentsDir: join(root, 'environments') }).reduce((n, e) => n + e.docs.length, 0);
    const count = (r: DiffResult) => r.environments.reduce((n, e) => n + e.changes.length, 0);
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    const synth = median(synthMs);
    return {
      apps,
      envs,
      resources,
      changed: count(result),
      runs,
      process: { synthMs: synth, diffMs: median(diffMs), ratio: ratio(median(diffMs), synth) },
      ...(cpu.synth.length === runs
        ? { cpu: { synthMs: median(cpu.synth), diffMs: median(cpu.diff), twoCompilersMs: median(cpu.twoCompilers) } }
        : {}),
      inProcess: {
        synthMs: median(inProcessSynthMs),
        diffMs: median(inProcessDiffMs),
        ratio: ratio(median(inProcessDiffMs), median(inProcessSynthMs)),
      },
      twoCompilers: { diffMs: median(twoCompilersMs), ratio: ratio(median(twoCompilersMs), synth), changed: count(twoCompilers) },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** CPU milliseconds of this process's waited-for children and their descendants (Linux /proc; undefined elsewhere). */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in ticks of 1/100 s (CLK_TCK)
  } catch {
    return undefined;
  }
}

/** Edits one app in ten of a fleet's base.yaml: a new image tag, and on KEDA apps a new threshold. */
export function editFleet(baseFile: string): void {
  const lines = readFileSync(baseFile, 'utf8').split('\n');
  let app = -1;
  const edited = lines.map((line) => {
    if (line.startsWith('  - name: ')) app++;
    if (app % 10 !== 0) return line;
    return line.replace(/^(    image: .*:1\.\d+)\.0$/, '$1.1').replace('threshold: 50 }', 'threshold: 75 }');
  });
  writeFileSync(baseFile, edited.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { apps: { type: 'string' }, envs: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const r = await benchDiff({ apps: int(values.apps), envs: int(values.envs), runs: int(values.runs) });
  if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    process.stdout.write(
      [
        `fleet: ${r.apps} apps × ${r.envs} environments = ${r.resources} resources per render, ${r.changed} changed (medians of ${r.runs} runs)`,
        `whole process: synth ${r.process.synthMs} ms, diff -o markdown ${r.process.diffMs} ms: diff = ${r.process.ratio} × synth (goal ≤ 2)`,
        ...(r.cpu
          ? [
              `CPU time (user + system) of those processes: synth ${r.cpu.synthMs} ms, diff ${r.cpu.diffMs} ms, two-compiler diff ${r.cpu.twoCompilersMs} ms`,
            ]
          : []),
        `in process:    synth ${r.inProcess.synthMs} ms, diff ${r.inProcess.diffMs} ms: diff = ${r.inProcess.ratio} × synth`,
        `two compilers (a chart edited at the base, ${r.twoCompilers.changed} resources changed): diff -o markdown ${r.twoCompilers.diffMs} ms as a whole process: ${r.twoCompilers.ratio} × synth`,
      ].join('\n') + '\n',
    );
  }
}
