// Property-based reliability: any valid environment compiles and validates; any damaged environment file ends in a
// clean InputError naming the file, the line and the field, and the CLI then exits 2 without touching dist/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { environmentJsonSchema } from '../src/config/json-schema.js';
import { displayPath } from '../src/config/source-map.js';
import { InputError } from '../src/errors.js';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { invalidMutation, validEnvironment, type Mutation } from './support/environment-arbitrary.js';
import { runCli, snapshotTree } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const SCHEMA = environmentJsonSchema();

/** A fresh project folder holding one environment file `fuzz.yaml`. */
function project(text: string): { root: string; dir: string; file: string } {
  const root = tempDir('eg-fuzz-');
  const dir = join(root, 'environments');
  mkdirSync(dir);
  writeFileSync(join(dir, 'fuzz.yaml'), text);
  return { root, dir, file: join(dir, 'fuzz.yaml') };
}

/** Compiles, returning the InputError (failing the property on success or on any other exception). */
function inputErrorOf(dir: string, m: Mutation): InputError {
  let result: unknown;
  try {
    compile({ environmentsDir: dir });
  } catch (err) {
    result = err;
  }
  if (!(result instanceof InputError)) {
    throw new Error(`${m.kind}: expected an InputError, got ${result === undefined ? 'a successful compile' : (result as Error).stack}`);
  }
  return result;
}

/** Every detail is located in the file; unless the YAML itself is broken, one of them names the field (or an ancestor). */
function expectLocated(err: InputError, file: string, m: Mutation): void {
  expect(err.details.length, m.kind).toBeGreaterThan(0);
  for (const d of err.details) expect(d.startsWith(`${file}:`), `${m.kind}: ${d}`).toBe(true);
  for (const d of err.details) expect(d, m.kind).toMatch(/^[^ ]+:\d+:\d+ /);
  if (m.pointer === '') return;
  const segments = m.pointer.split('/');
  const paths = segments
    .map((_, i) => segments.slice(0, i + 1).join('/'))
    .filter((p) => p !== '')
    .map(displayPath);
  expect(
    err.details.some((d) => paths.some((p) => d.includes(` ${p}: `))),
    `${m.kind}: no detail names ${displayPath(m.pointer)} or an ancestor:\n${err.details.join('\n')}`,
  ).toBe(true);
}

describe('valid environments', () => {
  it('always compile, and every rendered object passes validation', async () => {
    const samples = fc.sample(validEnvironment, { numRuns: 25 });
    for (const env of samples) {
      const { dir } = project(stringify(env));
      const [out] = compile({ environmentsDir: dir });
      expect(out!.docs.length).toBeGreaterThan(0);
      const report = await validateManifests(out!.docs);
      expect(
        report.problems.filter((p) => p.severity === 'error'),
        stringify(env),
      ).toEqual([]);
    }
  });
});

describe('damaged environment files', () => {
  it('end in an InputError located at the file, line and field; never another exception', () => {
    fc.assert(
      fc.property(
        validEnvironment.chain((env) => invalidMutation(env, SCHEMA, stringify)),
        (m) => {
          const { dir, file } = project(m.text);
          expectLocated(inputErrorOf(dir, m), file, m);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('make the CLI exit 2 with the error and no stack trace, leaving dist/ byte-identical', () => {
    fc.assert(
      fc.property(
        validEnvironment.chain((env) => invalidMutation(env, SCHEMA, stringify).map((m) => ({ env, m }))),
        ({ env, m }) => {
          const { root, file } = project(stringify(env));
          expect(runCli(['synth'], root).status).toBe(0);
          const before = snapshotTree(join(root, 'dist'));
          writeFileSync(file, m.text);
          const r = runCli(['synth'], root);
          expect(r.status, `${m.kind}\n${r.stderr}`).toBe(2);
          expect(r.stderr).toMatch(/^error: /);
          expect(r.stderr).toContain('environments/fuzz.yaml:');
          expect(r.stderr, m.kind).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
          expect(snapshotTree(join(root, 'dist'))).toEqual(before);
        },
      ),
      // each case is two CLI runs: report the first failure as is rather than shrinking it for minutes
      { numRuns: 4, endOnFailure: true },
    );
  });
});
