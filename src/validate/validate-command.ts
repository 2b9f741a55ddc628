// `elastic-gitops validate [paths...]`: check any YAML against the pinned schemas, CEL rules and cross-resource rules.
import { paintReport } from '../cli/terminal.js';
import { minorOf } from '../schemas/lock.js';
import { ChecksFailed, InputError } from '../errors.js';
import { formatReportGithub, formatReportJunit, formatReportTap } from './format-ci.js';
import { formatReportJson, formatReportText } from './format.js';
import { validateManifests } from './index.js';
import { readInput, STDIN } from './read-manifests.js';
import type { ValidationReport } from './types.js';

/** Options of the validate command (from commander). */
export interface ValidateCommandOptions {
  readonly output: 'text' | 'json' | 'junit' | 'tap' | 'github';
  readonly ignoreMissingSchemas?: boolean;
  readonly warningsAsErrors?: boolean;
  readonly mirror?: string[];
  readonly kubernetesVersion?: string;
  readonly crd?: string[];
  readonly skip?: string[];
  readonly reject?: string[];
  readonly ignoreFilenamePattern?: string[];
}

/** `--skip a,b --skip c` → [a, b, c] */
const kinds = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((k) => k.trim())
    .filter((k) => k !== '');

const FORMATS: Record<ValidateCommandOptions['output'], (r: ValidationReport, stdin: boolean) => string> = {
  text: (r, stdin) => paintReport(formatReportText(r, { stdin }), process.stdout),
  json: (r) => formatReportJson(r),
  junit: (r) => formatReportJunit(r),
  tap: (r) => formatReportTap(r),
  github: (r) => formatReportGithub(r),
};

/**
 * Why there is nothing to validate, as kubeconform sees it: no manifest file in the paths, or empty stdin, is a
 * mistake in the input ("no resources found"); a file named or found that holds no document (blank, only comments,
 * an empty List) passes with 0 resources (acceptance.bats: "Pass when parsing a blank config file").
 */
export function noResources(
  input: { readonly docs: readonly unknown[]; readonly files: readonly string[] },
  paths: readonly string[],
): string | undefined {
  if (input.files.length === 0) return `no resources found: no .yaml, .yml or .json file in ${paths.join(', ')}`;
  if (input.docs.length === 0 && input.files.every((f) => f === STDIN)) return `no resources found in ${STDIN}`;
  return undefined;
}

export async function validateCommand(paths: string[], opts: ValidateCommandOptions): Promise<void> {
  if (paths.length === 0) throw new InputError('validate needs files or directories (or - for stdin), e.g. `elastic-gitops validate dist/`');
  const kubernetesVersion = opts.kubernetesVersion === undefined ? undefined : minorOf(opts.kubernetesVersion);
  const input = readInput(paths, { ignoreFilenamePatterns: opts.ignoreFilenamePattern });
  const none = noResources(input, paths);
  if (none) throw new InputError(none);
  const report = await validateManifests(input.docs, {
    ignoreMissingSchemas: opts.ignoreMissingSchemas,
    warningsAsErrors: opts.warningsAsErrors,
    mirrors: opts.mirror,
    kubernetesVersion,
    crds: opts.crd,
    skipKinds: kinds(opts.skip),
    rejectKinds: kinds(opts.reject),
    files: input.files.length,
  });
  process.stdout.write(FORMATS[opts.output](report, input.files.length === 1 && input.files[0] === STDIN));
  if (report.invalid > 0) throw new ChecksFailed(`${report.invalid} invalid resource${report.invalid > 1 ? 's' : ''}`);
}
