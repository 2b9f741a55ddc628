// The diff for tools: the base, then every environment with its counts and changes (fields and patches included).
import type { BaseRef } from './base-ref.js';
import type { EnvironmentDiff } from './environment-diff.js';

/** `{ base: { ref, commit }, changed, environments: EnvironmentDiff[] }` (absent values: the field is missing). */
export function formatJson(diffs: readonly EnvironmentDiff[], base: BaseRef): string {
  return `${JSON.stringify({ base, changed: diffs.some((d) => d.changes.length > 0), environments: diffs }, null, 2)}\n`;
}
