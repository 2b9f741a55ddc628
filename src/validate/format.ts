// Prints a validation report for people (one line per problem) or machines (JSON).
import type { Problem, ValidationReport } from './types.js';

/**
 * `file:line  Kind namespace/name  /json/pointer  message` lines, then the summary. `at` may name the source of a
 * problem (`environments/dev.yaml:23:14 apps[0].image`): the line then starts there and names the rendered field after.
 */
export function formatReportText(report: ValidationReport, at?: (p: Problem) => string | undefined): string {
  const lines = report.problems.map((p) => {
    const id = p.namespace ? `${p.namespace}/${p.name}` : p.name;
    const tag = p.severity === 'error' ? '' : `${p.severity}: `;
    const rule = p.rule ? ` [${p.rule}]` : '';
    const source = at?.(p);
    if (source) return `${source}: ${tag}${p.message}${rule}\n    rendered: ${p.file}:${p.line}  ${p.kind} ${id}  ${p.path || '/'}`;
    return `${p.file}:${p.line}  ${p.kind} ${id}  ${p.path || '/'}  ${tag}${p.message}${rule}`;
  });
  for (const n of report.notEvaluated) lines.push(`not evaluated (${n.count}x): CEL rule \`${n.rule}\`: ${n.reason}`);
  const warnings = report.problems.filter((p) => p.severity === 'warning').length;
  lines.push(
    `${report.resources} resources: ${report.valid} valid, ${report.invalid} invalid, ${report.skipped} skipped` +
      (warnings > 0 ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : '') +
      (report.notEvaluated.length > 0 ? `, ${report.notEvaluated.length} CEL rules not evaluated` : ''),
  );
  return `${lines.join('\n')}\n`;
}

export function formatReportJson(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
