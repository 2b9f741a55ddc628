// The diff for a terminal: "Needs care" (destructive and immutable changes), then per environment a summary, one line
// per resource with its risk and reasons, the changed fields and the YAML diff.
import { compilerNote, type RenderedBase } from './base-ref.js';
import type { EnvironmentDiff, ResourceChange } from './environment-diff.js';
import { formatValue } from './format-value.js';
import { needsCare } from './needs-care.js';

const SIGN: Record<ResourceChange['change'], string> = { added: '+', removed: '-', changed: '~' };

export function formatText(diffs: readonly EnvironmentDiff[], base: RenderedBase): string {
  const out = [`Rendered changes against ${base.ref} (${base.commit.slice(0, 12)})${compilerNote(base)}`];
  const care = needsCare(diffs);
  if (care.length > 0) {
    out.push('', 'Needs care:');
    for (const i of care) {
      const what = i.renamedTo ? `${i.id} renamed to ${i.renamedTo}` : `${i.change} ${i.id}`;
      out.push(`  ${i.risk}${i.acknowledged ? ' (acknowledged)' : ''} ${i.env}: ${what}: ${i.message}`, ...(i.advice ? [`    → ${i.advice}`] : []));
    }
  }
  for (const d of diffs) {
    const { added, changed, removed } = d.counts;
    const status = d.status === 'both' ? '' : ` (environment ${d.status})`;
    out.push('', `${d.env}${status}: ${added} added, ${changed} changed, ${removed} removed`);
    if (d.summary !== '') out.push(`  ${d.summary}`);
    for (const c of d.changes) {
      const risk = c.risk === 'plain' ? '' : `  [${c.risk}${c.acknowledged ? ', acknowledged' : ''}]`;
      const renamed = !c.renamed ? '' : c.change === 'removed' ? ` renamed to ${c.renamed.to}` : ` renamed from ${c.renamed.from}`;
      out.push(`  ${SIGN[c.change]} ${c.id}${renamed}  (${c.file})${risk}`);
      for (const r of c.reasons) out.push(`      ! ${r.risk}${r.path === '' ? '' : ` ${r.path}`}: ${r.message}`);
      if (c.change !== 'changed') continue;
      for (const f of c.fields) out.push(`      ${f.path}: ${formatValue(f.before)} → ${formatValue(f.after)}`);
      out.push(
        ...c.patch
          .trimEnd()
          .split('\n')
          .map((l) => `      ${l}`),
      );
    }
  }
  return `${out.join('\n')}\n`;
}
