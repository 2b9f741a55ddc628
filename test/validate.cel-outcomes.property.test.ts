// The CEL outcome memo (src/validate/cel-rules.ts: outcomes of a rule on a scalar or a list of scalars are kept per
// value for a run) gives exactly the outcomes of evaluating every rule afresh, on the pinned CRDs' own rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheDir, ensureSchemas } from '../src/schemas/cache.js';
import { readLock, sourcesFor } from '../src/schemas/lock.js';
import { evaluateRules, isTransitionRule, ruleTree, scalarKey, type CelOutcome, type CelOutcomes } from '../src/validate/cel-rules.js';
import { SchemaCatalog } from '../src/validate/schema-catalog.js';
import type { CelRule } from '../src/validate/strict-schema.js';
import { mirrorDirs } from './support/mirror.js';

const { version, sources } = sourcesFor(readLock());
const catalog = SchemaCatalog.open(cacheDir(), await ensureSchemas(sources, { mirrors: mirrorDirs() }), version);
const rules: CelRule[] = catalog.keys().flatMap((k) => {
  const parts = k.split('/');
  const kind = parts.pop()!;
  const apiVersion = parts[0] === 'core' ? parts[1]! : parts.join('/');
  return catalog.schema(apiVersion, kind).rules.filter((r) => !isTransitionRule(r));
});

/** Scalars as objects carry them, Unicode and the numbers toCel treats apart (NaN, ±Infinity, -0, non-integers). */
const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', 'a', 'A', 'é', '日本', '🙂', '\u3000', 'spot', 'on-demand', 'al2023@latest', 'GET', '/api/*', '10.0.0.0/8', 'https://x'),
  fc.integer(),
  fc.constantFrom(0, -0, 1, 1.5, -1, NaN, Infinity, -Infinity, 2 ** 53, 1e21),
  fc.double(),
  fc.boolean(),
);
const value = fc.oneof(scalar, fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 4 }));

/** Each rule moved to `/x`, so that `{ x: value }` puts the value under it (the pointer of a failure says where). */
function outcomesOf(rule: CelRule, v: unknown, memo: CelOutcomes): CelOutcome[] {
  const out: CelOutcome[] = [];
  evaluateRules(ruleTree([{ ...rule, path: ['x'] }]), { x: v }, (_r, o) => out.push(o), memo);
  return out;
}

describe('CEL outcomes kept per rule and value', () => {
  it('name a scalar or list of scalars by its CEL value: two keys are equal exactly when the values are (property)', () => {
    const same = (a: unknown, b: unknown): boolean =>
      Array.isArray(a) && Array.isArray(b)
        ? a.length === b.length && a.every((x, i) => same(x, b[i]))
        : a === b || (Number.isNaN(a) && Number.isNaN(b));
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(scalarKey(a) === scalarKey(b)).toBe(same(a, b));
      }),
      { numRuns: 5000 },
    );
    expect(scalarKey({})).toBeUndefined();
    expect(scalarKey([{}])).toBeUndefined();
    expect(scalarKey([[1]])).toBeUndefined();
  });

  it('are the outcomes of evaluating afresh, failures at their own pointer, on the pinned rules (property)', () => {
    expect(rules.length).toBeGreaterThan(300);
    const shared: CelOutcomes = new Map();
    // few values per run, so that the shared memo answers most evaluations
    fc.assert(
      fc.property(fc.constantFrom(...rules), fc.array(value, { minLength: 1, maxLength: 3 }), fc.nat(5), (rule, vs, repeat) => {
        for (let i = 0; i <= repeat; i++) for (const v of vs) expect(outcomesOf(rule, v, shared)).toEqual(outcomesOf(rule, v, new Map()));
      }),
      { numRuns: 3000 },
    );
  });
});
