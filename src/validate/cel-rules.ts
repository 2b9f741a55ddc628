// Evaluates a CRD's x-kubernetes-validations (CEL) offline, with the Kubernetes CEL library functions the pinned
// CRDs use. Transition rules (oldSelf) cannot apply to a new object and are skipped; a rule the library cannot
// evaluate is reported as not evaluated, never passed silently.
import { Environment } from '@marcbachmann/cel-js';
import type { CelRule } from './strict-schema.js';

/** The outcome of one rule on one node. */
export type CelOutcome =
  | { readonly status: 'pass' }
  | { readonly status: 'fail'; readonly pointer: string; readonly message: string }
  | { readonly status: 'not-evaluated'; readonly reason: string };

type Program = (ctx: Record<string, unknown>) => unknown;

let env: Environment | undefined;
const programs = new Map<string, Program | Error>();

function celEnvironment(): Environment {
  if (env) return env;
  env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
    // Kubernetes regex library: https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-regex-library
    .registerFunction({ name: 'find', receiverType: 'string', returnType: 'string', params: [{ name: 'regex', type: 'string' }], handler: (s: string, re: string) => new RegExp(re).exec(s)?.[0] ?? '' })
    .registerFunction({ name: 'findAll', receiverType: 'string', returnType: 'list', params: [{ name: 'regex', type: 'string' }], handler: (s: string, re: string) => [...s.matchAll(new RegExp(re, 'g'))].map((m) => m[0]) })
    // Kubernetes URL library subset
    .registerFunction({ name: 'isURL', returnType: 'bool', params: [{ name: 's', type: 'string' }], handler: (s: string) => URL.canParse(s) });
  return env;
}

function program(rule: string): Program | Error {
  let p = programs.get(rule);
  if (p === undefined) {
    try {
      const compiled = celEnvironment().parse(rule) as unknown as Program;
      p = compiled;
    } catch (e) {
      p = e as Error;
    }
    programs.set(rule, p);
  }
  return p;
}

/** Whether a rule compares with the previous object (a transition rule: skipped for new objects). */
export function isTransitionRule(rule: CelRule): boolean {
  return /\boldSelf\b/.test(rule.rule);
}

/** Evaluates `rule` on every node of `object` at the rule's location; yields one outcome per node. */
export function* evaluateRule(rule: CelRule, object: unknown): Generator<CelOutcome> {
  for (const [pointer, node] of nodesAt(object, rule.path, '')) {
    const p = program(rule.rule);
    if (p instanceof Error) {
      yield { status: 'not-evaluated', reason: firstLine(p.message) };
      continue;
    }
    let result: unknown;
    try {
      result = p({ self: toCel(node) });
    } catch (e) {
      yield { status: 'not-evaluated', reason: firstLine((e as Error).message) };
      continue;
    }
    if (result === true) yield { status: 'pass' };
    else if (result === false) yield { status: 'fail', pointer: pointer + fieldPathPointer(rule.fieldPath), message: rule.message ?? `failed rule: ${rule.rule}` };
    else yield { status: 'not-evaluated', reason: `rule returned ${typeof result}` };
  }
}

function* nodesAt(node: unknown, path: readonly string[], pointer: string): Generator<[string, unknown]> {
  if (node === undefined || node === null) return;
  if (path.length === 0) {
    yield [pointer, node];
    return;
  }
  const [step, ...rest] = path as [string, ...string[]];
  if (step === '*') {
    if (Array.isArray(node)) for (const [i, item] of node.entries()) yield* nodesAt(item, rest, `${pointer}/${i}`);
    else if (typeof node === 'object') for (const [k, v] of Object.entries(node)) yield* nodesAt(v, rest, `${pointer}/${escape(k)}`);
  } else if (typeof node === 'object' && !Array.isArray(node) && step in (node as object)) {
    yield* nodesAt((node as Record<string, unknown>)[step], rest, `${pointer}/${escape(step)}`);
  }
}

/** CEL integers are 64-bit ints: JSON integers become BigInt so `self.x > 0` type-checks. */
function toCel(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCel);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  return v;
}

/** `.spec.foo` / `.foo` fieldPath of a rule → JSON pointer suffix. */
function fieldPathPointer(fieldPath: string | undefined): string {
  if (!fieldPath) return '';
  return fieldPath
    .split(/\.|\[['"]?|['"]?\]/)
    .filter((s) => s !== '')
    .map((s) => `/${escape(s)}`)
    .join('');
}

function escape(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).trim();
}
