// `elastic-gitops help [command...]`: the help of any command, nested ones included (`help schemas sync`).
import type { Command } from 'commander';
import { InputError } from '../errors.js';

export function helpCommand(program: Command, names: readonly string[]): void {
  let command = program;
  for (const [i, name] of names.entries()) {
    const sub = command.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!sub) {
      const known = command.commands.map((c) => c.name()).join(', ');
      throw new InputError(
        `unknown command "${names.slice(0, i + 1).join(' ')}" (commands${i > 0 ? ` of ${names.slice(0, i).join(' ')}` : ''}: ${known})`,
      );
    }
    command = sub;
  }
  command.outputHelp();
}
