// `npm run bench`: measures the whole pipeline on a synthetic fleet, phase by phase, against the floor (serializing the
// same objects and writing them), plus whole-process synth, validate and --help; and `validate` of 10,000-resource
// inputs that stress the node-pool and CEL rules (scripts/validate-mixes.ts), warm in process and as a whole process.
// Goals, not assertions: see README.
//   --apps N (200)  --envs M (5)  --runs R (3, medians)  --json
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEnvironments } from '../src/config/check.js';
import { loadEnvironments } from '../src/config/load.js';
import { renderEnvironment } from '../src/synth/render.js';
import { libraryYaml, serializeEnvironment, toYaml } from '../src/synth/serialize.js';
import { writeEnvironment } from '../src/synth/write-output.js';
import { validateManifests } from '../src/validate/index.js';
import { readManifests } from '../src/validate/read-manifests.js';
import { runRules } from '../src/validate/rules/index.js';
import { benchArgs } from './bench-args.js';
import { writeFleet } from './fleet.js';
import { MIXES, writeMix } from './validate-mixes.js';

const { apps, envs, runs, json } = benchArgs({ apps: 200, envs: 5, runs: 3 });
const cli = join(process.cwd(), 'build', 'cli.js');
const root = mkdtempSync(join(tmpdir(), 'eg-bench-'));
const envDir = join(root, 'environments');
writeFleet(envDir, apps, envs);

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}
async function timeAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

// Schemas and compiled validators come from the cache, as on any run after the first one on a machine.
await validateManifests([]);

const PHASES = ['load', 'check', 'render', 'serialize', 'validate', 'write', 'pipeline', 'schemas', 'rules', 'floor', 'floorLibrary'] as const;
const phases = Object.fromEntries(PHASES.map((p) => [p, [] as number[]])) as Record<(typeof PHASES)[number], number[]>;
let resources = 0;
for (let run = 0; run < runs; run++) {
  const out = join(root, `dist-${run}`);
  // the pipeline, as synth runs it
  const t0 = performance.now();
  const [merged, load] = time(() => loadEnvironments(envDir).filter((m) => !m.abstract));
  const [models, check] = time(() => checkEnvironments(merged));
  const [rendered, render] = time(() => models.map(renderEnvironment));
  const [serialized, serialize] = time(() => rendered.map((r) => serializeEnvironment(r, `environments/${r.env}.yaml`)));
  const docs = serialized.flatMap((s) => s.docs);
  const [report, validate] = await timeAsync(() => validateManifests(docs));
  if (report.invalid > 0) throw new Error(`the fleet does not validate: ${JSON.stringify(report.problems.slice(0, 3))}`);
  const [, write] = time(() => serialized.forEach((s) => writeEnvironment(out, s.env, s.files)));
  const pipeline = performance.now() - t0;
  resources = docs.length;
  // validation split: the rules alone (validate = schema check + rules)
  const [, rules] = time(() => runRules(docs));
  // the floor: the same objects serialized to YAML and written, nothing else (with our serializer, and with the library)
  const floorOf = (serializer: (v: unknown) => string, dir: string) =>
    time(() => {
      for (const r of rendered) {
        mkdirSync(join(dir, r.env), { recursive: true });
        for (const f of r.files) writeFileSync(join(dir, r.env, f.name), f.objects.map((o) => `---\n${serializer(o)}`).join(''));
      }
    })[1];
  const floor = floorOf(toYaml, join(root, `floor-${run}`));
  const floorLibrary = floorOf(libraryYaml, join(root, `floor-library-${run}`));
  const all = { load, check, render, serialize, validate, write, pipeline, schemas: validate - rules, rules, floor, floorLibrary };
  for (const p of PHASES) phases[p].push(all[p]);
}
const inProcessRssMiB = process.resourceUsage().maxRSS / 1024;

// whole processes: wall time, the child's CPU time (user + system: steadier than wall time on a shared machine) and
// peak RSS (both reported by a preloaded exit hook)
const usageFile = join(root, 'usage');
const PROBE = `data:text/javascript,${encodeURIComponent("import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeFileSync(process.env.EG_BENCH_USAGE_FILE,JSON.stringify([u.maxRSS,(u.userCPUTime+u.systemCPUTime)/1000]))})")}`;
function processRuns(args: string[]): { ms: number; cpuMs: number; rssMiB: number } {
  const ms: number[] = [];
  const cpu: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(process.execPath, ['--import', PROBE, cli, ...args], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, EG_BENCH_USAGE_FILE: usageFile },
    });
    ms.push(performance.now() - t);
    const [maxRss, cpuMs] = JSON.parse(readFileSync(usageFile, 'utf8')) as [number, number];
    rss.push(maxRss / 1024);
    cpu.push(cpuMs);
  }
  return { ms: Math.round(median(ms)), cpuMs: Math.round(median(cpu)), rssMiB: Math.round(median(rss)) };
}
const synthProcess = processRuns(['synth', '--no-cache', '--environments', envDir, '--out-dir', join(root, 'dist-cli')]);
const validateProcess = processRuns(['validate', join(root, 'dist-cli')]);
const helpProcess = processRuns(['--help']);

/**
 * One mix: resources, warm in-process validate (read + check, after one run to warm up) in ms and resources/s, by wall
 * and by CPU time, and the whole `validate` process.
 */
const MIX_RESOURCES = 10_000;
const mixes: Record<
  string,
  {
    resources: number;
    inProcessMs: number;
    resourcesPerSecond: number;
    inProcessCpuMs: number;
    resourcesPerCpuSecond: number;
    process: { ms: number; cpuMs: number; rssMiB: number };
  }
> = {};
for (const mix of MIXES) {
  const dir = join(root, `mix-${mix}`);
  const n = writeMix(dir, mix, MIX_RESOURCES);
  const warm: number[] = [];
  const warmCpu: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const cpu = process.cpuUsage();
    const [report, ms] = await timeAsync(() => validateManifests(readManifests([dir])));
    const used = process.cpuUsage(cpu);
    if (report.invalid > 0) throw new Error(`the ${mix} mix does not validate: ${JSON.stringify(report.problems.slice(0, 3))}`);
    if (i === 0) continue; // the warm-up
    warm.push(ms);
    warmCpu.push((used.user + used.system) / 1000);
  }
  const inProcessMs = Math.round(median(warm));
  const inProcessCpuMs = Math.round(median(warmCpu));
  mixes[mix] = {
    resources: n,
    inProcessMs,
    resourcesPerSecond: Math.round(n / (inProcessMs / 1000)),
    inProcessCpuMs,
    resourcesPerCpuSecond: Math.round(n / (inProcessCpuMs / 1000)),
    process: processRuns(['validate', dir]),
  };
}
rmSync(root, { recursive: true, force: true });

const ms = (p: (typeof PHASES)[number]) => median(phases[p]);
const perSecond = (milliseconds: number) => Math.round(resources / (milliseconds / 1000));
const result = {
  fleet: { apps, envs, resources },
  runs,
  phasesMs: Object.fromEntries(PHASES.map((p) => [p, Math.round(ms(p))])),
  resourcesPerSecond: {
    pipeline: perSecond(ms('pipeline')),
    validation: perSecond(ms('validate')),
    schemas: perSecond(ms('schemas')),
    synthProcess: perSecond(synthProcess.ms),
  },
  pipelineOverFloor: Number((ms('pipeline') / ms('floor')).toFixed(2)),
  pipelineOverLibraryFloor: Number((ms('pipeline') / ms('floorLibrary')).toFixed(2)),
  synthProcess,
  validateProcess,
  helpProcess,
  mixes,
  inProcessPeakRssMiB: Math.round(inProcessRssMiB),
};

if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const p = result.phasesMs;
  const rows: [string, string][] = [
    ['fleet', `${apps} apps × ${envs} environments = ${resources} resources (medians of ${runs} runs)`],
    ['load + check', `${p.load} + ${p.check} ms`],
    ['render (cdk8s)', `${p.render} ms`],
    ['serialize', `${p.serialize} ms`],
    ['validate (schemas + rules)', `${p.validate} ms (${p.schemas} + ${p.rules}), ${result.resourcesPerSecond.validation} resources/s`],
    ['write', `${p.write} ms`],
    ['pipeline, in process', `${p.pipeline} ms, ${result.resourcesPerSecond.pipeline} resources/s`],
    ['floor: serialize + write', `${p.floor} ms (yaml library: ${p.floorLibrary} ms)`],
    ['pipeline / floor', `${result.pipelineOverFloor}× (over the library floor: ${result.pipelineOverLibraryFloor}×)`],
    [
      'synth, whole process',
      `${synthProcess.ms} ms (CPU ${synthProcess.cpuMs} ms), ${result.resourcesPerSecond.synthProcess} resources/s, peak RSS ${synthProcess.rssMiB} MiB`,
    ],
    ['validate dist/, whole process', `${validateProcess.ms} ms (CPU ${validateProcess.cpuMs} ms), peak RSS ${validateProcess.rssMiB} MiB`],
    ['--help, whole process', `${helpProcess.ms} ms (CPU ${helpProcess.cpuMs} ms)`],
    ...Object.entries(mixes).map(([mix, m]): [string, string] => [
      `validate, ${mix} mix`,
      `${m.resources} resources: warm ${m.inProcessMs} ms, ${m.resourcesPerSecond} resources/s (CPU ${m.inProcessCpuMs} ms, ${m.resourcesPerCpuSecond}/s); whole process ${m.process.ms} ms (CPU ${m.process.cpuMs} ms), peak RSS ${m.process.rssMiB} MiB`,
    ]),
    ['peak RSS of this benchmark', `${result.inProcessPeakRssMiB} MiB (${runs} pipelines in one process)`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`);
}
