// `elastic-gitops validate [paths...]`: check any YAML against the pinned schemas, CEL rules and cross-resource rules.
import { paintReport } from '../cli/terminal.js';
import { ChecksFailed, InputError } from '../errors.js';
import { formatReportJson, formatReportText } from './format.js';
import { validateManifests } from './index.js';
import { readManifests } from './read-manifests.js';

/** Options of the validate command (from commander). */
export interface ValidateCommandOptions {
  readonly output: 'text' | 'json';
  readonly ignoreMissingSchemas?: boolean;
  readonly strict?: boolean;
  readonly mirror?: string[];
  readonly kubernetesVersion?: string;
  readonly crd?: string[];
}

export async function validateCommand(paths: string[], opts: ValidateCommandOptions): Promise<void> {
  if (paths.length === 0) throw new InputError('validate needs files or directories (or - for stdin), e.g. `elastic-gitops validate dist/`');
  const docs = readManifests(paths);
  const report = await validateManifests(docs, {
    ignoreMissingSchemas: opts.ignoreMissingSchemas,
    strict: opts.strict,
    mirrors: opts.mirror,
    kubernetesVersion: opts.kubernetesVersion,
    crds: opts.crd,
  });
  process.stdout.write(opts.output === 'json' ? formatReportJson(report) : paintReport(formatReportText(report), process.stdout));
  if (report.invalid > 0) throw new ChecksFailed(`${report.invalid} invalid resource${report.invalid > 1 ? 's' : ''}`);
}
