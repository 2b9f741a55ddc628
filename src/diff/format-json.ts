// The diff for tools: the base, then every environment with its counts and changes (fields and patches included).
import type { RenderedBase } from './base-ref.js';
import type { EnvironmentDiff } from './environment-diff.js';
import { needsCare } from './needs-care.js';
import { RISKS, type Risk } from './risk/risk.js';

/**
 * `{ base: { ref, commit, changedInputs? }, changed, risk, needsCare, environments: EnvironmentDiff[] }` (absent
 * values: the field is missing). `risk`: the worst risk of a change not acknowledged (`plain` without any) and the
 * changes per risk over all environments; each change carries `risk`, `reasons` (and `renamed`, `acknowledged`).
 */
export function formatJson(diffs: readonly EnvironmentDiff[], base: RenderedBase): string {
  const counts = Object.fromEntries(RISKS.map((r) => [r, diffs.reduce((n, d) => n + d.risks[r], 0)])) as Record<Risk, number>;
  const open = new Set(diffs.flatMap((d) => d.changes.filter((c) => !c.acknowledged).map((c) => c.risk)));
  const risk = { worst: RISKS.find((r) => open.has(r)) ?? 'plain', counts };
  return `${JSON.stringify({ base, changed: diffs.some((d) => d.changes.length > 0), risk, needsCare: needsCare(diffs), environments: diffs }, null, 2)}\n`;
}
