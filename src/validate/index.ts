// validateManifests: the strict schema check (with CEL), the API server's built-in per-object validation and the
// cross-resource rules, over a set of objects.
import { nearestPinned, readLock, sourcesFor } from '../schemas/lock.js';
import { cacheDir, ensureSchemas, type CacheEntry } from '../schemas/cache.js';
import { apiServerProblems } from './apiserver/index.js';
import { localCrds } from './local-crds.js';
import { runRules } from './rules/index.js';
import { SchemaCatalog } from './schema-catalog.js';
import { location, SchemaChecker, type SchemaCheckResult } from './schema-check.js';
import type { ManifestDoc, ObjectResult, ObjectStatus, Problem, ValidationReport } from './types.js';

/** Options of a validation run. */
export interface ValidateOptions {
  /** Skip objects whose kind has no pinned schema instead of failing them. @default false */
  readonly ignoreMissingSchemas?: boolean;
  /** Treat rule warnings as errors (`--warnings-as-errors`). @default false */
  readonly warningsAsErrors?: boolean;
  /** Mirror directories for filling the schema cache. @default $ELASTIC_GITOPS_MIRROR */
  readonly mirrors?: readonly string[];
  /**
   * The Kubernetes minor version (`1.33`) whose OpenAPI checks built-in kinds, for documents without their own
   * `kubernetesVersion`. @default the newest pinned in schemas.lock.json
   */
  readonly kubernetesVersion?: string;
  /** CRD files, directories or URLs whose custom resources are checked against them (before the pinned CRDs). */
  readonly crds?: readonly string[];
  /**
   * Kinds not checked, counted as skipped: `Kind` or `apiVersion/Kind` (`Deployment`, `apps/v1/Deployment`),
   * kubeconform's -skip. The cross-resource rules still see them (a skipped Namespace still exists for the objects in
   * it) but report nothing about them. @default none
   */
  readonly skipKinds?: readonly string[];
  /** Kinds refused as `prohibited resource kind <Kind>`, written as for `skipKinds` (kubeconform's -reject). @default none */
  readonly rejectKinds?: readonly string[];
  /** How many files the documents were read from, empty ones included. @default the files of the documents */
  readonly files?: number;
}

/**
 * Whether `kinds` names the object, by `Kind` or by kubeconform's GVK string `apiVersion/Kind` (ValidateResource's
 * skip and reject in kubeconform's pkg/validator/validator.go, Signature.GroupVersionKind in pkg/resource/resource.go).
 */
function names(kinds: ReadonlySet<string>, o: Record<string, unknown>): boolean {
  if (kinds.size === 0 || typeof o.kind !== 'string') return false;
  return kinds.has(o.kind) || (typeof o.apiVersion === 'string' && kinds.has(`${o.apiVersion}/${o.kind}`));
}

/** One checker per Kubernetes version and process: schemas and compiled validators are reused across calls. */
const checkers = new Map<string, SchemaChecker>();

async function schemaChecker(
  kubernetesVersion: string | undefined,
  mirrors: readonly string[] | undefined,
  local: CacheEntry | undefined,
): Promise<SchemaChecker> {
  const { version, sources } = sourcesFor(readLock(), kubernetesVersion);
  const key = `${version}:${local?.source.sha256 ?? ''}`;
  let checker = checkers.get(key);
  if (!checker) {
    const entries = await ensureSchemas(sources, { mirrors });
    checkers.set(key, (checker = new SchemaChecker(SchemaCatalog.open(cacheDir(), entries, version, local ? [local] : []))));
  }
  return checker;
}

/**
 * Validates every document against its schema (for its Kubernetes version) and the API server's checks, and runs the
 * cross-resource rules. Unreadable documents and `rejectKinds` are errors, `skipKinds` skipped; neither is checked further.
 */
export async function validateManifests(input: readonly ManifestDoc[], opts: ValidateOptions = {}): Promise<ValidationReport> {
  const skip = new Set(opts.skipKinds ?? []);
  const reject = new Set(opts.rejectKinds ?? []);
  const status = new Map<string, ObjectStatus>();
  const key = (d: Pick<ManifestDoc, 'file' | 'line'>): string => `${d.file}:${d.line}`;
  const refused: Problem[] = [];
  const checked: ManifestDoc[] = [];
  const skipped: ManifestDoc[] = [];
  for (const d of input) {
    // in kubeconform's order: unreadable, then skipped, then rejected
    if (d.unreadable) refused.push({ ...location(d), severity: 'error', path: d.unreadable.path, message: d.unreadable.message });
    else if (names(skip, d.object)) {
      status.set(key(d), 'skipped');
      skipped.push(d);
    } else if (names(reject, d.object))
      refused.push({ ...location(d), severity: 'error', path: '/kind', message: `prohibited resource kind ${String(d.object.kind)}` });
    else checked.push(d);
  }
  for (const p of refused) status.set(key(p), 'error');
  // null means unset, as the API server reads objects (nullable fields of the pinned CRDs keep theirs)
  // nothing left to check (every object skipped or refused) loads no schema, unless CRDs given must still be checked
  const idle = checked.length === 0 && (opts.crds ?? []).length === 0;
  const checker = idle ? undefined : await schemaChecker(opts.kubernetesVersion, opts.mirrors, undefined);
  const docs = checker?.asServerReads(checked) ?? [];
  const schema: SchemaCheckResult = idle
    ? { problems: [], skipped: new Set(), errored: new Set(), notEvaluated: new Map() }
    : await checkSchemas(docs, opts);
  // a field the schema already reports (e.g. a required one missing) is not reported twice
  const schemaPaths = new Set(schema.problems.map((p) => `${p.file}:${p.line}:${p.path}`));
  const apiServer = apiServerProblems(docs).filter((p) => !schemaPaths.has(`${p.file}:${p.line}:${p.path}`));
  // skipped objects are context of the rules (they will exist in the cluster), never the subject of a problem
  const skippedKeys = new Set(skipped.map(key));
  const rules = runRules(skipped.length > 0 && checker ? [...docs, ...checker.asServerReads(skipped)] : docs).filter((p) => !skippedKeys.has(key(p)));
  const problems: Problem[] = [...refused, ...schema.problems, ...apiServer, ...rules].map((p) =>
    opts.warningsAsErrors && p.severity === 'warning' ? { ...p, severity: 'error' } : p,
  );
  const failed = new Set(problems.filter((p) => p.severity === 'error').map(key));
  docs.forEach((d, i) => {
    const k = key(d);
    status.set(k, schema.errored.has(i) ? 'error' : failed.has(k) ? 'invalid' : schema.skipped.has(i) ? 'skipped' : 'valid');
  });
  const objects: ObjectResult[] = input
    .map((d) => {
      const { file, line, kind, namespace, name } = location(d);
      const apiVersion = typeof d.object.apiVersion === 'string' ? d.object.apiVersion : '';
      return { file, line, apiVersion, kind, namespace, name, status: status.get(key(d)) ?? 'valid' };
    })
    .sort(byPosition);
  const count = (s: ObjectStatus) => objects.filter((o) => o.status === s).length;
  return {
    resources: input.length,
    files: opts.files ?? new Set(input.map((d) => d.file)).size,
    valid: count('valid'),
    invalid: count('invalid') + count('error'),
    errors: count('error'),
    skipped: count('skipped'),
    problems: atFieldLines(problems, input).sort(byPosition),
    notEvaluated: [...schema.notEvaluated].map(([rule, n]) => ({ rule, reason: n.reason, count: n.count })),
    objects,
  };
}

/**
 * The schema check of each group of documents that share a Kubernetes version. A document's own version (its
 * environment's cluster.kubernetesVersion) that is not pinned is checked against the nearest pinned one, with a
 * warning on the group's first document; the version asked for with `opts.kubernetesVersion` must be pinned.
 */
async function checkSchemas(docs: readonly ManifestDoc[], opts: ValidateOptions): Promise<SchemaCheckResult> {
  const lock = readLock();
  const local = await localCrds(opts.crds ?? [], docs, cacheDir());
  const groups = new Map<string | undefined, number[]>();
  const substitutes: Problem[] = [];
  const warned = new Set<string>();
  /** The pinned version to check each document's own version against, looked up once per version. */
  const nearestOf = new Map<string, string | undefined>();
  docs.forEach((d, i) => {
    let v = d.kubernetesVersion ?? opts.kubernetesVersion;
    if (d.kubernetesVersion !== undefined) {
      if (!nearestOf.has(d.kubernetesVersion)) nearestOf.set(d.kubernetesVersion, nearestPinned(lock, d.kubernetesVersion));
      const nearest = nearestOf.get(d.kubernetesVersion);
      if (nearest !== undefined) {
        if (!warned.has(d.kubernetesVersion)) {
          warned.add(d.kubernetesVersion);
          substitutes.push({
            severity: 'warning',
            file: d.file,
            line: d.line,
            kind: typeof d.object.kind === 'string' ? d.object.kind : '?',
            namespace: '',
            name: '',
            path: '',
            message: `Kubernetes ${v} has no pinned OpenAPI in schemas.lock.json: checked against ${nearest}, the nearest pinned`,
          });
        }
        v = nearest;
      }
    }
    const group = groups.get(v);
    if (group) group.push(i);
    else groups.set(v, [i]);
  });
  const out: SchemaCheckResult = { problems: [], skipped: new Set(), errored: new Set(), notEvaluated: new Map() };
  if (groups.size <= 1 && substitutes.length === 0 && local.problems.length === 0) {
    return (await schemaChecker(groups.keys().next().value ?? opts.kubernetesVersion, opts.mirrors, local.entry)).check(
      docs,
      opts.ignoreMissingSchemas ?? false,
    );
  }
  out.problems.push(...substitutes, ...local.problems);
  for (const [version, indexes] of groups) {
    const r = (await schemaChecker(version, opts.mirrors, local.entry)).check(
      indexes.map((i) => docs[i]!),
      opts.ignoreMissingSchemas ?? false,
    );
    out.problems.push(...r.problems);
    for (const s of r.skipped) out.skipped.add(indexes[s]!);
    for (const e of r.errored) out.errored.add(indexes[e]!);
    for (const [rule, n] of r.notEvaluated) {
      const m = out.notEvaluated.get(rule);
      out.notEvaluated.set(rule, m ? { reason: m.reason, count: m.count + n.count } : n);
    }
  }
  return out;
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

type Positioned = { readonly file: string; readonly line: number; readonly path?: string };

function byPosition(a: Positioned, b: Positioned): number {
  const [p, q] = [a.path ?? '', b.path ?? ''];
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (p < q ? -1 : p > q ? 1 : 0);
}
