// The direct YAML emitter writes exactly what the `yaml` library writes, or declines.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { libraryYaml, toYaml } from '../src/synth/serialize.js';
import { emitYaml } from '../src/synth/yaml-emitter.js';

/** Strings made of the characters YAML gives a meaning to, plus words that read back as other types. */
const yamlishString = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      'a',
      'x',
      'e',
      'n',
      '1',
      '0',
      '.',
      ' ',
      ':',
      '#',
      '-',
      '?',
      '"',
      "'",
      ',',
      '[',
      ']',
      '{',
      '}',
      '\\',
      '+',
      '*',
      '&',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
      '~',
      '/',
      'é',
      '日',
    ),
    maxLength: 8,
  }),
  fc.constantFrom(
    '',
    'true',
    'False',
    'NULL',
    '~',
    'null',
    'yes',
    'on',
    '0x1f',
    '0o17',
    '012',
    '1e3',
    '.5',
    '+1',
    '-.inf',
    '.NaN',
    '1_000',
    '2001-12-14',
    '*.example.com',
    '- a',
    'a: b',
    'a #b',
    "it's",
    '"q"',
    `"'`,
    '---',
    '...',
    '%x',
  ),
  fc.string(),
);

const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    yamlishString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(yamlishString, tie('node'), { maxKeys: 4 }),
  ),
}));

describe('yaml emitter', () => {
  it('writes the same text as the yaml library for any JSON-like object, or returns undefined', () => {
    let emitted = 0;
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(yamlishString, value.node, { maxKeys: 6 }), fc.array(value.node, { maxLength: 5 })), (v) => {
        const fast = emitYaml(v);
        if (fast !== undefined) {
          emitted++;
          expect(fast).toBe(libraryYaml(v));
        }
      }),
      { numRuns: 3000 },
    );
    // the property is only worth something if the fast path is actually taken
    expect(emitted).toBeGreaterThan(1000);
  });

  it('renders every object of the example environments without the library, except multi-line strings', () => {
    const envs = compile({ environmentsDir: 'environments' });
    for (const env of envs) {
      for (const doc of env.docs) {
        const fast = emitYaml(doc.object);
        const multiLine = JSON.stringify(doc.object).includes('\\n');
        if (!multiLine) expect(fast, `${doc.file}:${doc.line}`).toBeDefined();
        if (fast !== undefined) expect(fast).toBe(libraryYaml(doc.object));
      }
    }
  });

  it('lays out nesting, empty collections, quoting and numbers like the library', () => {
    const object = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', labels: {}, annotations: { 'a.b/c': '*.example.com', empty: '' } },
      list: [[1, [2]], [], {}, { a: [{ b: null }] }, -0, 1.5, 1e21, true, 'it\'s "q"', '"hi" there', '012', 'a: b'],
      skipped: undefined,
    };
    const text = toYaml(object);
    expect(text).toBe(libraryYaml(object));
    expect(text).toContain(`- '"hi" there'`);
    expect(text).not.toContain('skipped');
  });

  it('declines what it does not reproduce: block scalars, control characters, non-finite numbers, class instances', () => {
    for (const v of [{ a: 'x\ny' }, { a: 'tab\there' }, { a: Number.NaN }, { a: new Date(0) }, { a: [undefined] }, 'scalar']) {
      expect(emitYaml(v)).toBeUndefined();
      expect(toYaml(v)).toBe(libraryYaml(v));
    }
  });
});

describe('serialized output', () => {
  it('is the library text for every object of every example environment', () => {
    expect(readdirSync('environments').length).toBeGreaterThan(0);
    for (const env of compile({ environmentsDir: 'environments' })) {
      for (const doc of env.docs) expect(toYaml(doc.object), join(doc.file, String(doc.line))).toBe(libraryYaml(doc.object));
    }
  });
});
