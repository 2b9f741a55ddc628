// Renders environment diffs as text (terminal), markdown (a PR comment) or JSON (tools).
import type { EnvironmentDiff, FieldChange, ResourceChange } from './resource-diff.js';

/** How many changed resources get a full section in markdown before the rest are only counted. */
export const MARKDOWN_RESOURCE_LIMIT = 50;
/** Longest patch shown per resource in markdown, in lines. */
const MARKDOWN_PATCH_LINES = 200;

function counts(d: EnvironmentDiff): Record<ResourceChange['change'], number> {
  const c = { added: 0, changed: 0, removed: 0 };
  for (const ch of d.changes) c[ch.change]++;
  return c;
}

function value(v: unknown): string {
  return v === undefined ? '(none)' : JSON.stringify(v);
}

function field(f: FieldChange): string {
  return `${f.path}: ${value(f.before)} → ${value(f.after)}`;
}

export function formatText(diffs: readonly EnvironmentDiff[]): string {
  const out: string[] = [];
  for (const d of diffs) {
    const c = counts(d);
    const status = d.status === 'both' ? '' : ` (environment ${d.status})`;
    out.push(`${d.env}${status}: ${c.added} added, ${c.changed} changed, ${c.removed} removed`);
    for (const ch of d.changes) {
      out.push(`  ${ch.change === 'added' ? '+' : ch.change === 'removed' ? '-' : '~'} ${ch.id}`);
      for (const f of ch.fields) out.push(`      ${field(f)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function formatMarkdown(diffs: readonly EnvironmentDiff[], base: string): string {
  const out: string[] = [`### Rendered changes against \`${base}\``, '', '| environment | added | changed | removed |', '|---|---:|---:|---:|'];
  for (const d of diffs) {
    const c = counts(d);
    out.push(`| ${d.env}${d.status === 'both' ? '' : ` (${d.status})`} | ${c.added} | ${c.changed} | ${c.removed} |`);
  }
  let shown = 0;
  let hidden = 0;
  for (const d of diffs) {
    if (d.changes.length === 0) continue;
    out.push('', `#### ${d.env}`, '');
    for (const ch of d.changes) {
      if (shown >= MARKDOWN_RESOURCE_LIMIT) {
        hidden++;
        continue;
      }
      shown++;
      const lines = ch.patch.split('\n');
      const patch = lines.length > MARKDOWN_PATCH_LINES ? [...lines.slice(0, MARKDOWN_PATCH_LINES), `… ${lines.length - MARKDOWN_PATCH_LINES} more lines`].join('\n') : ch.patch;
      const fields = ch.fields.length > 0 ? `\n${ch.fields.map((f) => `- \`${f.path}\`: \`${value(f.before)}\` → \`${value(f.after)}\``).join('\n')}\n` : '';
      out.push(`<details><summary>${ch.change} <code>${ch.id}</code></summary>\n${fields}\n\`\`\`diff\n${patch.trimEnd()}\n\`\`\`\n\n</details>`);
    }
  }
  if (hidden > 0) out.push('', `… and ${hidden} more changed resource${hidden > 1 ? 's' : ''} (run \`elastic-gitops diff\` locally for all).`);
  return `${out.join('\n')}\n`;
}

export function formatJson(diffs: readonly EnvironmentDiff[], base: string): string {
  return `${JSON.stringify({ base, environments: diffs }, null, 2)}\n`;
}
