// docs/reference/rules.md: every cross-resource rule with its severity, what it checks and an example, from the rule
// registry and the rules run on src/validate/rules/examples/<id>.yaml.
import { RULES } from '../validate/rules/index.js';
import { table } from './markdown.js';
import { exampleLine, ruleExample } from './rule-examples.js';

/** One rule's example section: the YAML, then what the rule reports on it. */
function exampleSection(id: string): string {
  const { yaml, problems } = ruleExample(id);
  const fence = (info: string, text: string) => `\`\`\`${info}\n${text.trimEnd()}\n\`\`\``;
  return `Example (\`src/validate/rules/examples/${id}.yaml\`):\n\n${fence('yaml', yaml)}\n\nreports:\n\n${fence('text', problems.map((p) => exampleLine(id, p)).join('\n'))}\n`;
}

/** The page: a table of the rules, then one section per rule (its paragraph, `Rule.doc`, and its example). */
export function rulesReference(): string {
  const index = table(
    ['rule', 'severity'],
    RULES.map((r) => [`[\`${r.id}\`](#${r.id})`, r.severity]),
  );
  const sections = RULES.map((r) => `## ${r.id}\n\n*${r.severity}.* ${r.doc}\n\n${exampleSection(r.id)}`);
  return `# Rule reference

Every cross-resource rule of \`validate\` and \`synth\`, in the order they run (\`src/validate/rules/\`, one file per rule).
Errors fail (exit 1); warnings pass unless \`--warnings-as-errors\`. How rules are applied: [rules](../rules.md).

${index}

${sections.join('\n')}`;
}
