// Upstream CRD and webhook test tables (Karpenter's CEL tests, KEDA's webhook tests; test/fixtures/peers/SOURCES.md)
// transcribed as YAML case files and run through `validate` in one call per file. A case file holds the upstream
// test's starting object (`base`, or `bases` by name) and, per upstream case, the changes it makes (`set`: JSON
// pointer -> value, `unset`: pointers) and upstream's expectation: valid, or an error at `error` (JSON pointers, every
// one among ours) with `message` (a substring of ours) where upstream asserts a message. `todo` names a case that
// cannot be decided offline, with the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { ValidationReport } from '../../src/validate/types.js';
import { validateManifests } from '../../src/validate/index.js';
import { readManifestText } from '../../src/validate/read-manifests.js';
import { mirrorDirs } from './mirror.js';
import { PEERS } from './peer-cases.js';

/** One upstream case as transcribed. */
export interface CrdCase {
  /** Line of the upstream `It`/`Entry` (or table row). */
  readonly line: number;
  /** The upstream test's name (Context / It / Entry). */
  readonly it: string;
  /** Which of `bases` the case starts from. @default `base` */
  readonly from?: string;
  readonly set?: Readonly<Record<string, unknown>>;
  readonly unset?: readonly string[];
  /** Extra objects the case needs next to it (e.g. a Deployment it targets). */
  readonly with?: readonly Record<string, unknown>[];
  /** Upstream expects a failure at these JSON pointers (one or several). */
  readonly error?: string | readonly string[];
  /** Upstream's asserted message (a substring of one of ours at that path). */
  readonly message?: string;
  /** Upstream expects a warning (not an error) at these JSON pointers, with `message` in it. */
  readonly warning?: string | readonly string[];
  /** Upstream expects no warning containing this text. */
  readonly noWarning?: string;
  /** Why the case cannot be checked offline. */
  readonly todo?: string;
}

interface CaseFile {
  readonly upstream: string;
  /**
   * Validate each case on its own (still in this process): for cases that stand for a cluster each, where a
   * cross-resource rule looks at the whole set (scale-target-exists skips a set without any workload).
   */
  readonly isolated?: boolean;
  readonly base?: Record<string, unknown>;
  readonly bases?: Record<string, Record<string, unknown>>;
  readonly cases: readonly CrdCase[];
}

/** One case and how we did. */
export interface CrdOutcome {
  readonly case: CrdCase;
  readonly name: string;
  readonly expected: {
    readonly fails: boolean;
    readonly fields: readonly string[];
    readonly message?: string;
    readonly warnings?: readonly string[];
    readonly noWarning?: string;
  };
  readonly ours: {
    readonly fails: boolean;
    readonly problems: readonly { readonly path: string; readonly message: string }[];
    readonly warnings: readonly { readonly path: string; readonly message: string }[];
  };
}

/**
 * Whether we agree: the same pass/fail, every field upstream names among our errors (or warnings, where upstream
 * expects a warning), its message in ours there, and no warning with the text upstream says is not emitted.
 */
export function crdAgrees(o: CrdOutcome): boolean {
  const e = o.expected;
  if (e.fails !== o.ours.fails) return false;
  const found = e.warnings ? o.ours.warnings : o.ours.problems;
  const fields = e.warnings ?? e.fields;
  if (!fields.every((f) => found.some((p) => p.path === f))) return false;
  if (e.noWarning !== undefined && o.ours.warnings.some((w) => w.message.includes(e.noWarning!))) return false;
  return e.message === undefined || found.some((p) => fields.includes(p.path) && p.message.includes(e.message!));
}

function setAt(obj: Record<string, unknown>, pointer: string, value: unknown, remove = false): void {
  const steps = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: Record<string, unknown> | unknown[] = obj;
  for (const [i, step] of steps.entries()) {
    const last = i === steps.length - 1;
    const key = Array.isArray(node) ? Number(step) : step;
    const at = node as Record<string | number, unknown>;
    if (last) {
      if (remove) {
        if (Array.isArray(node)) node.splice(Number(step), 1);
        else delete at[key];
      } else at[key] = structuredClone(value);
      return;
    }
    if (at[key] === undefined || at[key] === null) at[key] = /^\d+$/.test(steps[i + 1]!) ? [] : {};
    node = at[key] as Record<string, unknown>;
  }
}

/** The object a case validates. */
export function caseObject(file: CaseFile, c: CrdCase, name: string): Record<string, unknown> {
  const base = c.from ? file.bases?.[c.from] : file.base;
  if (!base) throw new Error(`case at line ${c.line}: no base ${c.from ?? ''}`);
  const obj = structuredClone(base);
  for (const p of c.unset ?? []) setAt(obj, p, undefined, true);
  for (const [p, v] of Object.entries(c.set ?? {})) setAt(obj, p, v);
  placeCase(obj, name, c.set?.['/metadata/name'] === undefined);
  return obj;
}

/**
 * Keeps the cases apart: a namespaced case gets a namespace of its own (as upstream's KEDA tests do), keeping its
 * name; a cluster-scoped one gets its own name.
 */
function placeCase(obj: Record<string, unknown>, name: string, rename: boolean): void {
  const meta = obj.metadata as Record<string, unknown>;
  if (typeof meta.namespace === 'string') meta.namespace = name;
  else if (rename) meta.name = name;
}

function pointers(p: string | readonly string[] | undefined): string[] {
  return p === undefined ? [] : typeof p === 'string' ? [p] : [...p];
}

/** The cases of one file, the todo ones apart. */
export function readCases(file: string): { upstream: string; cases: CrdCase[]; todo: CrdCase[] } {
  const f = parse(readFileSync(join(PEERS, file), 'utf8')) as CaseFile;
  return { upstream: f.upstream, cases: f.cases.filter((c) => !c.todo), todo: f.cases.filter((c) => c.todo) };
}

/**
 * Runs every case of a case file (not the todo ones) through one `validateManifests` call; with the CEL rules it could
 * not evaluate (none expected: an unevaluated rule decides nothing).
 */
export async function crdOutcomes(file: string): Promise<{ outcomes: CrdOutcome[]; notEvaluated: string[] }> {
  const f = parse(readFileSync(join(PEERS, file), 'utf8')) as CaseFile;
  const cases = f.cases.filter((c) => !c.todo);
  const names = cases.map((c, i) => `case-${c.line}-${i}`);
  const sets = cases.map((c, i) => {
    // as upstream creates them: the companions (in the case's namespace, or named after it) first, then the case
    const docs = (c.with ?? []).map((w) => {
      const companion = structuredClone(w);
      placeCase(companion, names[i]!, true);
      return companion;
    });
    docs.push(caseObject(f, c, names[i]!));
    return docs;
  });
  const run = (docs: Record<string, unknown>[]) =>
    validateManifests(readManifestText(docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'), file), { mirrors: mirrorDirs() });
  const reports: ValidationReport[] = [];
  for (const docs of f.isolated ? sets : [sets.flat()]) reports.push(await run(docs));
  const outcomes = cases.map((c, i) => {
    const report = reports[f.isolated ? i : 0]!;
    const o = caseObject(f, c, names[i]!);
    const meta = o.metadata as { name: string; namespace?: string };
    const mine = report.problems.filter((p) => p.kind === o.kind && p.name === meta.name && p.namespace === (meta.namespace ?? ''));
    const of = (severity: string) => mine.filter((p) => p.severity === severity).map((p) => ({ path: p.path, message: p.message }));
    const problems = of('error');
    return {
      case: c,
      name: `${file}:${c.line} ${c.it}`,
      expected: {
        fails: c.error !== undefined,
        fields: pointers(c.error),
        ...(c.message ? { message: c.message } : {}),
        ...(c.warning ? { warnings: pointers(c.warning) } : {}),
        ...(c.noWarning ? { noWarning: c.noWarning } : {}),
      },
      ours: { fails: problems.length > 0, problems, warnings: of('warning') },
    };
  });
  const notEvaluated = [...new Set(reports.flatMap((r) => r.notEvaluated.map((n) => `${n.rule}: ${n.reason}`)))];
  return { outcomes, notEvaluated };
}
