// The diff for a terminal: per environment, one line per resource, the changed fields and the YAML diff.
import { compilerNote, type RenderedBase } from './base-ref.js';
import type { EnvironmentDiff, ResourceChange } from './environment-diff.js';
import { formatValue } from './format-value.js';

const SIGN: Record<ResourceChange['change'], string> = { added: '+', removed: '-', changed: '~' };

export function formatText(diffs: readonly EnvironmentDiff[], base: RenderedBase): string {
  const out = [`Rendered changes against ${base.ref} (${base.commit.slice(0, 12)})${compilerNote(base)}`];
  for (const d of diffs) {
    const { added, changed, removed } = d.counts;
    const status = d.status === 'both' ? '' : ` (environment ${d.status})`;
    out.push('', `${d.env}${status}: ${added} added, ${changed} changed, ${removed} removed`);
    for (const c of d.changes) {
      out.push(`  ${SIGN[c.change]} ${c.id}  (${c.file})`);
      if (c.change !== 'changed') continue;
      for (const f of c.fields) out.push(`      ${f.path}: ${formatValue(f.before)} → ${formatValue(f.after)}`);
      out.push(...c.patch.trimEnd().split('\n').map((l) => `      ${l}`));
    }
  }
  return `${out.join('\n')}\n`;
}
