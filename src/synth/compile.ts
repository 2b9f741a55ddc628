// The pure part of synth: environment files → checked models → rendered, serialized output (nothing written).
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { checkEnvironments } from '../config/check.js';
import { listEnvironmentFiles, readEnvironments } from '../config/load.js';
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
  const { envs: merged, diagnostics } = readEnvironments(options.environmentsDir);
  const concrete = merged.filter((m) => !m.abstract);
  let selected = concrete;
  if (options.only && options.only.length > 0) {
    // a file that failed to load is still a known environment: its problems are reported below
    const abstract = new Set(merged.filter((m) => m.abstract).map((m) => m.name));
    const known = new Set(listEnvironmentFiles(options.environmentsDir).map((f) => basename(f, extname(f))).filter((n) => !abstract.has(n)));
    const unknown = options.only.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new InputError(`unknown environment${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${[...known].join(', ')})`);
    }
    selected = concrete.filter((m) => options.only!.includes(m.name));
  }
  const models = checkEnvironments(selected, diagnostics);
  return models.map((model, i) => {
    const serialized = serializeEnvironment(renderEnvironment(model), sourceName(options.environmentsDir, selected[i]!.file));
    return model.review.acknowledge.length > 0 ? { ...serialized, acknowledged: model.review.acknowledge } : serialized;
  });
}

/** The file as named in output headers: relative to the environments folder's parent, whatever the current directory. */
function sourceName(environmentsDir: string, file: string): string {
  return relative(dirname(resolve(environmentsDir)), resolve(file)).split('\\').join('/');
}
