// The CI formats of a validation report: JUnit XML for test-report widgets, TAP, and GitHub workflow commands that
// show each problem inline on the pull request.
import { objectName, objectsWithProblems } from './format.js';
import type { ObjectResult, Problem, ValidationReport } from './types.js';

const problemText = (p: Problem): string => `${p.path || '/'}: ${p.message}${p.rule ? ` [${p.rule}]` : ''}`;

const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * JUnit XML as kubeconform writes it (pkg/output/junit.go): one `<testsuite>` per file, one `<testcase>` per object,
 * `<failure>` for an invalid object, `<error>` for one that could not be checked, `<skipped/>` for a skipped one.
 */
export function formatReportJunit(report: ValidationReport): string {
  const byFile = new Map<string, ReturnType<typeof objectsWithProblems>>();
  for (const entry of objectsWithProblems(report)) {
    const list = byFile.get(entry.object.file) ?? [];
    list.push(entry);
    byFile.set(entry.object.file, list);
  }
  const count = (s: ObjectResult['status']) => (report.objects ?? []).filter((o) => o.status === s).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="elastic-gitops" tests="${report.resources}" failures="${count('invalid')}" errors="${count('error')}" skipped="${count('skipped')}">`,
  ];
  for (const [file, entries] of byFile) {
    const failures = entries.filter((e) => e.object.status === 'invalid').length;
    const errors = entries.filter((e) => e.object.status === 'error').length;
    const skipped = entries.filter((e) => e.object.status === 'skipped').length;
    lines.push(`  <testsuite name="${xml(file)}" tests="${entries.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`);
    for (const { object, problems } of entries) {
      const name = xml(`${objectName(object)} (line ${object.line})`);
      const errorsOf = problems.filter((p) => p.severity === 'error');
      if (object.status === 'valid') lines.push(`    <testcase name="${name}" classname="${xml(object.apiVersion)}"/>`);
      else {
        lines.push(`    <testcase name="${name}" classname="${xml(object.apiVersion)}">`);
        if (object.status === 'skipped') lines.push('      <skipped/>');
        else {
          const tag = object.status === 'error' ? 'error' : 'failure';
          const text = errorsOf.map((p) => `${p.file}:${p.line} ${problemText(p)}`).join('\n');
          lines.push(`      <${tag} message="${xml(errorsOf[0] ? problemText(errorsOf[0]) : object.status)}" type="${tag}">${xml(text)}</${tag}>`);
        }
        lines.push('    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** TAP version 13 (testanything.org/tap-version-13-specification.html): one test point per object, as kubeconform's tap output. */
export function formatReportTap(report: ValidationReport): string {
  const entries = objectsWithProblems(report);
  const lines = ['TAP version 13', `1..${entries.length}`];
  entries.forEach(({ object, problems }, i) => {
    const what = `${object.file}:${object.line} - ${objectName(object)}`;
    if (object.status === 'valid') lines.push(`ok ${i + 1} - ${what}`);
    else if (object.status === 'skipped') lines.push(`ok ${i + 1} - ${what} # SKIP`);
    else {
      lines.push(`not ok ${i + 1} - ${what} is ${object.status}`);
      for (const p of problems.filter((q) => q.severity === 'error')) lines.push(`  # ${p.line}: ${problemText(p)}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/**
 * GitHub Actions workflow commands, one per problem (docs.github.com/actions/reference/workflow-commands-for-github-actions
 * "Setting an error message"): `::error file=…,line=…,title=…::message`; warnings as `::warning`, notes as `::notice`.
 * Property values escape `%`, CR, LF, `:` and `,`; messages `%`, CR and LF (@actions/core command.ts).
 */
export function formatReportGithub(report: ValidationReport): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const level = { error: 'error', warning: 'warning', note: 'notice' } as const;
  const lines = report.problems.map((p) => {
    const title = p.rule ?? objectName(p);
    return `::${level[p.severity]} file=${prop(p.file)},line=${p.line},title=${prop(title)}::${data(`${objectName(p)} ${problemText(p)}`)}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
