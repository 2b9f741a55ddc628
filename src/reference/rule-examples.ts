// One example per rule (src/validate/rules/examples/<id>.yaml): a small set of objects with the mistake the rule
// catches, and what the rule reports on it, produced by running the rules on the file (never written by hand).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readManifests } from '../validate/read-manifests.js';
import { runRules } from '../validate/rules/index.js';
import type { Problem } from '../validate/types.js';

/** The folder of the examples, one `<rule id>.yaml` each. */
export const RULE_EXAMPLES_DIR = fileURLToPath(new URL('../validate/rules/examples/', import.meta.url));

/** One rule's example: the YAML as written and the problems of that rule the rules report on it. */
export interface RuleExample {
  readonly yaml: string;
  readonly problems: readonly Problem[];
}

/** The example of rule `id`, as `validate` would check it (every rule runs; only `id`'s problems are kept). */
export function ruleExample(id: string): RuleExample {
  const file = `${RULE_EXAMPLES_DIR}${id}.yaml`;
  const problems = runRules(readManifests([file])).filter((p) => p.rule === id);
  return { yaml: readFileSync(file, 'utf8'), problems };
}

/** `<id>.yaml:12 Deployment web/web /spec/replicas: message`, as the reference shows a problem. */
export function exampleLine(id: string, p: Problem): string {
  const object = `${p.kind} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`;
  return `${id}.yaml:${p.line} ${p.severity}: ${object}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}
