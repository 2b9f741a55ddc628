// The pure part of synth: environment files → checked models → rendered, serialized output (nothing written).
import { renderEnvironment } from './render.js';
import { checkSelected, selectEnvironments, type CheckedEnvironment, type CompileOptions } from './select-environments.js';
import { serializeEnvironment, type SerializedEnvironment } from './serialize.js';

export type { CompileOptions } from './select-environments.js';

/** Compiles environments in memory; throws InputError for bad input. */
export function compile(options: CompileOptions): SerializedEnvironment[] {
  const selected = selectEnvironments(options);
  return checkSelected(selected.envs, selected.diagnostics).map(renderChecked);
}

/** Renders and serializes one checked environment. */
export function renderChecked(env: CheckedEnvironment): SerializedEnvironment {
  return serializeEnvironment(renderEnvironment(env.model), env.source);
}
