// docs/reference/cli.md: every command with its arguments and options, from the commander definition
// (src/cli/program.ts), and the exit codes (src/exit-codes.ts).
import type { Command } from 'commander';
import { program } from '../cli/program.js';
import { EXIT_CODES } from '../exit-codes.js';
import { code, table } from './markdown.js';

/** The page: the exit codes, then one section per command, nested ones included. */
export function cliReference(): string {
  const exits = table(
    ['code', 'meaning', 'e.g.'],
    EXIT_CODES.map((e) => [code(String(e.code)), e.meaning, e.examples]),
  );
  const sections = program.commands.flatMap((c) => commandSections(c, 'elastic-gitops'));
  return `# Command reference

Every command of \`elastic-gitops\` with its arguments and options, generated from the command-line definition
(\`src/cli/program.ts\`); \`elastic-gitops help <command>\` prints the same. The grammar they share and what each command
does: [the command line](../cli.md). Global options: ${program.options.map((o) => code(o.flags)).join(', ')}, \`-h, --help\`.

## Exit codes

The same for every command:

${exits}

${sections.join('\n')}`;
}

function commandSections(command: Command, parent: string): string[] {
  const name = `${parent} ${command.name()}`;
  const args = command.registeredArguments.map((a) => [
    code(a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`),
    [
      a.description,
      a.argChoices ? `one of ${a.argChoices.join(', ')}` : '',
      a.defaultValue !== undefined ? `default ${code(String(a.defaultValue))}` : '',
    ]
      .filter((s) => s !== '')
      .join('; '),
  ]);
  const options = command.options
    .filter((o) => !o.hidden)
    .map((o) => [
      code(o.flags),
      [
        o.description,
        o.argChoices ? `one of ${o.argChoices.join(', ')}` : '',
        o.mandatory ? 'required' : '',
        o.defaultValue !== undefined && typeof o.defaultValue !== 'boolean' ? `default ${code(String(o.defaultValue))}` : '',
      ]
        .filter((s) => s !== '')
        .join('; '),
    ]);
  const own = command.commands.length > 0 && args.length === 0 && options.length === 0;
  const parts = [
    `## ${name}`,
    command.description(),
    own ? '' : `\`\`\`\n${name} ${command.usage()}\n\`\`\``,
    args.length > 0 ? table(['argument', 'what'], args) : '',
    options.length > 0 ? table(['option', 'what'], options) : '',
  ].filter((s) => s !== '');
  return [`${parts.join('\n\n')}\n`, ...command.commands.flatMap((c) => commandSections(c, name))];
}
