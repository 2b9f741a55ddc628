// `elastic-gitops plan --env <name> [--format text|markdown]`: the capacity plan of one rendered environment.
import { InputError } from '../errors.js';
import { compile } from '../synth/compile.js';
import { renderPlanMarkdown, renderPlanText } from './format-plan.js';

/** Options of the plan command (from commander). */
export interface PlanOptions {
  /** Environment to plan. */
  readonly env: string;
  /** Directory of environment files. @default 'environments' */
  readonly environments: string;
  /** Output format. @default 'text' */
  readonly format: string;
}

export async function planCommand(opts: PlanOptions): Promise<void> {
  if (opts.format !== 'text' && opts.format !== 'markdown') {
    throw new InputError(`--format (${JSON.stringify(opts.format)}) must be "text" or "markdown"`);
  }
  const [compiled] = compile({ environmentsDir: opts.environments, only: [opts.env] });
  const docs = compiled!.docs;
  process.stdout.write(opts.format === 'markdown' ? renderPlanMarkdown(docs, { env: opts.env }) : renderPlanText(docs));
}
