// The pure part of synth: environment files → checked models → rendered, serialized output (nothing written).
import { basename, dirname, extname, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { checkEnvironments } from '../config/check.js';
import { listEnvironmentFiles, readEnvironments } from '../config/load.js';
import { staleQueryNames } from '../config/checks/promql-names.js';
import { formatDiagnostic, type Diagnostic } from '../config/diagnostic.js';
import { formatRemoval } from '../config/merge.js';
import { originOf } from '../config/source-map.js';
import { configPointer, type RenderedField } from './config-source.js';
import { renderEnvironment } from './render.js';
import { serializeEnvironment, type SerializedEnvironment } from './serialize.js';

/** What to compile. */
export interface CompileOptions {
  /** Directory of environment files. */
  readonly environmentsDir: string;
  /** Only these environments. @default all non-abstract environments */
  readonly only?: readonly string[];
}

/** One environment's output, and what its author should know about it. */
export interface CompiledEnvironment extends SerializedEnvironment {
  /** `notice: ` lines (inherited list items the file removes with `$patch: delete`) and `warning: ` lines (queries naming no app). */
  readonly notices: readonly string[];
  /** The environment value that produced a rendered field, located in its file, when one did. */
  readonly sourceOf: (field: RenderedField) => Diagnostic | undefined;
}

/** Compiles environments in memory; throws InputError for bad input. */
export function compile(options: CompileOptions): CompiledEnvironment[] {
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
  return models.map((model, i) => ({
    ...serializeEnvironment(renderEnvironment(model), sourceName(options.environmentsDir, selected[i]!.file)),
    notices: [
      ...selected[i]!.removals.map((r) => `notice: ${formatRemoval(r)}`),
      ...staleQueryNames(model).map((d) => `warning: ${formatDiagnostic({ ...d, origin: originOf(selected[i]!.origins, d.pointer) })}`),
    ],
    sourceOf: (field: RenderedField): Diagnostic | undefined => {
      const pointer = configPointer(model, field);
      return pointer === undefined ? undefined : { origin: originOf(selected[i]!.origins, pointer), pointer, message: '' };
    },
  }));
}

/** The file as named in output headers: relative to the environments folder's parent, whatever the current directory. */
function sourceName(environmentsDir: string, file: string): string {
  return relative(dirname(resolve(environmentsDir)), resolve(file)).split('\\').join('/');
}
