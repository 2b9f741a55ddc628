// The contract between the compiler and a chart: one output file per chart, created from the checked model only.
import type { App, Chart } from 'cdk8s';
import type { Environment } from '../src/config/model/environment.js';
import type { ApplyPlan } from '../src/synth/apply-plan.js';

/** One chart of the registry. */
export interface ChartSpec {
  /** Output file name without extension; the number prefix fixes the order of application and never changes. */
  readonly file: string;
  /** Whether the environment needs this chart at all. */
  readonly applies: (env: Environment) => boolean;
  /**
   * Builds the chart under `app` from the checked model and the apply plan decided before any chart renders (sync
   * waves, project scopes); charts never read files or the process environment.
   */
  readonly create: (app: App, id: string, env: Environment, plan: ApplyPlan) => Chart;
  /**
   * Subfolder of the environment folder the file goes to, with a kustomization.yaml of its own, when the GitOps
   * engine applies it separately (and before) the rest. @default the environment folder itself
   */
  readonly folder?: (env: Environment) => string | undefined;
}
