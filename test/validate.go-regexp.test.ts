// Go (RE2) patterns of schemas and CEL rules keep Go's meaning: re2js runs them, and the native RegExp used for the
// subset where JavaScript means the same is proved equal to re2js on arbitrary Unicode input.
import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { evaluateRules, re2Calls, ruleTree, type CelOutcome } from '../src/validate/cel-rules.js';
import { crdStructureErrors } from '../src/validate/crd-structure.js';
import { goRegExp, nativeTest } from '../src/validate/go-regexp.js';

const celOutcomes = (rule: string, self: unknown): CelOutcome[] => {
  const out: CelOutcome[] = [];
  evaluateRules(ruleTree([{ path: [], rule }]), self, (_r, o) => out.push(o));
  return out;
};

describe('Go patterns keep their Go meaning', () => {
  it.each([
    ['\\p{Greek}+', 'αβγ', true],
    ['^\\p{Greek}+$', 'abc', false],
    ['^[[:alpha:]]+$', 'abc', true],
    // JavaScript would read a class of "[", ":", "a", ... followed by "]"
    ['^[[:alpha:]]$', ':', false],
    ['^\\Qa.b\\E$', 'a.b', true],
    ['^\\Qa.b\\E$', 'axb', false],
    ['^(?i)(abort|warn)?$', 'WARN', true],
    ['^a\\z', 'a', true],
    ['^(?P<word>\\w+)$', 'x_1', true],
    // Go's \s is ASCII space only; JavaScript's would take U+3000
    ['^\\s$', '\u3000', false],
    // Go's . stops only at \n; JavaScript's at \r, U+2028 and U+2029 too
    ['^a.b$', 'a\u2028b', true],
    ['^\\d+$', '٣', false],
  ])('%s on %j: %s', (pattern, text, expected) => {
    expect(goRegExp(pattern).test(text)).toBe(expected);
  });

  it('finds all matches as Go does: an empty match right after a match is skipped', () => {
    expect(goRegExp('a*').findAll('baaa')).toEqual(['', 'aaa']);
    expect(goRegExp('\\p{Greek}').findAll('xαyβ')).toEqual(['α', 'β']);
    expect(goRegExp('[0-9]+').find('ab12c3')).toBe('12');
  });

  it('runs CEL matches() with RE2 too', () => {
    expect(celOutcomes("self.matches('^\\\\p{Greek}+$')", 'αβ')).toEqual([{ status: 'pass' }]);
    expect(celOutcomes("matches(self, '^[[:digit:]]+$')", '12')).toEqual([{ status: 'pass' }]);
    expect(celOutcomes("self.matches('^[[:digit:]]+$')", ':')).toMatchObject([{ status: 'fail' }]);
    // literals are left alone, and only calls are rewritten
    expect(re2Calls(`self.matches('x.matches(y)') && "matches(" != r'\\'' && self.matchesx == 1`)).toBe(
      `self.matches_re2('x.matches(y)') && "matches(" != r'\\'' && self.matchesx == 1`,
    );
  });

  it('refuses a pattern RE2 does not accept, as a CRD error with RE2 reason', () => {
    expect(() => goRegExp('(?<=a)b')).toThrow();
    const errors = crdStructureErrors({
      spec: { versions: [{ schema: { openAPIV3Schema: { type: 'object', properties: { a: { type: 'string', pattern: 'x(?=y)' } } } } }] },
    });
    expect(errors.map((e) => e.pointer)).toEqual(['/spec/versions/0/schema/openAPIV3Schema/properties/a/pattern']);
    expect(errors[0]!.message).toMatch(/^Invalid value: "x\(\?=y\)": must be a valid regular expression, but isn't: /);
  });

  it('leaves what JavaScript reads otherwise to re2js', () => {
    for (const p of ['.', '\\s', '(?i)a', '[[:alpha:]]', '\\p{L}', '\\Qa\\E', '\\b', '[]a]', 'a{1001}', '\\1', '(?P<n>a)'])
      expect(nativeTest(p), p).toBeUndefined();
    expect(nativeTest('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')).toBeDefined();
  });
});

describe('the native fast path', () => {
  const literal = fc.constantFrom(
    ...'aAzZ09 _-,:;=@#%&\'"<>!~/'.split(''),
    '\\d',
    '\\w',
    '\\D',
    '\\W',
    '\\.',
    '\\-',
    '\\\\',
    '\\/',
    '\\+',
    '\\*',
    '\\?',
    '\\(',
    '\\)',
    '\\[',
    '\\]',
    '\\{',
    '\\}',
    '\\|',
    '\\^',
    '\\$',
  );
  const classItem = fc.constantFrom('a', 'z', 'a-z', 'A-Z', '0-9', '-', '_', '.', '/', '+', '$', '\\d', '\\w', '\\W', '\\]', '\\\\', '\\^');
  const klass = fc
    .tuple(fc.boolean(), fc.array(classItem, { minLength: 1, maxLength: 4 }))
    .map(([neg, items]) => `[${neg ? '^' : ''}${items.join('')}]`);
  const quantifier = fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,3}', '{0,}', '{2,2}');
  const pattern: fc.Arbitrary<string> = fc.letrec<{ re: string; seq: string; atom: string }>((tie) => ({
    atom: fc.oneof(
      { depthSize: 'small' },
      literal,
      klass,
      tie('re').map((r) => `(${r})`),
      tie('re').map((r) => `(?:${r})`),
    ),
    seq: fc
      .array(
        fc.tuple(tie('atom'), quantifier).map(([a, q]) => a + q),
        { maxLength: 4 },
      )
      .map((xs) => xs.join('')),
    re: fc
      .tuple(fc.constantFrom('', '^'), fc.array(tie('seq'), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '$'))
      .map(([a, alts, z]) => `${a}${alts.join('|')}${z}`),
  })).re;
  const char = fc.oneof(
    fc.constantFrom(
      'a',
      'z',
      'A',
      '0',
      '9',
      '_',
      '-',
      '.',
      '/',
      '\n',
      '\r',
      '\u2028',
      '\u00a0',
      '\u3000',
      'é',
      'ſ',
      'K',
      '٣',
      '𝟘',
      '🙂',
      '[',
      ']',
      '\\',
      '$',
      '^',
    ),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  );
  const text = fc.string({ unit: char, maxLength: 12 });

  it('answers as re2js does, for every pattern of its subset and any Unicode text (property)', () => {
    let native = 0;
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 5 }), (p, texts) => {
        const fast = nativeTest(p);
        let re2: RE2JS;
        try {
          re2 = RE2JS.compile(p);
        } catch {
          return;
        }
        if (!fast) return;
        native++;
        for (const t of texts) expect(fast(t), `${p} on ${JSON.stringify(t)}`).toBe(re2.test(t));
      }),
      { numRuns: 1500 },
    );
    expect(native).toBeGreaterThan(500);
  });
});
