// The pure part of synth: environment files → checked models → rendered, serialized output (nothing written).
import { relative } from 'node:path';
import { InputError } from '../errors.js';
import { checkEnvironments } from '../config/check.js';
import { loadEnvironments } from '../config/load.js';
import { renderEnvironment } from './render.js';
import { serializeEnvironment, type SerializedEnvironment } from './serialize.js';

/** What to compile. */
export interface CompileOptions {
  /** Directory of environment files. */
  readonly environmentsDir: string;
  /** Only these environments. @default all non-abstract environments */
  readonly only?: readonly string[];
}

/** Compiles environments in memory; throws InputError for bad input. */
export function compile(options: CompileOptions): SerializedEnvironment[] {
  const merged = loadEnvironments(options.environmentsDir);
  const concrete = merged.filter((m) => !m.abstract);
  let selected = concrete;
  if (options.only && options.only.length > 0) {
    const known = new Set(concrete.map((m) => m.name));
    const unknown = options.only.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new InputError(`unknown environment${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${[...known].join(', ')})`);
    }
    selected = concrete.filter((m) => options.only!.includes(m.name));
  }
  const models = checkEnvironments(selected);
  return models.map((model, i) => serializeEnvironment(renderEnvironment(model), sourceName(selected[i]!.file)));
}

function sourceName(file: string): string {
  return relative(process.cwd(), file).split('\\').join('/') || file;
}
