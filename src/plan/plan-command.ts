// `elastic-gitops plan --env <name> [-o text|markdown|json]`: the capacity plan of one rendered environment.
import { compile } from '../synth/compile.js';
import { renderPlanMarkdown, renderPlanText } from './format-plan.js';
import { buildPlan } from './plan-model.js';

/** Options of the plan command (from commander, after src/cli/grammar.ts). */
export interface PlanOptions {
  /** Environment to plan. */
  readonly env: string;
  /** Directory of environment files. @default 'environments' */
  readonly environments: string;
  /** Output format. @default 'text' */
  readonly output: 'text' | 'markdown' | 'json';
}

export async function planCommand(opts: PlanOptions): Promise<void> {
  const [compiled] = compile({ environmentsDir: opts.environments, only: [opts.env] });
  const docs = compiled!.docs;
  if (opts.output === 'json') process.stdout.write(`${JSON.stringify({ env: opts.env, ...buildPlan(docs) }, null, 2)}\n`);
  else process.stdout.write(opts.output === 'markdown' ? renderPlanMarkdown(docs, { env: opts.env }) : renderPlanText(docs));
}
