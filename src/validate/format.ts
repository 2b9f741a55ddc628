// Prints a validation report for people (one line per problem, then kubeconform's summary line) or machines (JSON,
// whose shape src/validate/report.schema.json documents). JUnit, TAP and GitHub annotations: format-*.ts.
import type { ObjectResult, Problem, ValidationReport } from './types.js';

/** `Kind namespace/name` (`Kind name` when cluster-scoped): how every report format names an object. */
export function objectName(o: Pick<ObjectResult, 'kind' | 'namespace' | 'name'>): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** How the text report names its input and where problems come from. */
export interface TextReportOptions {
  /**
   * The source of a problem (`environments/dev.yaml:23:14 apps[0].image`): its line then starts there and names the
   * rendered field after. @default the rendered place only
   */
  readonly at?: (p: Problem) => string | undefined;
  /** Whether the input was stdin only (the summary then says `parsing stdin`, as kubeconform's). @default false */
  readonly stdin?: boolean;
}

/**
 * `file:line  Kind namespace/name  /json/pointer  message` lines, the CEL rules not evaluated, the warnings count,
 * then kubeconform's summary line.
 */
export function formatReportText(report: ValidationReport, opts: TextReportOptions = {}): string {
  const lines = report.problems.map((p) => {
    const tag = p.severity === 'error' ? '' : `${p.severity}: `;
    const rule = p.rule ? ` [${p.rule}]` : '';
    const source = opts.at?.(p);
    if (source) return `${source}: ${tag}${p.message}${rule}\n    rendered: ${p.file}:${p.line}  ${objectName(p)}  ${p.path || '/'}`;
    return `${p.file}:${p.line}  ${objectName(p)}  ${p.path || '/'}  ${tag}${p.message}${rule}`;
  });
  for (const n of report.notEvaluated) lines.push(`not evaluated (${n.count}x): CEL rule \`${n.rule}\`: ${n.reason}`);
  const warnings = report.problems.filter((p) => p.severity === 'warning').length;
  const notes = [
    ...(warnings > 0 ? [`${warnings} warning${warnings > 1 ? 's' : ''}`] : []),
    ...(report.notEvaluated.length > 0 ? [`${report.notEvaluated.length} CEL rules not evaluated`] : []),
  ];
  if (notes.length > 0) lines.push(notes.join(', '));
  lines.push(summaryLine(report, opts.stdin ?? false));
  return `${lines.join('\n')}\n`;
}

/**
 * kubeconform's summary, word for word (pkg/output/text.go, Flush): `Summary: 2 resources found in 1 file - Valid: 1,
 * Invalid: 1, Errors: 0, Skipped: 0` (`found parsing stdin` for stdin). Its Invalid excludes the Errors.
 */
export function summaryLine(report: ValidationReport, stdin: boolean): string {
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  const where = stdin ? 'parsing stdin' : `in ${plural(report.files, 'file')}`;
  return (
    `Summary: ${plural(report.resources, 'resource')} found ${where} - ` +
    `Valid: ${report.valid}, Invalid: ${report.invalid - report.errors}, Errors: ${report.errors}, Skipped: ${report.skipped}`
  );
}

export function formatReportJson(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Each object of the report with its problems: those of its file from its line up to the next object's (problems sit
 * at the lines of their fields, inside their object's document; objects and problems are both in file and line order).
 */
export function objectsWithProblems(report: ValidationReport): { object: ObjectResult; problems: Problem[] }[] {
  const objects = report.objects ?? [];
  const out = objects.map((object) => ({ object, problems: [] as Problem[] }));
  let i = 0;
  for (const p of report.problems) {
    while (i < objects.length && objects[i]!.file < p.file) i++;
    while (i + 1 < objects.length && objects[i + 1]!.file === p.file && objects[i + 1]!.line <= p.line) i++;
    if (out[i]?.object.file === p.file) out[i]!.problems.push(p);
  }
  return out;
}
