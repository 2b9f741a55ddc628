// The changes a reviewer must not miss, for the top of the diff: every destructive and immutable change with its
// reason and what to do, worst first, acknowledged ones marked.
import type { EnvironmentDiff } from './environment-diff.js';
import { RISKS, type Risk } from './risk/risk.js';

/** One line of "Needs care". */
export interface CareItem {
  readonly risk: Extract<Risk, 'destructive' | 'immutable'>;
  readonly env: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly id: string;
  /** For a rename: the id of the object it becomes. */
  readonly renamedTo?: string;
  /** Field concerned (JSON pointer, '' for the whole object). */
  readonly path: string;
  readonly message: string;
  readonly advice?: string;
  readonly acknowledged: boolean;
}

/** Every destructive or immutable reason of the diffs, worst first, then by environment and id. */
export function needsCare(diffs: readonly EnvironmentDiff[]): CareItem[] {
  const items: CareItem[] = [];
  for (const d of diffs) {
    for (const c of d.changes) {
      for (const r of c.reasons) {
        if (r.risk !== 'destructive' && r.risk !== 'immutable') continue;
        items.push({
          risk: r.risk,
          env: d.env,
          change: c.change,
          id: c.id,
          ...(c.renamed && c.change === 'removed' ? { renamedTo: c.renamed.to } : {}),
          path: r.path,
          message: r.message,
          ...(r.advice ? { advice: r.advice } : {}),
          acknowledged: c.acknowledged === true,
        });
      }
    }
  }
  return items.sort((a, b) => RISKS.indexOf(a.risk) - RISKS.indexOf(b.risk) || (a.env < b.env ? -1 : a.env > b.env ? 1 : 0));
}
