// The pure part of synth: environment files → checked models → rendered, serialized output (nothing written).
import { checkEnvironment, checkEnvironments } from '../config/check.js';
import { staleQueryNames } from '../config/checks/promql-names.js';
import { formatDiagnostic, type Diagnostic } from '../config/diagnostic.js';
import { formatRemoval } from '../config/merge.js';
import { originOf } from '../config/source-map.js';
import { configPointer, type RenderedField } from './config-source.js';
import { renderEnvironment } from './render.js';
import { selectEnvironments, type CheckedEnvironment, type CompileOptions, type SelectedEnvironment } from './select-environments.js';
import { serializeEnvironment, type SerializedEnvironment } from './serialize.js';

export type { CompileOptions } from './select-environments.js';

/** One environment's output, and what its author should know about it. */
export interface CompiledEnvironment extends SerializedEnvironment {
  /** `notice: ` lines (inherited list items the file removes with `$patch: delete`) and `warning: ` lines (queries naming no app). */
  readonly notices: readonly string[];
  /** The environment value that produced a rendered field, located in its file, when one did. */
  readonly sourceOf: (field: RenderedField) => Diagnostic | undefined;
}

/** Compiles environments in memory; throws InputError for bad input. */
export function compile(options: CompileOptions): CompiledEnvironment[] {
  const selected = selectEnvironments(options);
  return checkSelected(selected.envs, selected.diagnostics).map(renderChecked);
}

/** Checks the selected environments (one InputError listing every problem, the loader's first). */
export function checkSelected(envs: readonly SelectedEnvironment[], diagnostics: readonly Diagnostic[]): CheckedEnvironment[] {
  const merged = envs.map((e) => e.merge());
  const models = checkEnvironments(merged, diagnostics);
  return models.map((model, i) => ({ model, source: envs[i]!.source, merged: merged[i]! }));
}

/** Merges and checks one selected environment: ready to render when it has no problem, and its problems, formatted. */
export function checkOne(e: SelectedEnvironment): { readonly checked?: CheckedEnvironment; readonly problems: readonly string[] } {
  const merged = e.merge();
  const { env, problems } = checkEnvironment(merged);
  return env ? { checked: { model: env, source: e.source, merged }, problems } : { problems };
}

/** Renders and serializes one checked environment, with its notices and the way back from a rendered field to its value. */
export function renderChecked({ model, source, merged }: CheckedEnvironment): CompiledEnvironment {
  return {
    ...serializeEnvironment(renderEnvironment(model), source),
    // changes of a risk the environment file acknowledges (review.acknowledge) do not fail `diff --fail-on`
    ...(model.review.acknowledge.length > 0 ? { acknowledged: model.review.acknowledge } : {}),
    notices: [
      ...merged.removals.map((r) => `notice: ${formatRemoval(r)}`),
      ...staleQueryNames(model).map((d) => `warning: ${formatDiagnostic({ ...d, origin: originOf(merged.origins, d.pointer) })}`),
    ],
    sourceOf: (field: RenderedField): Diagnostic | undefined => {
      const pointer = configPointer(model, field);
      return pointer === undefined ? undefined : { origin: originOf(merged.origins, pointer), pointer, message: '' };
    },
  };
}
