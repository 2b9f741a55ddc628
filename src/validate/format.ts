// Prints a validation report for people (one line per problem) or machines (JSON).
import type { ValidationReport } from './types.js';

/** `file:line  Kind namespace/name  /json/pointer  message` lines, then the summary. */
export function formatReportText(report: ValidationReport): string {
  const lines = report.problems.map((p) => {
    const id = p.namespace ? `${p.namespace}/${p.name}` : p.name;
    const tag = p.severity === 'error' ? '' : `${p.severity}: `;
    const rule = p.rule ? ` [${p.rule}]` : '';
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
