import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments, stringify } from 'yaml';
import { readYamlFast, startsWithIndicator } from '../src/validate/fast-yaml.js';
import { REPO } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';

/** What the `yaml` library reads: each non-empty document's value and content line, or 'error'. */
function viaLibrary(text: string): { value: unknown; line: number }[] | 'error' {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(docs)) return [];
  if (docs.some((d) => d.errors.length > 0)) return 'error';
  return docs
    .map((d) => ({ value: d.toJS() as unknown, line: lineCounter.linePos(d.contents?.range[0] ?? d.range[0]).line }))
    .filter((d) => d.value !== null && d.value !== undefined);
}

/** The fast reader's answer in the same shape, or undefined when it leaves the text to the library. */
function viaFast(text: string): { value: unknown; line: number }[] | undefined {
  return readYamlFast(text)
    ?.filter((d) => d.value !== null)
    .map(({ value, line }) => ({ value, line }));
}

/** The fast reader either declines or reads exactly what the library reads. */
function expectSameAsLibrary(text: string): boolean {
  const fast = viaFast(text);
  if (fast === undefined) return false;
  expect(fast).toEqual(viaLibrary(text));
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe('fast YAML reader: same values and lines as the yaml library, or declines', () => {
  it('reads every rendered manifest under dist/ itself, identically', () => {
    const files = yamlFiles(join(REPO, 'dist'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(expectSameAsLibrary(readFileSync(f, 'utf8')), f).toBe(true);
  });

  it('agrees with the library on the upstream CRD files, the fixtures and the environment files', () => {
    const files = [...yamlFiles(join(mirrorDirs()[0]!, 'crds')), ...yamlFiles(join(REPO, 'test')), ...yamlFiles(join(REPO, 'environments'))];
    for (const f of files) expectSameAsLibrary(readFileSync(f, 'utf8'));
  });

  it('reads the block style manifests are written in, as the library does', () => {
    const read = [
      'a: 1\nb: -2\nc: 0x1f\nd: 0o17\ne: 1.5e3\nf: .inf\ng: -.Inf\nh: ~\ni: Null\nj: TRUE\nk: yes\nl: 012\nm: 1_000\nn: -x\n',
      "a: 'it''s'\nb: \"tab\\there \\u00e9 \\x41 \\\\ \\\"q\\\"\"\nc: 'x' # comment\n\"quoted key\": 1\n'single key': 2\n",
      'list:\n- a\n- b\nnext: 1\n',
      'list:\n  - name: a\n    value: 1\n  - name: b\n  -\n    name: c\n  - \"quoted: item\"\n  - \"k\": v\n',
      'x: |\n  line one\n    indented\n\n  after blank\n\ny: |-\n  stripped\nz: |\n  last\n',
      'empty: []\nobj: {}\nnull1:\nnull2: # comment\nafter: 1\n',
      '# leading comment\n---\n# doc comment\na: 1\n--- # marker comment\nb: 2\n---\n---\nc: 3\n',
      'key with spaces: value with spaces # and a comment\nurl: http://example.com:8080/x#frag\nportLevelMtls:\n  8080: x\n',
      '- top\n- level\n',
      '  indented: map\n  second: 2\n',
      'a:\n  b:\n    c: 1\n  d: 2\ne: 3\n',
    ];
    for (const text of read) expect(expectSameAsLibrary(text), text).toBe(true);
  });

  it('leaves everything else to the library', () => {
    const declined = [
      'a: 1\n...\n',
      'a: |+\n  kept\n\n',
      'a: >\n  folded\n',
      'a: &anchor 1\nb: *anchor\n',
      'a: !!str 1\n',
      'a: plain\n  continued\n',
      'a: 1\na: 2\n',
      'a: b: c\n',
      '- - nested\n',
      'a: "unterminated\n  continues"\n',
      'x: |2\n   two\n',
      'x: |\n   \n  content\n',
      '__proto__: 1\n',
      'a: "x"y\n',
      '--- a: 1\n',
      'a: -\n',
      '007: x\n',
      'a:\tb\n',
      'a: 1\r\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: {b: 1}\n',
      'a: [1, 2]\n',
      '? complex\n: key\n',
      'scalar document\n',
    ];
    for (const text of declined) expect(readYamlFast(text), text).toBeUndefined();
  });

  it('resolves plain scalars and keys starting with n, t or f (null and booleans by their exact spellings) as the library does', () => {
    const words = ['n', 'N', 'no', 'nul', 'null', 'Null', 'NULL', 'nULL', 'nUll', 'nulls', 'null0', 'name', 'namespace', 'Nóll', 'n\u00e9'];
    const more = [
      't',
      'T',
      'tru',
      'true',
      'True',
      'TRUE',
      'tRUE',
      'TRue',
      'truex',
      'template',
      'tolerations',
      'Tölt',
      'f',
      'F',
      'false',
      'False',
      'FALSE',
    ];
    for (const w of [...words, ...more, 'fALSE', 'FaLSE', 'falsey', 'f\u00fcr', 'falsch', 'fließ']) {
      const plain = w;
      for (const text of [`k: ${plain}\n`, `- ${plain}\n`, `a:\n  b: ${plain} # c\n  c: []\n`]) {
        expect(expectSameAsLibrary(text), JSON.stringify(text)).toBe(true);
      }
      // a key that reads as null or a boolean is left to the library; any other is read as its text
      const asKey = `${plain}: 1\n`;
      if (/^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(plain)) expect(readYamlFast(asKey), asKey).toBeUndefined();
      else expect(expectSameAsLibrary(asKey), asKey).toBe(true);
    }
  });

  it('tells indicator starts by character code exactly as the regular expression it replaces (property)', () => {
    const PLAIN_START = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?: |$))/;
    const char = fc.oneof(
      fc.constantFrom(...',[]{}#&*!|>\'"%@`-?: \t\n', '\u3000', '\u00a0', 'é', '🙂', 'a', '0'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 4 }), (s) => {
        expect(startsWithIndicator(s), JSON.stringify(s)).toBe(PLAIN_START.test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps Unicode spaces as content: YAML trims only spaces and tabs', () => {
    for (const space of ['\u3000', '\u00a0', '\u2003', '\u202f', '\ufeff']) {
      for (const text of [`a: x${space}\n`, `a: ${space}x\n`, `a: x${space} # c\n`, `- ${space}x${space}\n`, `k${space}: v\n`]) {
        expect(expectSameAsLibrary(text), JSON.stringify(text)).toBe(true);
      }
    }
    expect(readYamlFast('a: x\u3000\n')?.[0]?.value).toEqual({ a: 'x\u3000' });
  });

  it('agrees with the library on whatever the library writes (property)', () => {
    // any text, weighted towards the Unicode spaces and line separators that JavaScript's trim would strip
    const char = fc.oneof(
      fc.constantFrom(
        ' ',
        '\t',
        '\u00a0',
        '\u1680',
        '\u2000',
        '\u2003',
        '\u2028',
        '\u2029',
        '\u202f',
        '\u205f',
        '\u3000',
        '\ufeff',
        '\u0085',
        'é',
        'Ω',
        '日本',
        '🙂',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    const text = fc.oneof(fc.string(), fc.string({ unit: char }));
    const key = fc.oneof(
      text,
      fc.constantFrom(
        'true',
        '1',
        '8080',
        '-1',
        'a b',
        'a: b',
        '#x',
        '- x',
        "it's",
        '"q"',
        '~',
        'null',
        'Null',
        'NULL',
        'True',
        'FALSE',
        'name',
        'tRUE',
        'fAlse',
        'n',
      ),
    );
    const scalar = fc.oneof(
      text,
      fc.constantFrom('', ' ', 'true', 'no', '1.0', '0x10', '1e3', '.nan', '- a', ': x', 'a #b', 'multi\nline', 'trail\n', '\ttab', "'", '"', '\\'),
      fc.constantFrom('True', 'TRUE', 'tRUE', 'False', 'FALSE', 'fALSE', 'Null', 'NULL', 'nULL', 'nulls', 'truex', 'f', 't', 'N'),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).map;
    let accepted = 0;
    fc.assert(
      fc.property(value, fc.boolean(), fc.integer({ min: 1, max: 3 }), (v, indentSeq, docs) => {
        const text = Array.from({ length: docs }, () => `---\n${stringify(v, { indentSeq })}`).join('');
        if (expectSameAsLibrary(text)) accepted++;
      }),
      { numRuns: 400 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
