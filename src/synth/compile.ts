// The pure part of synth: environment files → checked models → rendered, serialized output (nothing written).
import { checkEnvironments } from '../config/check.js';
import type { Diagnostic } from '../config/diagnostic.js';
import { renderEnvironment } from './render.js';
import { selectEnvironments, type CheckedEnvironment, type CompileOptions, type SelectedEnvironment } from './select-environments.js';
import { serializeEnvironment, type SerializedEnvironment } from './serialize.js';

export type { CompileOptions } from './select-environments.js';

/** Compiles environments in memory; throws InputError for bad input. */
export function compile(options: CompileOptions): SerializedEnvironment[] {
  const selected = selectEnvironments(options);
  return checkSelected(selected.envs, selected.diagnostics).map(renderChecked);
}

/** Checks the selected environments (one InputError listing every problem, the loader's first). */
export function checkSelected(envs: readonly SelectedEnvironment[], diagnostics: readonly Diagnostic[]): CheckedEnvironment[] {
  const models = checkEnvironments(envs.map((e) => e.merged), diagnostics);
  return models.map((model, i) => ({ model, source: envs[i]!.source }));
}

/** Renders and serializes one checked environment. */
export function renderChecked(env: CheckedEnvironment): SerializedEnvironment {
  return serializeEnvironment(renderEnvironment(env.model), env.source);
}
