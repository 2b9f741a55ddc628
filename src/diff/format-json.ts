// The diff for tools: the base, then every environment with its counts and changes (fields and patches included).
import type { RenderedBase } from './base-ref.js';
import type { EnvironmentDiff } from './environment-diff.js';

/** `{ base: { ref, commit, changedInputs? }, changed, environments: EnvironmentDiff[] }` (absent values: the field is missing). */
export function formatJson(diffs: readonly EnvironmentDiff[], base: RenderedBase): string {
  return `${JSON.stringify({ base, changed: diffs.some((d) => d.changes.length > 0), environments: diffs }, null, 2)}\n`;
}
