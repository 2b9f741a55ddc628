// The contract between the compiler and a chart: one output file per chart, created from the checked model only.
import type { App, Chart } from 'cdk8s';
import type { Environment } from '../src/config/model/environment.js';

/** One chart of the registry. */
export interface ChartSpec {
  /** Output file name without extension; the number prefix fixes the order of application and never changes. */
  readonly file: string;
  /** Whether the environment needs this chart at all. */
  readonly applies: (env: Environment) => boolean;
  /** Builds the chart under `app`; charts never read files or the process environment. */
  readonly create: (app: App, id: string, env: Environment) => Chart;
  /**
   * Subfolder of the environment folder the file goes to, with a kustomization.yaml of its own, when the GitOps
   * engine applies it separately (and before) the rest. @default the environment folder itself
   */
  readonly folder?: (env: Environment) => string | undefined;
}
