// `elastic-gitops render <env>`: one environment's workloads as one YAML stream on stdout — the generate command of the
// Argo CD Config Management Plugin (Source Hydrator delivery). Only YAML goes to stdout; notes go to stderr.
import { compile } from '../synth/compile.js';
import { toYaml } from '../synth/serialize.js';

/** Options of the render command (from commander). */
export interface RenderOptions {
  /** Directory of environment files, relative to the working directory (Argo CD's: the dry source's path). */
  readonly environments: string;
}

/**
 * The objects the workloads Application applies: the environment folder's own files (its subfolders are applied by
 * other Applications), in file order, as `---`-separated documents. Nothing is validated: the pull request's CI did.
 */
export function renderWorkloads(env: string, opts: RenderOptions): { yaml: string; count: number } {
  const [rendered] = compile({ environmentsDir: opts.environments, only: [env] });
  const docs = rendered!.docs.filter((d) => !d.file.slice(env.length + 1).includes('/'));
  return { yaml: docs.map((d) => `---\n${toYaml(d.object)}`).join(''), count: docs.length };
}

export async function renderCommand(env: string, opts: RenderOptions): Promise<void> {
  const { yaml, count } = renderWorkloads(env, opts);
  process.stdout.write(yaml);
  const app = process.env.ARGOCD_APP_NAME;
  process.stderr.write(`elastic-gitops render: ${env}: ${count} objects${app ? ` for Argo CD Application ${app}` : ''}\n`);
}
