// `diff --fail-on <risk>`: the changes that fail a required CI check, worst first.
import type { EnvironmentDiff } from '../environment-diff.js';
import { atLeast, RISKS, type Risk } from './risk.js';

/** `prod: destructive core/Namespace web (renamed to core/Namespace www)` for each change at least as risky as `threshold` and not acknowledged. */
export function failingChanges(diffs: readonly EnvironmentDiff[], threshold: Exclude<Risk, 'plain'>): string[] {
  return diffs
    .flatMap((d) => d.changes.filter((c) => c.risk !== 'plain' && atLeast(c.risk, threshold) && !c.acknowledged).map((c) => ({ env: d.env, c })))
    .sort((a, b) => RISKS.indexOf(a.c.risk) - RISKS.indexOf(b.c.risk))
    .map(({ env, c }) => `${env}: ${c.risk} ${c.change} ${c.id}${c.renamed && c.change === 'removed' ? ` (renamed to ${c.renamed.to})` : ''}`);
}
