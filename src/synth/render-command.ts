// `elastic-gitops render <env>`: one environment's rendered YAML on stdout, for piping (`| kubectl apply -f -`), as
// `helm template` and `kustomize build` print theirs. Nothing is written.
import { parse } from 'yaml';
import { paintReport } from '../cli/terminal.js';
import { ChecksFailed } from '../errors.js';
import { formatReportText } from '../validate/format.js';
import { validateManifests } from '../validate/index.js';
import { compile } from './compile.js';
import { GENERATED_MARKER, toYaml } from './serialize.js';

/** Options of the render command (from commander, after src/cli/grammar.ts). */
export interface RenderOptions {
  readonly environments: string;
  readonly output: 'yaml' | 'json';
  readonly validate: boolean;
  /** Rule warnings are errors (`--warnings-as-errors`). @default false */
  readonly warningsAsErrors?: boolean;
  /**
   * Only what the workloads Application applies (the environment folder's own files; its subfolders are applied by other
   * Applications), unvalidated (the pull request's CI did), `---`-separated, and one note on stderr: the generate
   * command of the Argo CD Config Management Plugin (Source Hydrator delivery). @default false
   */
  readonly workloads?: boolean;
}

export async function renderCommand(env: string, opts: RenderOptions): Promise<void> {
  const [compiled] = compile({ environmentsDir: opts.environments, only: [env] });
  const { files, docs } = compiled!;
  if (opts.workloads) {
    const own = docs.filter((d) => !d.file.slice(env.length + 1).includes('/'));
    process.stdout.write(own.map((d) => `---\n${toYaml(d.object)}`).join(''));
    const app = process.env.ARGOCD_APP_NAME;
    process.stderr.write(`elastic-gitops render: ${env}: ${own.length} objects${app ? ` for Argo CD Application ${app}` : ''}\n`);
    return;
  }
  if (opts.validate) {
    const report = await validateManifests(docs, { warningsAsErrors: opts.warningsAsErrors });
    if (report.problems.length > 0 || report.notEvaluated.length > 0) process.stderr.write(paintReport(formatReportText(report)));
    if (report.invalid > 0) throw new ChecksFailed(`${report.invalid} rendered resource${report.invalid > 1 ? 's' : ''} failed validation`);
  }
  const order = applyOrder(files);
  if (opts.output === 'json') {
    const rank = new Map(order.map((f, i) => [`${env}/${f}`, i]));
    const items = [...docs].sort((a, b) => rank.get(a.file)! - rank.get(b.file)! || a.line - b.line).map((d) => d.object);
    process.stdout.write(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2)}\n`);
    return;
  }
  process.stdout.write(order.map((name) => `# Source: ${env}/${name}\n${withoutHeader(files.get(name)!)}`).join(''));
}

/**
 * The YAML files of an environment folder in the order they apply: first each subfolder the GitOps engine applies on
 * its own and first (`argocd/`, `operators/`: not listed by the environment's kustomization), by name, then the
 * environment's kustomization; each folder in its `kustomization.yaml`'s `resources` order.
 */
export function applyOrder(files: ReadonlyMap<string, string>): string[] {
  const resourcesOf = (folder: string): string[] => {
    const kustomization = files.get(`${folder}kustomization.yaml`);
    return kustomization === undefined ? [] : ((parse(kustomization) as { resources?: string[] } | null)?.resources ?? []);
  };
  const order: string[] = [];
  const visit = (folder: string): void => {
    for (const r of resourcesOf(folder)) {
      if (files.has(`${folder}${r}`)) order.push(`${folder}${r}`);
      else visit(`${folder}${r.replace(/\/$/, '')}/`);
    }
  };
  const listed = new Set(resourcesOf('').map((r) => `${r.replace(/\/$/, '')}/`));
  const subfolders = [...files.keys()].filter((f) => /^[^/]+\/kustomization\.yaml$/.test(f)).map((f) => f.slice(0, -'kustomization.yaml'.length));
  for (const folder of subfolders.sort()) if (!listed.has(folder)) visit(folder);
  visit('');
  // a YAML file no kustomization lists still belongs to the environment
  const rest = [...files.keys()].filter((f) => /\.ya?ml$/.test(f) && !/(^|\/)kustomization\.yaml$/.test(f) && !order.includes(f));
  return [...order, ...rest.sort()];
}

function withoutHeader(text: string): string {
  return text.startsWith(GENERATED_MARKER) ? text.slice(text.indexOf('\n') + 1) : text;
}
