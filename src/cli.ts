// The elastic-gitops command line. Each command loads its module on demand so that `--help` stays fast.
import { Command, Option } from 'commander';
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
  .option('-o, --out <dir>', 'output directory (default: dist; under `cdk8s synth` also copied to $CDK8S_OUTDIR)')
  .option('--no-validate', 'skip schema validation and rules (not recommended)')
  .option('--strict', 'treat rule warnings as errors')
  .action(async (opts) => (await import('./synth/synth-command.js')).synthCommand(opts));

program
  .command('render')
  .description("print one environment's workloads as YAML on stdout (the Argo CD Source Hydrator plugin's generate command)")
  .argument('<env>', 'environment to render')
  .option('--environments <dir>', 'directory of environment files', 'environments')
  .action(async (env, opts) => (await import('./render/render-command.js')).renderCommand(env, opts));

program
  .command('validate')
  .description('validate YAML files or directories (or - for stdin) against the pinned schemas, CEL rules and cross-resource rules')
  .argument('[paths...]', 'files or directories')
  .addOption(new Option('-o, --output <format>', 'report format').choices(['text', 'json']).default('text'))
  .option('--ignore-missing-schemas', 'skip objects whose kind has no pinned schema')
  .option('--strict', 'treat rule warnings as errors')
  .option('--mirror <dir...>', 'directories holding the pinned schema files (default: $ELASTIC_GITOPS_MIRROR)')
  .action(async (paths, opts) => (await import('./validate/validate-command.js')).validateCommand(paths, opts));

program
  .command('plan')
  .description('capacity plan of one environment: replicas, requests, worst cases per app and node pool, and the scaling flow')
  .requiredOption('-e, --env <name>', 'environment to plan')
  .option('--environments <dir>', 'directory of environment files', 'environments')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown']).default('text'))
  .action(async (opts) => (await import('./plan/plan-command.js')).planCommand(opts));

program
  .command('schemas')
  .description('manage the pinned upstream schemas (schemas.lock.json)')
  .command('sync')
  .description('fill the schema cache from the pinned URLs, or from mirror directories (found by sha256)')
  .option('--mirror <dir...>', 'directories searched recursively (default: $ELASTIC_GITOPS_MIRROR, colon-separated)')
  .option('--offline', 'never download; use the cache and mirrors only')
  .action(async (opts) => (await import('./schemas/sync-command.js')).schemasSyncCommand(opts));

program
  .command('diff')
  .description('render a git base and the working tree and show, resource by resource, what changes')
  .option('-b, --base <ref>', 'git ref to compare with (default: merge-base with the upstream branch, else HEAD)')
  .option('-e, --env <name...>', 'only these environments')
  .option('--environments <dir>', 'directory of environment files', 'environments')
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
  .option('--exit-code', 'exit 1 when there are differences, like git diff')
  .addOption(
    new Option('--fail-on <risk>', 'exit 1 when a change not acknowledged (review.acknowledge) is this risky or worse: destructive > immutable > disruptive').choices([
      'destructive',
      'immutable',
      'disruptive',
    ]),
  )
  .action(async (opts) => (await import('./diff/diff-command.js')).diffCommand(opts));

program
  .command('check')
  .description('fail when the committed output differs from a fresh synth (forgotten synth or hand-edited files)')
  .option('--environments <dir>', 'directory of environment files', 'environments')
  .option('-o, --out <dir>', 'output directory', 'dist')
  .action(async (opts) => (await import('./check/check-command.js')).checkCommand(opts));

program
  .command('publish')
  .description('commit the rendered output to the deploy repository (refuses a dirty tree or a stale dist/; never force-pushes)')
  .option('-e, --env <name...>', 'only these environments (default: all)')
  .option('--environments <dir>', 'directory of environment files', 'environments')
  .option('-o, --out <dir>', 'output directory', 'dist')
  .option('--repo <url>', 'deploy repository (default: the environments\' gitops.repo.url)')
  .option('--branch <name>', 'branch (default: the environments\' gitops.repo.branch)')
  .action(async (opts) => (await import('./publish/publish-command.js')).publishCommand(opts));

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
