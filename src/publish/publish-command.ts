// `elastic-gitops publish`: refuse a dirty tree or a stale dist/, then commit the rendered folders to the deploy repo.
import { staleFiles } from '../check/check-command.js';
import { checkEnvironments } from '../config/check.js';
import { loadEnvironments } from '../config/load.js';
import { ChecksFailed, InputError } from '../errors.js';
import { assertCleanSource, publish } from './publish.js';
import { repoFrom } from './repo-location.js';

/** Options of the publish command (from commander). */
export interface PublishOptions {
  readonly env?: string[];
  readonly environments: string;
  /** Folder of the rendered `<env>/` folders. */
  readonly outDir: string;
  readonly output: 'text' | 'json';
  readonly repo?: string;
  readonly branch?: string;
}

export async function publishCommand(opts: PublishOptions): Promise<void> {
  assertCleanSource(process.cwd());
  const stale = staleFiles(opts);
  if (stale.length > 0) {
    for (const s of stale) process.stdout.write(`${s.state.padEnd(7)} ${s.path}\n`);
    throw new ChecksFailed(`${opts.outDir}/ is stale (differs from a fresh synth): run \`npm run synth\`, commit, then publish`);
  }
  const merged = loadEnvironments(opts.environments).filter((m) => !m.abstract);
  const all = checkEnvironments(merged);
  const unknown = (opts.env ?? []).filter((n) => !all.some((e) => e.envName === n));
  if (unknown.length > 0)
    throw new InputError(`unknown environment ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${all.map((e) => e.envName).join(', ')})`);
  const envs = all.filter((e) => !opts.env || opts.env.length === 0 || opts.env.includes(e.envName));
  // an environment without a deploy repo must not ride along to another environment's repo
  const missing = opts.repo === undefined ? envs.filter((e) => e.gitops?.repo.url === undefined) : [];
  if (missing.length > 0) {
    const fileOf = (name: string) => merged[all.findIndex((e) => e.envName === name)]!.file;
    throw new InputError(
      `publish needs a deploy repo for every environment: give --repo, select others with --env, or set gitops.repo`,
      missing.map((e) => `${fileOf(e.envName)}: gitops.repo: not set (environment "${e.envName}")`),
    );
  }
  const given = opts.repo === undefined ? undefined : repoFrom(process.cwd(), opts.repo);
  const repos = new Set(envs.map((e) => given ?? e.gitops!.repo.url));
  const branches = new Set(envs.map((e) => opts.branch ?? e.gitops?.repo.branch ?? 'main'));
  if (repos.size !== 1 || branches.size !== 1) {
    throw new InputError(
      `publish needs one target: give --repo and --branch, or publish environments that share gitops.repo (found ${[...repos].join(', ') || 'none'} / ${[...branches].join(', ')})`,
    );
  }
  const paths = new Map(envs.map((e) => [e.envName, e.gitops?.repo.path ?? `dist/${e.envName}`]));
  const repo = [...repos][0]!;
  const branch = [...branches][0]!;
  const result = publish({ repo, branch, paths, out: opts.outDir, source: process.cwd() });
  if (opts.output === 'json') {
    process.stdout.write(`${JSON.stringify({ repo, branch, environments: [...paths.keys()], ...result }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    result.committed
      ? `published ${[...paths.keys()].join(', ')} as ${result.commit} (${result.attempts} attempt${result.attempts > 1 ? 's' : ''})\n`
      : 'nothing to publish: the deploy repo already has this output\n',
  );
}
