// Compiles environment files that must fail and returns the error's lines, with paths relative to the temp root.
import { InputError } from '../../src/errors.js';
import { compile } from '../../src/synth/compile.js';
import { envDir } from './env-dir.js';

/** The detail lines of the InputError (throws when compiling succeeds or fails otherwise). */
export function compileErrors(files: Record<string, string>): { lines: string[]; error: InputError } {
  const { root, dir } = envDir(files);
  try {
    compile({ environmentsDir: dir });
  } catch (e) {
    if (e instanceof InputError) return { lines: e.details.map((l) => l.replaceAll(`${root}/`, '')), error: e };
    throw e;
  }
  throw new Error('expected an InputError');
}

/** The detail lines for a single environment file `dev.yaml`. */
export function errorsOf(text: string): string[] {
  return compileErrors({ dev: text }).lines;
}
