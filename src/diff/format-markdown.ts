// The diff as a pull-request comment: "Needs care" (destructive and immutable changes, with what to do), a summary
// table per environment, then per environment a one-paragraph summary and one collapsible section per changed
// resource (risk, fields old → new and the YAML diff), cut with a count past a number of resources or a size.
import { compilerNote, type RenderedBase } from './base-ref.js';
import type { EnvironmentDiff, ResourceChange } from './environment-diff.js';
import { formatValue } from './format-value.js';
import { needsCare, type CareItem } from './needs-care.js';

/** How much of a large diff the comment shows. */
export interface MarkdownLimits {
  /** Resources that get a section; the others are counted. @default 50 */
  readonly maxResources?: number;
  /** Lines of one resource's diff shown. @default 150 */
  readonly maxPatchLines?: number;
  /** Length of the whole comment in characters (GitHub refuses comments over 65,536). @default 60000 */
  readonly maxChars?: number;
}

export const MARKDOWN_DEFAULTS: Required<MarkdownLimits> = { maxResources: 50, maxPatchLines: 150, maxChars: 60_000 };
/** Room kept for the closing line that counts the resources not shown. */
const CLOSING_ROOM = 400;

export function formatMarkdown(diffs: readonly EnvironmentDiff[], base: RenderedBase, limits: MarkdownLimits = {}): string {
  const { maxResources, maxPatchLines, maxChars } = { ...MARKDOWN_DEFAULTS, ...limits };
  const care = needsCare(diffs);
  const head = [
    `### Rendered changes against ${code(base.ref)} (${code(base.commit.slice(0, 12))})${compilerNote(base)}`,
    '',
    ...(care.length > 0 ? ['#### Needs care', '', ...care.map(careLine), ''] : []),
    '| environment | added | changed | removed |',
    '|---|---:|---:|---:|',
    ...diffs.map(
      (d) =>
        `| ${cell(d.env)}${d.status === 'both' ? '' : ` (environment ${d.status})`} | ${d.counts.added} | ${d.counts.changed} | ${d.counts.removed} |`,
    ),
  ];
  if (!diffs.some((d) => d.changes.length > 0)) return `${[...head, '', 'No rendered resource changes.'].join('\n')}\n`;

  let text = head.join('\n');
  let shown = 0;
  const hidden = new Map<string, number>();
  for (const d of diffs) {
    let heading = `\n\n#### ${d.env}${d.status === 'both' ? '' : ` (environment ${d.status})`}${d.summary === '' ? '' : `\n\n${d.summary}.`}`;
    for (const change of d.changes) {
      const section = `${heading}\n\n${resourceSection(change, maxPatchLines)}`;
      if (hidden.size > 0 || shown >= maxResources || text.length + section.length > maxChars - CLOSING_ROOM) {
        hidden.set(d.env, (hidden.get(d.env) ?? 0) + 1);
        continue;
      }
      text += section;
      heading = '';
      shown++;
    }
  }
  if (hidden.size > 0) {
    const total = [...hidden.values()].reduce((a, b) => a + b, 0);
    const per = [...hidden].map(([env, n]) => `${env}: ${n}`).join(', ');
    text += `\n\n**… ${total} more changed resource${total > 1 ? 's' : ''} not shown** (${per}). Run \`elastic-gitops diff\` locally for all.`;
  }
  return `${text}\n`;
}

/** `- **immutable** dev: changed `apps/Deployment web/web` — Argo CD will fail to sync: spec.selector is immutable (…) — add …` */
function careLine(item: CareItem): string {
  const what = item.renamedTo ? `${code(item.id)} renamed to ${code(item.renamedTo)}` : `${item.change} ${code(item.id)}`;
  return `- **${item.risk}**${item.acknowledged ? ' (acknowledged)' : ''} ${item.env}: ${what} — ${item.message}${item.advice ? ` — ${item.advice}` : ''}`;
}

function resourceSection(change: ResourceChange, maxPatchLines: number): string {
  const lines = change.patch.trimEnd().split('\n');
  const patch = lines.length > maxPatchLines ? [...lines.slice(0, maxPatchLines), `… ${lines.length - maxPatchLines} more lines`] : lines;
  const fence = '`'.repeat(Math.max(3, longestRun(change.patch, '`') + 1));
  const fields = change.fields.map((f) => `- ${code(f.path)}: ${code(formatValue(f.before))} → ${code(formatValue(f.after))}`);
  const risk = change.risk === 'plain' ? '' : ` — <b>${change.risk}</b>${change.acknowledged ? ' (acknowledged)' : ''}`;
  const renamed = !change.renamed
    ? ''
    : change.change === 'removed'
      ? ` (renamed to <code>${html(change.renamed.to)}</code>)`
      : ` (renamed from <code>${html(change.renamed.from)}</code>)`;
  const reasons = change.reasons.map(
    (r) => `> **${r.risk}**${r.path === '' ? '' : ` ${code(r.path)}`}: ${r.message}${r.advice ? ` — ${r.advice}` : ''}`,
  );
  return [
    `<details><summary>${change.change} <code>${html(change.id)}</code>${renamed} in ${html(change.file)}${risk}</summary>`,
    '',
    ...(reasons.length > 0 ? [reasons.join('\n>\n'), ''] : []),
    ...(fields.length > 0 ? [...fields, ''] : []),
    `${fence}diff`,
    ...patch,
    fence,
    '',
    '</details>',
  ].join('\n');
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  return ticks.length === 1 ? `\`${text}\`` : `${ticks} ${text} ${ticks}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
