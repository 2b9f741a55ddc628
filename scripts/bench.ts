// `npm run bench`: measures the whole pipeline on a synthetic fleet, phase by phase, against the floor (serializing the
// same objects and writing them), plus whole-process synth and --help. Goals, not assertions: see README.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkEnvironments } from '../src/config/check.js';
import { loadEnvironments } from '../src/config/load.js';
import { renderEnvironment } from '../src/synth/render.js';
import { serializeEnvironment, toYaml } from '../src/synth/serialize.js';
import { writeEnvironment } from '../src/synth/write-output.js';
import { validateManifests } from '../src/validate/index.js';
import { runRules } from '../src/validate/rules/index.js';
import { writeFleet } from './fleet.js';

const { values } = parseArgs({ options: { apps: { type: 'string', default: '200' }, envs: { type: 'string', default: '5' }, json: { type: 'boolean', default: false }, runs: { type: 'string', default: '3' } } });
const apps = Number(values.apps);
const envs = Number(values.envs);
const runs = Number(values.runs);
const root = mkdtempSync(join(tmpdir(), 'eg-bench-'));
const envDir = join(root, 'environments');
writeFleet(envDir, apps, envs);

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// warm the schema cache and compiled validators once (a user's first run pays this; later runs do not)
await validateManifests([]);

const phases: Record<string, number[]> = { load: [], check: [], render: [], serialize: [], validate: [], rules: [], write: [], pipeline: [], floor: [] };
let resources = 0;
for (let run = 0; run < runs; run++) {
  const out = join(root, `dist-${run}`);
  const t0 = performance.now();
  const [merged, load] = time(() => loadEnvironments(envDir).filter((m) => !m.abstract));
  const [models, check] = time(() => checkEnvironments(merged));
  const [rendered, render] = time(() => models.map(renderEnvironment));
  const [serialized, serialize] = time(() => rendered.map((r) => serializeEnvironment(r, `environments/${r.env}.yaml`)));
  const docs = serialized.flatMap((s) => s.docs);
  resources = docs.length;
  const tv = performance.now();
  await validateManifests(docs);
  const validateAll = performance.now() - tv;
  const [, rules] = time(() => runRules(docs));
  const [, write] = time(() => serialized.forEach((s) => writeEnvironment(out, s.env, s.files)));
  const pipeline = performance.now() - t0;
  // the floor: the same objects serialized to YAML and written, nothing else
  const floorOut = join(root, `floor-${run}`);
  const [, floor] = time(() => {
    for (const r of rendered) {
      mkdirSync(join(floorOut, r.env), { recursive: true });
      for (const f of r.files) writeFileSync(join(floorOut, r.env, f.name), f.objects.map((o) => `---\n${toYaml(o)}`).join(''));
    }
  });
  Object.entries({ load, check, render, serialize, validate: validateAll - rules, rules, write, pipeline, floor }).forEach(([k, v]) => phases[k]!.push(v));
}

const cli = join(process.cwd(), 'build', 'cli.js');
const processRuns = (args: string[]) =>
  Array.from({ length: runs }, () => {
    const t = performance.now();
    execFileSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'ignore' });
    return performance.now() - t;
  });
const synthWall = processRuns(['synth', '--out', join(root, 'dist-cli')]);
const helpWall = processRuns(['--help']);
const validateWall = processRuns(['validate', join(root, 'dist-cli')]);

const ms = (k: string) => median(phases[k]!);
const result = {
  fleet: { apps, envs, resources },
  phasesMs: Object.fromEntries(Object.keys(phases).map((k) => [k, Math.round(ms(k))])),
  validationResourcesPerSecond: Math.round(resources / (ms('validate') / 1000)),
  pipelineResourcesPerSecond: Math.round(resources / (ms('pipeline') / 1000)),
  pipelineOverFloor: Number((ms('pipeline') / ms('floor')).toFixed(2)),
  synthProcessMs: Math.round(median(synthWall)),
  validateProcessMs: Math.round(median(validateWall)),
  helpProcessMs: Math.round(median(helpWall)),
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
rmSync(root, { recursive: true, force: true });

if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const rows: [string, string][] = [
    ['fleet', `${apps} apps × ${envs} environments = ${resources} resources`],
    ...Object.entries(result.phasesMs).map(([k, v]): [string, string] => [`${k} (median of ${runs})`, `${v} ms`]),
    ['validation rate', `${result.validationResourcesPerSecond} resources/s`],
    ['pipeline rate', `${result.pipelineResourcesPerSecond} resources/s`],
    ['pipeline / floor', `${result.pipelineOverFloor}×`],
    ['synth, whole process', `${result.synthProcessMs} ms`],
    ['validate dist/, whole process', `${result.validateProcessMs} ms`],
    ['--help, whole process', `${result.helpProcessMs} ms`],
    ['peak RSS (in-process pipeline)', `${result.peakRssMiB} MiB`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`);
}
