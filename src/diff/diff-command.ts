// `elastic-gitops diff`: render a git base and the working tree and show, resource by resource, what changes.
import { ChecksFailed, InputError } from '../errors.js';
import { resolveBase, type BaseRef } from './base-ref.js';
import { diffRenders, hasChanges, type EnvironmentDiff } from './environment-diff.js';
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import type { CompilerInput } from './compiler-inputs.js';
import { renderBaseAndWorkingTree } from './render-ref.js';
import { failingChanges } from './risk/fail-on.js';
import type { Risk } from './risk/risk.js';
import { pinnedTransitionRules, type TransitionRules } from './risk/transition-rules.js';

/** Options of the diff command (from commander). */
export interface DiffOptions {
  /** Git ref to compare with. @default merge-base with the upstream branch, else HEAD */
  readonly base?: string;
  /** Only these environments. @default all */
  readonly env?: readonly string[];
  /** Directory of environment files. */
  readonly environments: string;
  readonly output: 'text' | 'markdown' | 'json';
  /** Exit 1 when anything differs. @default false */
  readonly exitCode?: boolean;
  /** Exit 1 when a change not acknowledged is this risky or worse (destructive > immutable > disruptive). */
  readonly failOn?: Exclude<Risk, 'plain'>;
}

/** The base and, per environment, what changes from the base's environments to the working tree's. */
export interface DiffResult {
  readonly base: BaseRef;
  readonly environments: EnvironmentDiff[];
  /** Compiler inputs that differ from the base (empty: the base was rendered by this compiler, else by its own). */
  readonly changedInputs: readonly CompilerInput[];
  /** `notice: ` and `warning: ` lines of the changed environments' input (inherited items removed, stale query names). */
  readonly notices: readonly string[];
  /** Why the CRDs' transition rules were not evaluated (the pinned schemas could not be loaded). */
  readonly transitionRulesSkipped?: string;
}

/** Renders the base (from git objects, with its own compiler when it differs) and the working tree, and compares them. */
export async function diffWorkingTree(opts: Pick<DiffOptions, 'base' | 'env' | 'environments'>, cwd = process.cwd()): Promise<DiffResult> {
  const base = resolveBase(opts.base, cwd);
  const label = opts.base ?? base.commit.slice(0, 12);
  const { before, after, changedInputs } = await renderBaseAndWorkingTree(base.commit, label, opts.environments, cwd);
  const only = opts.env && opts.env.length > 0 ? new Set(opts.env) : undefined;
  if (only) {
    const known = new Set([...before, ...after].map((e) => e.env));
    const unknown = [...only].filter((e) => !known.has(e));
    if (unknown.length > 0) {
      throw new InputError(
        `unknown environment${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (known at ${label} or in the working tree: ${[...known].sort().join(', ')})`,
      );
    }
  }
  const keep = <T extends { env: string }>(e: T) => !only || only.has(e.env);
  let transitionRules: TransitionRules | undefined;
  let transitionRulesSkipped: string | undefined;
  try {
    transitionRules = await pinnedTransitionRules();
  } catch (e) {
    transitionRulesSkipped = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  }
  const environments = diffRenders(before.filter(keep), after.filter(keep), { transitionRules });
  // what the reviewer should know of the input: inherited list items the changed files remove ($patch: delete)
  const changed = new Set(environments.filter((d) => d.changes.length > 0).map((d) => d.env));
  const notices = after.filter((e) => changed.has(e.env)).flatMap((e) => e.notices ?? []);
  return { base, environments, changedInputs, notices, ...(transitionRulesSkipped ? { transitionRulesSkipped } : {}) };
}

export async function diffCommand(opts: DiffOptions): Promise<void> {
  const { base, environments, changedInputs, notices, transitionRulesSkipped } = await diffWorkingTree(opts);
  for (const notice of new Set(notices)) process.stderr.write(`${notice}\n`);
  const format = { text: formatText, markdown: formatMarkdown, json: formatJson }[opts.output];
  if (transitionRulesSkipped) process.stderr.write(`note: the CRDs' transition rules (oldSelf) were not evaluated: ${transitionRulesSkipped}\n`);
  process.stdout.write(format(environments, changedInputs.length > 0 ? { ...base, changedInputs } : base));
  if (opts.failOn) {
    const failing = failingChanges(environments, opts.failOn);
    if (failing.length > 0) {
      const n = failing.length;
      throw new ChecksFailed(
        `${n} change${n > 1 ? 's are' : ' is'} ${opts.failOn}${opts.failOn === 'disruptive' ? ' or worse' : opts.failOn === 'immutable' ? ' or destructive' : ''} and not acknowledged (review.acknowledge in the environment file):\n${failing.map((f) => `  ${f}`).join('\n')}`,
      );
    }
  }
  if (opts.exitCode && hasChanges(environments)) {
    const n = environments.reduce((sum, d) => sum + d.changes.length, 0);
    throw new ChecksFailed(`${n} rendered ${n > 1 ? 'resources differ' : 'resource differs'} from ${base.ref}`);
  }
}
