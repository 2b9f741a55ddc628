// The elastic-gitops commands, their arguments and options (commander). Each command loads its module on demand so
// that `--help` stays fast; the grammar shared by all (`-o, --output <format>`, `--out-dir`, `--environments`,
// deprecated spellings) is in grammar.ts. docs/reference/cli.md is generated from this definition.
import { Argument, Command, Option } from 'commander';
import { applyGrammar, withEnvironments, withLegacyFormat, withOutDir, withOutput, withWarningsAsErrors } from './grammar.js';
import { errorLine } from './terminal.js';
import { packageVersion } from './version.js';

export const program = new Command('elastic-gitops')
  .description('Compile environments/*.yaml into validated Kubernetes YAML under dist/<env>/')
  .version(packageVersion(), '-V, --version', 'print the version')
  .showHelpAfterError()
  .helpCommand(false)
  .configureOutput({ outputError: (text, write) => write(text.startsWith('error: ') ? errorLine(text.slice('error: '.length).trimEnd()) : text) })
  .exitOverride()
  .hook('preAction', (_program, command) => applyGrammar(command));

/** `--mirror <dir>` given several times (never variadic: it must not swallow the paths after it). */
const repeat = (value: string, previous?: string[]): string[] => [...(previous ?? []), value];

const synth = program
  .command('synth')
  .description('render every environment (or --env) to <out-dir>/<env>/, validated, atomically')
  .option('-e, --env <name...>', 'only these environments (default: all)');
withEnvironments(synth);
withOutDir(synth);
withWarningsAsErrors(withOutput(synth, ['text', 'json']).option('--no-validate', 'skip schema validation and rules (not recommended)'))
  .option('--shard <i/n>', 'only the environments of shard i of n (a stable partition by name, for a CI matrix)')
  .option('--no-cache', 'render and validate every environment, even those unchanged since the last synth (cache: .cache/synth/)')
  .action(async (opts) => (await import('../synth/synth-command.js')).synthCommand(opts));

const render = program
  .command('render')
  .description("print one environment's rendered YAML to stdout (every file, in kustomization order; nothing written)")
  .argument('<env>', 'environment to render');
withEnvironments(render);
withWarningsAsErrors(withOutput(render, ['yaml', 'json']).option('--no-validate', 'skip schema validation and rules'))
  .option(
    '--workloads',
    "only the environment folder's own objects, no validation, a note on stderr (the Argo CD Source Hydrator plugin's generate command)",
  )
  .action(async (env, opts) => (await import('../synth/render-command.js')).renderCommand(env, opts));

const list = program.command('list').description('list the environments: engine, cluster, app count');
withEnvironments(list);
withOutput(list, ['text', 'json']).action(async (opts) => (await import('../config/list-command.js')).listCommand(opts));

const validate = program
  .command('validate')
  .description('validate YAML files or directories (or - for stdin) against the pinned schemas, CEL rules and cross-resource rules')
  .argument('[paths...]', 'files or directories');
withWarningsAsErrors(withOutput(validate, ['text', 'json', 'junit', 'tap', 'github']))
  .option('--ignore-missing-schemas', 'skip objects whose kind has no pinned schema')
  .option('--skip <kinds>', 'comma-separated kinds not to check, Kind or apiVersion/Kind (e.g. Secret,apps/v1/Deployment); repeatable', repeat)
  .option('--reject <kinds>', 'comma-separated kinds that are errors wherever they appear, written as for --skip; repeatable', repeat)
  .option(
    '--ignore-filename-pattern <regex>',
    'do not read files whose path matches this Go regular expression, named or found in a folder (repeatable)',
    repeat,
  )
  .option('--mirror <dir>', 'a directory holding the pinned schema files; repeat for more (default: $ELASTIC_GITOPS_MIRROR)', repeat)
  .option(
    '--kubernetes-version <version>',
    'Kubernetes version whose OpenAPI checks built-in kinds: 1.33, or 1.33.2 as kubeconform takes it (default, or master: the newest pinned)',
  )
  .option('--crd <path|url>', 'CRD file, directory or URL to check custom resources against (repeatable; CRDs in the input are used too)', repeat)
  .action(async (paths, opts) => (await import('../validate/validate-command.js')).validateCommand(paths, opts));

const plan = program
  .command('plan')
  .description('capacity plan of one environment: replicas, requests, worst cases per app and node pool, and the scaling flow')
  .requiredOption('-e, --env <name>', 'environment to plan');
withEnvironments(plan);
withLegacyFormat(withOutput(plan, ['text', 'markdown', 'json'])).action(async (opts) => (await import('../plan/plan-command.js')).planCommand(opts));

const schemas = program.command('schemas').description('manage the pinned upstream schemas (schemas.lock.json)');

schemas
  .command('add')
  .description('pin a CRD file or an OpenAPI v3 document by URL with its sha256 (then cached, mirrored and offline like the others)')
  .argument('<url>', 'http(s):// or file:// URL of the file')
  .option('--as <id>', 'id in the lock, project/version/file (default: from the URL)')
  .option('--file <path>', "take the bytes from this local copy (e.g. a mirror's) instead of downloading the URL")
  .action(async (url, opts) => (await import('../schemas/add-command.js')).schemasAddCommand(url, opts));

schemas
  .command('list')
  .description('show what schemas.lock.json pins')
  .action(async () => (await import('../schemas/list-command.js')).schemasListCommand());

const schemasSync = schemas
  .command('sync')
  .description('fill the schema cache from the pinned URLs, or from mirror directories (found by sha256)')
  .option('--mirror <dir>', 'a directory searched recursively; repeat for more (default: $ELASTIC_GITOPS_MIRROR, colon-separated)', repeat)
  .option('--offline', 'never download; use the cache and mirrors only');
withOutput(schemasSync, ['text', 'json']).action(async (opts) => (await import('../schemas/sync-command.js')).schemasSyncCommand(opts));

const diff = program
  .command('diff')
  .description('render a git base and the working tree and show, resource by resource, what changes')
  .option('-b, --base <ref>', 'git ref to compare with (default: merge-base with the upstream branch, else HEAD)')
  .option('-e, --env <name...>', 'only these environments');
withEnvironments(diff);
withLegacyFormat(withOutput(diff, ['text', 'markdown', 'json']))
  .option('--exit-code', 'exit 1 when there are differences, like git diff')
  .addOption(
    new Option(
      '--fail-on <risk>',
      'exit 1 when a change not acknowledged (review.acknowledge) is this risky or worse: destructive > immutable > disruptive',
    ).choices(['destructive', 'immutable', 'disruptive']),
  )
  .action(async (opts) => (await import('../diff/diff-command.js')).diffCommand(opts));

const check = program
  .command('check')
  .description('fail when the committed output differs from a fresh synth (forgotten synth or hand-edited files)');
withEnvironments(check);
withOutDir(check);
withOutput(check, ['text', 'json'])
  .option('--shard <i/n>', 'only the environments of shard i of n (the partition synth --shard uses)')
  .option('--no-cache', 'render every environment, even those the synth cache shows unchanged')
  .action(async (opts) => (await import('../check/check-command.js')).checkCommand(opts));

const publish = program
  .command('publish')
  .description('commit the rendered output to the deploy repository (refuses a dirty tree or a stale dist/; never force-pushes)')
  .option('-e, --env <name...>', 'only these environments (default: all)');
withEnvironments(publish);
withOutDir(publish);
withOutput(publish, ['text', 'json'])
  .option('--repo <url>', "deploy repository (default: the environments' gitops.repo.url)")
  .option('--branch <name>', "branch (default: the environments' gitops.repo.branch)")
  .action(async (opts) => (await import('../publish/publish-command.js')).publishCommand(opts));

const init = program
  .command('init')
  .description('scaffold a new platform repository (package.json, cdk8s.yaml, environments/, PR workflow) in dir')
  .argument('[dir]', 'folder to create or fill (default: the current directory)', '.')
  .option(
    '--dependency <spec>',
    'how package.json names elastic-gitops (default: file:<this installation>; e.g. github:<org>/elastic-gitops#v0.1.0)',
  );
withOutput(init, ['text', 'json']).action(async (dir, opts) => (await import('../init/init-command.js')).initCommand(dir, opts));

program
  .command('completion')
  .description('print a shell completion script: elastic-gitops completion bash > /etc/bash_completion.d/elastic-gitops')
  .addArgument(new Argument('<shell>', 'shell').choices(['bash', 'zsh', 'fish']))
  .action(async (shell) => (await import('./completion-command.js')).completionCommand(program, shell));

program
  .command('help')
  .description('show the help of a command, nested ones included (help schemas sync)')
  .argument('[command...]', 'command names')
  .action(async (names: string[]) => (await import('./help-command.js')).helpCommand(program, names));
