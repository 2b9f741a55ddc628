// docs/reference/cli.md: every command with its arguments and options, from the commander definition
// (src/cli/program.ts), and the exit codes (src/exit-codes.ts).
import type { Argument, Command } from 'commander';
import { program } from '../cli/program.js';
import { EXIT_CODES } from '../exit-codes.js';
import { cell, code, table } from './markdown.js';

/** The exit codes as a table (the reference page and the README show it). */
export function exitCodesTable(): string {
  return table(
    ['code', 'meaning', 'e.g.'],
    EXIT_CODES.map((e) => [code(String(e.code)), e.meaning, e.examples]),
  );
}

/** Every command, nested ones included, with its arguments and what it does, as a table (for the README). */
export function commandsTable(): string {
  const rows = (command: Command, parent: string): string[][] => {
    const name = `${parent}${command.name()}`;
    const required = command.options.filter((o) => o.mandatory).map((o) => o.flags.replace(/^(-\w), --[\w-]+/, '$1'));
    const own =
      command.commands.length === 0 ? [[code([name, ...required, ...command.registeredArguments.map(usage)].join(' ')), command.description()]] : [];
    return [...own, ...command.commands.flatMap((c) => rows(c, `${name} `))];
  };
  return table(
    ['command', 'what'],
    program.commands.flatMap((c) => rows(c, '')),
  );
}

/** The page: the exit codes, then one section per command, nested ones included. */
export function cliReference(): string {
  const exits = exitCodesTable();
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
    code(usage(a)),
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
    cell(command.description()),
    own ? '' : `\`\`\`\n${name} ${command.usage()}\n\`\`\``,
    args.length > 0 ? table(['argument', 'what'], args) : '',
    options.length > 0 ? table(['option', 'what'], options) : '',
  ].filter((s) => s !== '');
  return [`${parts.join('\n\n')}\n`, ...command.commands.flatMap((c) => commandSections(c, name))];
}

/** `<env>`, `[paths...]`: an argument as usage lines write it. */
function usage(a: Argument): string {
  const name = `${a.name()}${a.variadic ? '...' : ''}`;
  return a.required ? `<${name}>` : `[${name}]`;
}
