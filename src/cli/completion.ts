// Shell completion scripts generated from commander's command tree (commander has no generator of its own): every
// command, nested ones included, its flags (deprecated ones hidden) and the values of `-o` and choice options.
import type { Command, Option } from 'commander';
import { formatsFor } from './grammar.js';

export type Shell = 'bash' | 'zsh' | 'fish';

interface Node {
  /** Space-separated command path, `''` for the program. */
  readonly path: string;
  readonly command: Command;
}

export function completionScript(program: Command, shell: Shell): string {
  if (shell === 'fish') return fishScript(program);
  const bash = bashScript(program);
  // zsh runs the bash function through its bashcompinit layer
  return shell === 'zsh' ? `#compdef ${program.name()}\nautoload -U +X bashcompinit && bashcompinit\n${bash}` : bash;
}

function nodes(program: Command): Node[] {
  const out: Node[] = [];
  const walk = (command: Command, path: string): void => {
    out.push({ path, command });
    for (const sub of command.commands) walk(sub, path === '' ? sub.name() : `${path} ${sub.name()}`);
  };
  walk(program, '');
  return out;
}

function visibleOptions(command: Command): Option[] {
  return command.options.filter((o) => !o.hidden);
}

function flagsOf(command: Command): string[] {
  const flags = visibleOptions(command).flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined));
  return [...flags, '-h', '--help'];
}

/** Values a command's arguments take, when they are a known set (`completion bash|zsh|fish`). */
function argumentChoices(command: Command): string[] {
  return command.registeredArguments.flatMap((a) => a.argChoices ?? []);
}

/** Values an option takes, when they are a known set. */
function valuesOf(command: Command, option: Option): readonly string[] {
  if (option.long === '--output') return formatsFor(command);
  return option.argChoices ?? [];
}

function bashScript(program: Command): string {
  const name = program.name();
  const fn = `_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const all = nodes(program);
  const transitions = all
    .filter((n) => n.path !== '')
    .map((n) => {
      const parent = n.path.includes(' ') ? n.path.slice(0, n.path.lastIndexOf(' ')) : '';
      return `"${parent}/${n.command.name()}") path="${n.path}" ;;`;
    });
  const words = all.map(
    (n) =>
      `    "${n.path}") words="${[...n.command.commands.map((c) => c.name()), ...argumentChoices(n.command), ...flagsOf(n.command)].join(' ')}" ;;`,
  );
  const values = all.flatMap((n) =>
    visibleOptions(n.command)
      .filter((o) => valuesOf(n.command, o).length > 0)
      .map(
        (o) =>
          `    ${[o.short, o.long]
            .filter(Boolean)
            .map((f) => `"${n.path}/${f}"`)
            .join('|')}) COMPREPLY=($(compgen -W "${valuesOf(n.command, o).join(' ')}" -- "$cur")); return ;;`,
      ),
  );
  return `# ${name} completion for bash: source it, or save it as /etc/bash_completion.d/${name}
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" words="" w i
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$path/$w" in
${transitions.map((t) => `      ${t}`).join('\n')}
    esac
  done
  case "$path/$prev" in
${values.join('\n')}
  esac
  case "$path" in
${words.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F ${fn} ${name}
`;
}

function fishScript(program: Command): string {
  const name = program.name();
  const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [`# ${name} completion for fish: save it as ~/.config/fish/completions/${name}.fish`, `complete -c ${name} -f`];
  for (const n of nodes(program)) {
    const names = n.path === '' ? [] : n.path.split(' ');
    const children = n.command.commands.map((c) => c.name());
    // the condition "this command is the one being typed": its path seen, none of its subcommands yet
    const here = [
      names.length === 0 ? '__fish_use_subcommand' : names.map((w) => `__fish_seen_subcommand_from ${w}`).join('; and '),
      ...(names.length > 0 && children.length > 0 ? [`not __fish_seen_subcommand_from ${children.join(' ')}`] : []),
    ].join('; and ');
    for (const c of n.command.commands) lines.push(`complete -c ${name} -n ${quote(here)} -a ${c.name()} -d ${quote(c.description())}`);
    const choices = argumentChoices(n.command);
    if (choices.length > 0) lines.push(`complete -c ${name} -n ${quote(here)} -a ${quote(choices.join(' '))}`);
    for (const o of visibleOptions(n.command)) {
      const flags = [o.short ? `-s ${o.short.slice(1)}` : '', o.long ? `-l ${o.long.slice(2)}` : ''].filter(Boolean).join(' ');
      const values = valuesOf(n.command, o);
      const arg = o.required || o.optional ? (values.length > 0 ? ` -x -a ${quote(values.join(' '))}` : ' -r') : '';
      lines.push(`complete -c ${name} -n ${quote(here)} ${flags}${arg} -d ${quote(o.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
