// Turns a merged environment into the typed, checked model the charts receive.
import { DiagnosticList, formatDiagnostic, problemsError, type Diagnostic } from './diagnostic.js';
import type { MergedEnvironment } from './load.js';
import type { Environment } from './model/environment.js';
import { normalize } from './normalize.js';
import { checkSchema, type Rejection } from './schema-check.js';
import { checkSemantics } from './semantic-check.js';
import { unescapePointer } from '../json-pointer.js';

/**
 * Checks environments; throws one InputError listing `earlier` (the loader's problems) and every problem of every
 * environment: schema problems first, then the semantic ones, for each environment in order.
 */
export function checkEnvironments(merged: readonly MergedEnvironment[], earlier: readonly Diagnostic[] = []): Environment[] {
  const problems = earlier.map(formatDiagnostic);
  const envs: Environment[] = [];
  for (const m of merged) {
    const out = new DiagnosticList(m.origins, { file: m.file, line: 1, col: 1 });
    const value = structuredClone(m.value);
    const rejected = checkSchema(value, out);
    if (rejected.length === 0) {
      const env = toModel(value, m.name);
      checkSemantics(env, out);
      if (out.all.length === 0) envs.push(env);
    }
    problems.push(...out.all.map(formatDiagnostic));
    if (rejected.length > 0) problems.push(...semanticsWithout(m, rejected).map(formatDiagnostic));
  }
  if (problems.length > 0) throw problemsError(problems);
  return envs;
}

function toModel(value: Record<string, unknown>, name: string): Environment {
  return normalize({ ...(value as unknown as Omit<Environment, 'envName'>), envName: name });
}

/**
 * The semantic problems of a schema-invalid environment, found on a copy without the rejected values, so that one
 * run reports everything. Only when that copy passes the schema (a rejected required value does not), and without
 * the problems inside a mapping that lost a value (they could come from a default that stood in for it).
 */
function semanticsWithout(m: MergedEnvironment, rejected: readonly Rejection[]): Diagnostic[] {
  const value = structuredClone(m.value);
  for (const r of rejected) removeAt(value, r.pointer);
  if (checkSchema(value).length > 0) return [];
  const out = new DiagnosticList(m.origins, { file: m.file, line: 1, col: 1 });
  checkSemantics(toModel(value, m.name), out);
  const scopes = rejected.filter((r) => !r.unknownKey).map((r) => r.pointer.slice(0, r.pointer.lastIndexOf('/')));
  return out.all.filter((d) => !scopes.some((s) => d.pointer === s || d.pointer.startsWith(`${s}/`)));
}

function removeAt(root: Record<string, unknown>, pointer: string): void {
  const segments = pointer.split('/').slice(1).map(unescapePointer);
  const last = segments.pop();
  let node: unknown = root;
  for (const s of segments) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[s] : undefined;
  if (last !== undefined && typeof node === 'object' && node !== null && !Array.isArray(node)) delete (node as Record<string, unknown>)[last];
}
