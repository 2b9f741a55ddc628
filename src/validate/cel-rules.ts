// Evaluates a CRD's x-kubernetes-validations (CEL) offline, with the Kubernetes CEL library functions the pinned
// CRDs use. Transition rules (oldSelf) cannot apply to a new object and are skipped by validation; diff evaluates them
// on an update (evaluateTransitionRules: oldSelf = the base's value, self = the new one). A rule the library cannot
// evaluate is reported as not evaluated, never passed silently. As on the API server, a rule that fails at run time
// on the object's data (a missing key, an index out of range, a bad conversion) rejects the object.
import { escapePointer } from '../json-pointer.js';
import { Environment } from '@marcbachmann/cel-js';
import { registerUrlLibrary, URL_PARSE_ERROR } from './cel-url.js';
import { goRegExp } from './go-regexp.js';
import type { CelRule } from './strict-schema.js';

/** The outcome of one rule on one node. */
export type CelOutcome =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly pointer: string; readonly message: string }
  | { readonly status: 'not-evaluated'; readonly reason: string };

/** The rules of a kind arranged by schema location, so an object is walked once along the paths it has. */
export interface RuleTree {
  readonly rules: CelRule[];
  /** Child steps: a property name, or `*` for list items and map values. */
  readonly children: Map<string, RuleTree>;
}

type Program = (ctx: Record<string, unknown>) => unknown;

/** Evaluation errors that come from the object's data: the API server rejects the object for them. */
const DATA_ERRORS = new Set([
  'no_such_key',
  'index_out_of_bounds',
  'index_out_of_range',
  'int_conversion_error',
  'division_by_zero',
  'modulus_by_zero',
  URL_PARSE_ERROR,
]);

let env: Environment | undefined;
const programs = new Map<string, Program | Error>();

function celEnvironment(): Environment {
  if (env) return env;
  env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false, enableOptionalTypes: true })
    // Kubernetes regex library (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-regex-library) and the
    // standard `matches`, with Go (RE2) syntax and meaning through re2js; the library's own `matches` compiles
    // JavaScript patterns, so rules call this one instead (re2Calls)
    .registerFunction({
      name: RE2_MATCHES,
      receiverType: 'string',
      returnType: 'bool',
      params: [{ name: 'regex', type: 'string' }],
      handler: (s: string, re: string) => goRegExp(re).test(s),
    })
    .registerFunction({
      name: RE2_MATCHES,
      returnType: 'bool',
      params: [
        { name: 'text', type: 'string' },
        { name: 'regex', type: 'string' },
      ],
      handler: (s: string, re: string) => goRegExp(re).test(s),
    })
    .registerFunction({
      name: 'find',
      receiverType: 'string',
      returnType: 'string',
      params: [{ name: 'regex', type: 'string' }],
      handler: (s: string, re: string) => goRegExp(re).find(s) ?? '',
    })
    .registerFunction({
      name: 'findAll',
      receiverType: 'string',
      returnType: 'list<string>',
      params: [{ name: 'regex', type: 'string' }],
      handler: (s: string, re: string) => goRegExp(re).findAll(s),
    });
  registerUrlLibrary(env);
  return env;
}

function program(rule: string): Program | Error {
  let p = programs.get(rule);
  if (p === undefined) {
    try {
      p = celEnvironment().parse(re2Calls(rule)) as unknown as Program;
    } catch (e) {
      p = e as Error;
    }
    programs.set(rule, p);
  }
  return p;
}

const RE2_MATCHES = 'matches_re2';

/**
 * The rule with its calls of `matches` (`s.matches(re)` and `matches(s, re)`) turned into calls of the RE2 one;
 * string literals (quoted, triple-quoted, raw, bytes) are left as they are.
 */
export function re2Calls(rule: string): string {
  let out = '';
  for (let i = 0; i < rule.length; ) {
    const c = rule[i]!;
    if (c === '"' || c === "'") {
      const quote = rule.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      const raw = /[rR]/.test(rule[i - 1] ?? '');
      let j = i + quote.length;
      while (j < rule.length && !rule.startsWith(quote, j)) j += !raw && rule[j] === '\\' ? 2 : 1;
      out += rule.slice(i, j + quote.length);
      i = j + quote.length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rule.slice(i))?.[0];
    if (word) {
      out += word === 'matches' && /^\s*\(/.test(rule.slice(i + word.length)) ? RE2_MATCHES : word;
      i += word.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Why a rule cannot be compiled by the offline CEL environment (undefined when it can). */
export function compileError(rule: string): string | undefined {
  const p = program(rule);
  return p instanceof Error ? firstLine(p.message) : undefined;
}

/** Whether a rule compares with the previous object (a transition rule: skipped for new objects). */
export function isTransitionRule(rule: CelRule): boolean {
  return /\boldSelf\b/.test(rule.rule);
}

/** The tree of a kind's rules that apply to a new object (transition rules left out). */
export function ruleTree(rules: readonly CelRule[]): RuleTree {
  const root: RuleTree = { rules: [], children: new Map() };
  for (const rule of rules) {
    if (isTransitionRule(rule)) continue;
    let node = root;
    for (const step of rule.path) {
      let child = node.children.get(step);
      if (!child) node.children.set(step, (child = { rules: [], children: new Map() }));
      node = child;
    }
    node.rules.push(rule);
  }
  return root;
}

/**
 * Outcomes of rules on scalar values and lists of scalars, by rule and value: objects of one kind repeat them (the same
 * string field, the same short list), and a rule's outcome depends on `self` alone. Keep one for a run of checks.
 */
export type CelOutcomes = Map<CelRule, Map<string, CelOutcome>>;

/** Evaluates every rule of `tree` on every node of `object` it applies to; `report` gets each outcome. */
export function evaluateRules(
  tree: RuleTree,
  object: unknown,
  report: (rule: CelRule, outcome: CelOutcome) => void,
  outcomes: CelOutcomes = new Map(),
): void {
  walk(tree, object, '', report, new WeakMap(), outcomes);
}

function walk(
  tree: RuleTree,
  node: unknown,
  pointer: string,
  report: (rule: CelRule, outcome: CelOutcome) => void,
  memo: WeakMap<object, unknown>,
  outcomes: CelOutcomes,
): void {
  if (node === undefined || node === null) return;
  if (tree.rules.length > 0) {
    const key = scalarKey(node);
    // converted only when a rule is evaluated: a scalar whose outcomes are all known is not
    let self = key === undefined ? toCel(node, memo) : undefined;
    for (const rule of tree.rules) {
      if (key === undefined) {
        report(rule, evaluate(rule, self, pointer));
        continue;
      }
      let known = outcomes.get(rule);
      if (!known) outcomes.set(rule, (known = new Map()));
      let outcome = known.get(key);
      // stored as evaluated at the root: a failure's pointer is this node's
      if (!outcome) known.set(key, (outcome = evaluate(rule, (self ??= toCel(node, memo)), '')));
      report(rule, outcome.status === 'fail' ? { ...outcome, pointer: pointer + outcome.pointer } : outcome);
    }
  }
  if (typeof node !== 'object') return;
  for (const [step, child] of tree.children) {
    if (step === '*') {
      if (Array.isArray(node)) for (let i = 0; i < node.length; i++) walk(child, node[i], `${pointer}/${i}`, report, memo, outcomes);
      else for (const k in node) walk(child, (node as Record<string, unknown>)[k], `${pointer}/${escape(k)}`, report, memo, outcomes);
    } else if (!Array.isArray(node) && Object.hasOwn(node, step)) {
      walk(child, (node as Record<string, unknown>)[step], `${pointer}/${escape(step)}`, report, memo, outcomes);
    }
  }
}

/**
 * A text naming a scalar or a list of scalars exactly (its CEL value), or undefined for anything else: strings as JSON,
 * numbers by String (NaN, Infinity and -0 stay apart from null and 0 as toCel keeps them), each with its type.
 */
export function scalarKey(v: unknown): string | undefined {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return `n${String(v)}`;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (!Array.isArray(v) || v.length > 16) return undefined;
  let out = '[';
  for (const x of v) {
    const k = x === null ? 'z' : typeof x === 'object' ? undefined : scalarKey(x);
    if (k === undefined) return undefined;
    out += `${k},`;
  }
  return `${out}]`;
}

/**
 * Evaluates the transition rules (those naming oldSelf) of `rules` on an update from `before` to `after`. As on the API
 * server, a rule applies where the node exists on both sides; object properties and map values are correlated by key.
 * List items are not correlated (Kubernetes correlates only `x-kubernetes-list-type: map` items): rules below a list
 * are not evaluated.
 */
export function evaluateTransitionRules(
  rules: readonly CelRule[],
  before: unknown,
  after: unknown,
  report: (rule: CelRule, outcome: CelOutcome) => void,
): void {
  const memo = new WeakMap<object, unknown>();
  for (const rule of rules) {
    if (!isTransitionRule(rule)) continue;
    for (const { pointer, old, now } of correlated(rule.path, before, after, ''))
      report(rule, evaluate(rule, toCel(now, memo), pointer, toCel(old, memo)));
  }
}

function* correlated(
  path: readonly string[],
  old: unknown,
  now: unknown,
  pointer: string,
): Generator<{ pointer: string; old: unknown; now: unknown }> {
  if (old === undefined || old === null || now === undefined || now === null) return;
  if (path.length === 0) {
    yield { pointer, old, now };
    return;
  }
  if (typeof old !== 'object' || typeof now !== 'object' || Array.isArray(old) || Array.isArray(now)) return;
  const [step, ...rest] = path as [string, ...string[]];
  const o = old as Record<string, unknown>;
  const n = now as Record<string, unknown>;
  const keys = step === '*' ? Object.keys(n).filter((k) => Object.hasOwn(o, k)) : Object.hasOwn(o, step) && Object.hasOwn(n, step) ? [step] : [];
  for (const k of keys) yield* correlated(rest, o[k], n[k], `${pointer}/${escape(k)}`);
}

function evaluate(rule: CelRule, self: unknown, pointer: string, oldSelf?: unknown): CelOutcome {
  const p = program(rule.rule);
  if (p instanceof Error) return { status: 'not-evaluated', reason: firstLine(p.message) };
  let result: unknown;
  try {
    result = p(oldSelf === undefined ? { self } : { self, oldSelf });
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code !== undefined && DATA_ERRORS.has(err.code)) {
      return { status: 'fail', pointer: pointer + fieldPathPointer(rule.fieldPath), message: `${ruleMessage(rule)}: ${firstLine(err.message)}` };
    }
    return { status: 'not-evaluated', reason: firstLine(err.message) };
  }
  if (result === true) return { status: 'pass' };
  if (result === false) return { status: 'fail', pointer: pointer + fieldPathPointer(rule.fieldPath), message: ruleMessage(rule) };
  return { status: 'not-evaluated', reason: `rule returned ${typeof result}` };
}

/** The API server's wording: the rule's message, or `failed rule: <rule>`. */
function ruleMessage(rule: CelRule): string {
  return rule.message ?? `failed rule: ${rule.rule}`;
}

/** CEL integers are 64-bit ints: JSON integers become BigInt so `self.x > 0` type-checks. Shared subtrees convert once. */
function toCel(v: unknown, memo: WeakMap<object, unknown>): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (v === null || typeof v !== 'object') return v;
  let out = memo.get(v);
  if (out === undefined) {
    if (Array.isArray(v)) out = v.map((x) => toCel(x, memo));
    else {
      const o: Record<string, unknown> = {};
      for (const k in v) o[k] = toCel((v as Record<string, unknown>)[k], memo);
      out = o;
    }
    memo.set(v, out);
  }
  return out;
}

/** `.spec.foo` / `.foo` fieldPath of a rule → JSON pointer suffix. */
function fieldPathPointer(fieldPath: string | undefined): string {
  if (!fieldPath) return '';
  return fieldPath
    .split(/\.|\[['"]?|['"]?\]/)
    .filter((s) => s !== '')
    .map((s) => `/${escapePointer(s)}`)
    .join('');
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).trim();
}
