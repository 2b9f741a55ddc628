// The elastic-gitops command line. Each command loads its module on demand so that `--help` stays fast.
import { Command } from 'commander';
import { ChecksFailed, InputError } from './errors.js';

const program = new Command('elastic-gitops')
  .description('Compile environments/*.yaml into validated Kubernetes YAML under dist/<env>/')
  .showHelpAfterError()
  .exitOverride();

program
  .command('synth')
  .description('render every environment (or --env) to <out>/<env>/, validated, atomically')
  .option('-e, --env <name...>', 'only these environments (default: all)')
  .option('--environments <dir>', 'directory of environment files', 'environments')
  .option('-o, --out <dir>', 'output directory (default: dist, or $CDK8S_OUTDIR under `cdk8s synth`)')
  .option('--no-validate', 'skip schema validation and rules (not recommended)')
  .option('--strict', 'treat rule warnings as errors')
  .action(async (opts) => (await import('./synth/synth-command.js')).synthCommand(opts));

async function main(argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof InputError || err instanceof ChecksFailed) {
    process.stderr.write(`error: ${err.message}\n`);
    return err.exitCode;
  }
  const code = (err as { code?: string; exitCode?: number }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) {
    // commander already printed help or the usage error
    return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2;
  }
  process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 3;
}


process.exitCode = await main(process.argv);
