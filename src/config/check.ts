// Turns a merged environment into the typed, checked model the charts receive.
import { DiagnosticList, formatDiagnostic, problemsError, type Diagnostic } from './diagnostic.js';
import type { MergedEnvironment } from './load.js';
import type { Environment } from './model/environment.js';
import { normalize } from './normalize.js';
import { checkSchema, type Rejection } from './schema-check.js';
import { checkSemantics } from './semantic-check.js';
import { displayPath } from './source-map.js';
import { appendPointer, unescapePointer } from '../json-pointer.js';

/**
 * Checks environments; throws one InputError listing `earlier` (the loader's problems) and every problem of every
 * environment: schema problems first, then the semantic ones, for each environment in order.
 */
export function checkEnvironments(merged: readonly MergedEnvironment[], earlier: readonly Diagnostic[] = []): Environment[] {
  const problems = earlier.map(formatDiagnostic);
  const envs: Environment[] = [];
  for (const m of merged) {
    const checked = checkEnvironment(m);
    problems.push(...checked.problems);
    if (checked.env) envs.push(checked.env);
  }
  if (problems.length > 0) throw problemsError(problems);
  return envs;
}

/** One environment checked: its model when it has no problem, and its problems (schema first, then semantic), formatted. */
export function checkEnvironment(m: MergedEnvironment): { readonly env?: Environment; readonly problems: readonly string[] } {
  const out = new DiagnosticList(m.origins, { file: m.file, line: 1, col: 1 });
  const value = structuredClone(m.value);
  const rejected = checkSchema(value, out);
  if (rejected.length === 0) {
    const env = toModel(value, m.name);
    checkSemantics(env, out);
    if (out.all.length === 0) return { env, problems: [] };
  }
  const problems = out.all.map(formatDiagnostic);
  if (rejected.length > 0) problems.push(...semanticsWithout(m, rejected).map(formatDiagnostic));
  return { problems };
}

function toModel(value: Record<string, unknown>, name: string): Environment {
  return normalize({ ...(value as unknown as Omit<Environment, 'envName'>), envName: name });
}

/**
 * The semantic problems of a schema-invalid environment, found on a copy without the rejected values, so that one
 * run reports everything. Only when that copy passes the schema (a rejected required value does not), and without
 * the problems inside a mapping that lost a value, nor those naming a key whose misspelling (`maxReplica`) left a
 * default standing in for it.
 */
function semanticsWithout(m: MergedEnvironment, rejected: readonly Rejection[]): Diagnostic[] {
  const value = structuredClone(m.value);
  for (const r of rejected) removeAt(value, r.pointer);
  if (checkSchema(value).length > 0) return [];
  const out = new DiagnosticList(m.origins, { file: m.file, line: 1, col: 1 });
  checkSemantics(toModel(value, m.name), out);
  const parentOf = (pointer: string): string => pointer.slice(0, pointer.lastIndexOf('/'));
  const standIn = (r: Rejection): boolean =>
    r.resembles !== undefined && !Object.hasOwn(asRecord(valueAt(m.value, parentOf(r.pointer))), r.resembles);
  const scopes = rejected.filter((r) => !r.unknownKey).map((r) => parentOf(r.pointer));
  const standIns = rejected
    .filter(standIn)
    .map((r) => ({ scope: parentOf(r.pointer), key: r.resembles!, pointer: appendPointer(parentOf(r.pointer), r.resembles!) }));
  const within = (d: Diagnostic, scope: string): boolean => d.pointer === scope || d.pointer.startsWith(`${scope}/`);
  const word = (text: string, w: string): boolean => new RegExp(`(^|[^\\w.])${w.replace(/[.$]/g, '\\$&')}($|[^\\w])`).test(text);
  return out.all.filter(
    (d) =>
      !scopes.some((s) => within(d, s)) &&
      // a default standing in for a misspelt key: drop the problems that name it (errors quote the field they read)
      !standIns.some((x) => within(d, x.pointer) || (within(d, x.scope) && word(d.message, x.key)) || d.message.includes(displayPath(x.pointer))),
  );
}

function removeAt(root: Record<string, unknown>, pointer: string): void {
  const last = unescapePointer(pointer.slice(pointer.lastIndexOf('/') + 1));
  const node = valueAt(root, pointer.slice(0, pointer.lastIndexOf('/')));
  if (pointer !== '' && typeof node === 'object' && node !== null && !Array.isArray(node)) delete (node as Record<string, unknown>)[last];
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const s of pointer.split('/').slice(1).map(unescapePointer))
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[s] : undefined;
  return node;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
