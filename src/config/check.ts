// Turns a merged environment into the typed, checked model the charts receive.
import { InputError } from '../errors.js';
import { DiagnosticList, formatDiagnostic } from './diagnostic.js';
import type { MergedEnvironment } from './load.js';
import type { Environment } from './model/environment.js';
import { normalize } from './normalize.js';
import { checkSchema } from './schema-check.js';
import { checkSemantics } from './semantic-check.js';

/** Checks environments; throws one InputError listing every problem of every environment. */
export function checkEnvironments(merged: readonly MergedEnvironment[]): Environment[] {
  const problems: string[] = [];
  const envs: Environment[] = [];
  for (const m of merged) {
    const out = new DiagnosticList(m.origins, { file: m.file, line: 1, col: 1 });
    const value = structuredClone(m.value);
    if (checkSchema(value, out)) {
      const env = normalize({ ...(value as unknown as Omit<Environment, 'envName'>), envName: m.name });
      checkSemantics(env, out);
      if (out.all.length === 0) envs.push(env);
    }
    problems.push(...out.all.map(formatDiagnostic));
  }
  if (problems.length > 0) {
    throw new InputError(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the environment files`, [...new Set(problems)]);
  }
  return envs;
}
