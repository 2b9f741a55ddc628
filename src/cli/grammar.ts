// One grammar for every command: `-o, --output <format>` is the output format (as in kubectl), `--out-dir <dir>` the
// output folder, `--environments <dir>` the environment files, `--warnings-as-errors` fails on rule warnings; folders
// default to the project root's. The spellings of earlier versions (`--format`, `--out`, `-o <dir>` where `-o` named
// the output folder, `--strict` for --warnings-as-errors) still work, with a one-line deprecation notice on stderr.
import { Option, type Command } from 'commander';
import { InputError } from '../errors.js';
import { underProjectRoot } from './project-root.js';
import { warn } from './terminal.js';

const formatsOf = new WeakMap<Command, readonly string[]>();
/** Commands where `-o <dir>` named the output folder before `-o` meant the format. */
const legacyDirOption = new WeakSet<Command>();

/** Declares `-o, --output <format>` on `command` (the first format is the default). */
export function withOutput(command: Command, formats: readonly [string, ...string[]]): Command {
  formatsOf.set(command, formats);
  return command.addOption(new Option('-o, --output <format>', `output format: ${formats.join(', ')}`).default(formats[0]));
}

/** The formats `-o` accepts on `command` (none when it has no `-o`). */
export function formatsFor(command: Command): readonly string[] {
  return formatsOf.get(command) ?? [];
}

/** Declares `--out-dir <dir>` on `command`, and the deprecated `--out <dir>` and `-o <dir>` it replaces. */
export function withOutDir(command: Command): Command {
  legacyDirOption.add(command);
  return command
    .option('--out-dir <dir>', 'folder of the rendered <env>/ folders (default: dist/ of the project root)')
    .addOption(new Option('--out <dir>', 'deprecated: --out-dir').hideHelp());
}

/** Declares `--environments <dir>` on `command`. */
export function withEnvironments(command: Command): Command {
  return command.option('--environments <dir>', 'folder of environment files (default: environments/ of the project root)');
}

/**
 * Declares `--warnings-as-errors` and the deprecated `--strict` it replaces: kubeconform's `-strict` means rejecting
 * unknown fields and duplicate keys (pkg/config/config.go), which elastic-gitops always does.
 */
export function withWarningsAsErrors(command: Command): Command {
  return command
    .option('--warnings-as-errors', 'treat rule warnings as errors')
    .addOption(new Option('--strict', 'deprecated: --warnings-as-errors').hideHelp());
}

/** Declares the deprecated `-f, --format <format>` (now `--output`). */
export function withLegacyFormat(command: Command): Command {
  return command.addOption(new Option('-f, --format <format>', 'deprecated: --output').hideHelp());
}

/**
 * Normalizes the options of the command about to run (a commander preAction hook): deprecated spellings become the
 * current ones, an unknown format is a usage error, folders not given default to the project root's.
 */
export function applyGrammar(command: Command): void {
  const opts = command.opts<Record<string, unknown>>();
  const set = (key: string, value: unknown) => command.setOptionValue(key, value);
  if (typeof opts.format === 'string') {
    warn('--format is deprecated: use --output (-o)');
    set('output', opts.format);
    set('format', undefined);
  }
  if (opts.strict === true) {
    warn('--strict is deprecated: use --warnings-as-errors (unknown fields and duplicate keys are always rejected)');
    set('warningsAsErrors', true);
    set('strict', undefined);
  }
  if (typeof opts.out === 'string') {
    warn('--out is deprecated: use --out-dir');
    if (opts.outDir === undefined) set('outDir', opts.out);
    set('out', undefined);
  }
  const formats = formatsOf.get(command);
  const output = command.opts<Record<string, unknown>>().output;
  if (formats && typeof output === 'string' && !formats.includes(output)) {
    if (legacyDirOption.has(command) && command.getOptionValueSource('output') === 'cli') {
      warn(`-o ${output} names an output folder: -o is now the output format (${formats.join(', ')}); use --out-dir ${output}`);
      if (command.opts<Record<string, unknown>>().outDir === undefined) set('outDir', output);
      set('output', formats[0]);
    } else {
      throw new InputError(`--output (${JSON.stringify(output)}) must be one of ${formats.join(', ')}`);
    }
  }
  const options = new Set(command.options.map((o) => o.attributeName()));
  if (options.has('environments') && command.opts<Record<string, unknown>>().environments === undefined)
    set('environments', underProjectRoot('environments'));
  if (options.has('outDir') && command.opts<Record<string, unknown>>().outDir === undefined) set('outDir', underProjectRoot('dist'));
}
