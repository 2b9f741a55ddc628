// Times `diff` against `synth` on a synthetic fleet in a temporary git repository. Goal (issue 7): a diff of two
// 3,000-resource renders takes at most twice one synth. Whole processes (as CI runs them) and in process.
//   node scripts/build.mjs && node --import tsx scripts/bench-diff.ts [--apps 124] [--envs 3] [--runs 3] [--json]
// `benchDiff()` is exported for `npm run bench`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { diffWorkingTree } from '../src/diff/diff-command.js';
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
  readonly inProcess: { readonly synthMs: number; readonly diffMs: number; readonly ratio: number };
}

/**
 * Commits a fleet to a new git repository, edits one app in ten (image tag; KEDA threshold on KEDA apps) in the working
 * tree, then times synth (compile, validate, write) and diff (render base from git + working tree, compare, format).
 */
export async function benchDiff(options: BenchDiffOptions = {}): Promise<BenchDiffResult> {
  const { apps = 124, envs = 3, runs = 3, cli = resolve('build', 'cli.js') } = options;
  const root = mkdtempSync(join(tmpdir(), 'eg-bench-diff-'));
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '-q', '-b', 'main');
    writeFleet(join(root, 'environments'), apps, envs);
    git('add', 'environments');
    git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'fleet');
    editFleet(join(root, 'environments', 'base.yaml'));

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const timed = async (f: () => unknown): Promise<number> => {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await f();
        ms.push(performance.now() - t);
      }
      return Math.round(median(ms));
    };
    const node = (...args: string[]) => execFileSync(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });

    const processSynth = await timed(() => node('synth', '--out', join(root, 'dist-process')));
    const processDiff = await timed(() => node('diff', '--format', 'markdown'));

    await validateManifests([]); // schemas loaded once, as in any synth after the first
    const inProcessSynth = await timed(async () => {
      const compiled = compile({ environmentsDir: join(root, 'environments') });
      const report = await validateManifests(compiled.flatMap((c) => c.docs));
      if (report.invalid > 0) throw new Error(`the fleet does not validate: ${JSON.stringify(report.problems.slice(0, 3))}`);
      for (const c of compiled) writeEnvironment(join(root, 'dist-in-process'), c.env, c.files);
    });
    let result = diffWorkingTree({ environments: 'environments' }, root);
    const inProcessDiff = await timed(() => {
      result = diffWorkingTree({ environments: 'environments' }, root);
      formatMarkdown(result.environments, result.base);
    });
    const resources = compile({ environmentsDir: join(root, 'environments') }).reduce((n, e) => n + e.docs.length, 0);
    const changed = result.environments.reduce((n, e) => n + e.changes.length, 0);
    const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
    return {
      apps,
      envs,
      resources,
      changed,
      runs,
      process: { synthMs: processSynth, diffMs: processDiff, ratio: ratio(processDiff, processSynth) },
      inProcess: { synthMs: inProcessSynth, diffMs: inProcessDiff, ratio: ratio(inProcessDiff, inProcessSynth) },
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
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
  const { values } = parseArgs({ options: { apps: { type: 'string' }, envs: { type: 'string' }, runs: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const int = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const r = await benchDiff({ apps: int(values.apps), envs: int(values.envs), runs: int(values.runs) });
  if (values.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    process.stdout.write(
      [
        `fleet: ${r.apps} apps × ${r.envs} environments = ${r.resources} resources per render, ${r.changed} changed (medians of ${r.runs} runs)`,
        `whole process: synth ${r.process.synthMs} ms, diff --format markdown ${r.process.diffMs} ms: diff = ${r.process.ratio} × synth (goal ≤ 2)`,
        `in process:    synth ${r.inProcess.synthMs} ms, diff ${r.inProcess.diffMs} ms: diff = ${r.inProcess.ratio} × synth`,
      ].join('\n') + '\n',
    );
  }
}
