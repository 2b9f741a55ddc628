// The ajv validator of the environment schema. Compiling it costs about 0.3 s per process, so the compiled code is
// kept in the cache as ajv standalone code, keyed by the sha256 of the schema and the ajv options; a missing,
// stale or unreadable cache entry is simply compiled again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { cacheDir } from '../schemas/cache.js';
import { environmentJsonSchema } from './json-schema.js';

const AJV_OPTIONS: Options = { allErrors: true, useDefaults: true, discriminator: true, verbose: true, strict: false, code: { source: true } };

/** Where compiled environment validators are cached. @default <schema cache>/compiled-environment */
export function environmentValidatorDir(): string {
  return join(cacheDir(), 'compiled-environment');
}

/** The environment schema validator: from the cache when its key matches, else compiled (and cached). */
export function environmentValidator(dir: string = environmentValidatorDir()): ValidateFunction {
  const schema = environmentJsonSchema();
  const require = createRequire(import.meta.url);
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const key = createHash('sha256')
    .update(JSON.stringify([schema, AJV_OPTIONS, ajvVersion]))
    .digest('hex')
    .slice(0, 32);
  const file = join(dir, `${key}.cjs`);
  try {
    return loadStandalone(readFileSync(file, 'utf8'), require);
  } catch {
    // not cached yet (or unreadable): compile below
  }
  const ajv = new Ajv(AJV_OPTIONS);
  const validate = ajv.compile(schema);
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, standaloneCode(ajv, validate));
    renameSync(tmp, file);
  } catch {
    // a read-only cache only costs the compilation next time
  }
  return validate;
}

function loadStandalone(code: string, require: NodeJS.Require): ValidateFunction {
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  const validate = (module.exports.default ?? module.exports) as unknown;
  if (typeof validate !== 'function') throw new Error('not a compiled validator');
  return validate as ValidateFunction;
}
