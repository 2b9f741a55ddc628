// validateManifests: the strict schema check (with CEL), the API server's built-in per-object validation and the
// cross-resource rules, over a set of objects.
import { readLock } from '../schemas/lock.js';
import { cacheDir, ensureSchemas } from '../schemas/cache.js';
import { apiServerProblems } from './apiserver/index.js';
import { runRules } from './rules/index.js';
import { SchemaCatalog } from './schema-catalog.js';
import { SchemaChecker } from './schema-check.js';
import type { ManifestDoc, Problem, ValidationReport } from './types.js';

/** Options of a validation run. */
export interface ValidateOptions {
  /** Skip objects whose kind has no pinned schema instead of failing them. @default false */
  readonly ignoreMissingSchemas?: boolean;
  /** Treat rule warnings as errors. @default false */
  readonly strict?: boolean;
  /** Mirror directories for filling the schema cache. @default $ELASTIC_GITOPS_MIRROR */
  readonly mirrors?: readonly string[];
}

let checker: SchemaChecker | undefined;

/** One checker per process: schemas and compiled validators are reused across calls. */
async function schemaChecker(mirrors?: readonly string[]): Promise<SchemaChecker> {
  if (!checker) {
    const entries = await ensureSchemas(readLock(), { mirrors });
    checker = new SchemaChecker(SchemaCatalog.open(cacheDir(), entries));
  }
  return checker;
}

/** Validates every document against its schema and the API server's checks, and runs the cross-resource rules. */
export async function validateManifests(input: readonly ManifestDoc[], opts: ValidateOptions = {}): Promise<ValidationReport> {
  const checker = await schemaChecker(opts.mirrors);
  // null means unset, as the API server reads objects
  const docs = checker.unsetNulls(input);
  const schema = checker.check(docs, opts.ignoreMissingSchemas ?? false);
  // a field the schema already reports (e.g. a required one missing) is not reported twice
  const schemaPaths = new Set(schema.problems.map((p) => `${p.file}:${p.line}:${p.path}`));
  const apiServer = apiServerProblems(docs).filter((p) => !schemaPaths.has(`${p.file}:${p.line}:${p.path}`));
  const rules = runRules(docs);
  const problems: Problem[] = [...schema.problems, ...apiServer, ...rules].map((p) => (opts.strict && p.severity === 'warning' ? { ...p, severity: 'error' } : p));
  const invalidDocs = new Set<string>();
  for (const p of problems) if (p.severity === 'error') invalidDocs.add(`${p.file}:${p.line}`);
  const invalid = docs.filter((d) => invalidDocs.has(`${d.file}:${d.line}`)).length;
  return {
    resources: docs.length,
    valid: docs.length - invalid - schema.skipped.size,
    invalid,
    skipped: schema.skipped.size,
    problems: atFieldLines(problems, docs).sort(byPosition),
    notEvaluated: [...schema.notEvaluated].map(([rule, n]) => ({ rule, reason: n.reason, count: n.count })),
  };
}

/** Problems moved from their document's line to the line of the field they name, where the reader knows it. */
function atFieldLines(problems: readonly Problem[], docs: readonly ManifestDoc[]): Problem[] {
  if (problems.length === 0) return [];
  const byStart = new Map(docs.filter((d) => d.lineOf).map((d) => [`${d.file}:${d.line}`, d.lineOf!]));
  return problems.map((p) => {
    const lineOf = byStart.get(`${p.file}:${p.line}`);
    return lineOf ? { ...p, line: lineOf(p.path) } : p;
  });
}

function byPosition(a: Problem, b: Problem): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
