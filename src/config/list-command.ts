// `elastic-gitops list`: the environments of the project, each with its GitOps engine, cluster and app count.
import { checkEnvironments } from './check.js';
import { loadEnvironments } from './load.js';

/** Options of the list command (from commander, after src/cli/grammar.ts). */
export interface ListOptions {
  readonly environments: string;
  readonly output: 'text' | 'json';
}

/** One environment as listed. */
export interface ListedEnvironment {
  readonly name: string;
  /** `argocd`, `flux`, or `none` (no gitops section). */
  readonly engine: string;
  readonly cluster: string;
  readonly apps: number;
  readonly file: string;
}

/** The concrete (non-abstract) environments, checked, in file order. */
export function listEnvironments(dir: string): ListedEnvironment[] {
  const merged = loadEnvironments(dir).filter((m) => !m.abstract);
  return checkEnvironments(merged).map((e, i) => ({
    name: e.envName,
    engine: e.gitops?.engine ?? 'none',
    cluster: e.cluster.name,
    apps: e.apps.length,
    file: merged[i]!.file,
  }));
}

export async function listCommand(opts: ListOptions): Promise<void> {
  const envs = listEnvironments(opts.environments);
  if (opts.output === 'json') {
    process.stdout.write(`${JSON.stringify(envs, null, 2)}\n`);
    return;
  }
  const rows = [['ENVIRONMENT', 'ENGINE', 'CLUSTER', 'APPS', 'FILE'], ...envs.map((e) => [e.name, e.engine, e.cluster, String(e.apps), e.file])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  process.stdout.write(rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('   ')).join('\n') + '\n');
}
