// docs/reference/rules.md: every cross-resource rule with its severity and what it checks, from the rule registry.
import { RULES } from '../validate/rules/index.js';
import { table } from './markdown.js';

/** The page: a table of the rules, then one section per rule (its paragraph, `Rule.doc`). */
export function rulesReference(): string {
  const index = table(
    ['rule', 'severity'],
    RULES.map((r) => [`[\`${r.id}\`](#${r.id})`, r.severity]),
  );
  const sections = RULES.map((r) => `## ${r.id}\n\n*${r.severity}.* ${r.doc}\n`);
  return `# Rule reference

Every cross-resource rule of \`validate\` and \`synth\`, in the order they run (\`src/validate/rules/\`, one file per rule).
Errors fail (exit 1); warnings pass unless \`--warnings-as-errors\`. How rules are applied: [rules](../rules.md).

${index}

${sections.join('\n')}`;
}
