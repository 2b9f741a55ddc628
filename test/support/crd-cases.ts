// Upstream CRD and webhook test tables (Karpenter's CEL tests, KEDA's webhook tests; test/fixtures/peers/SOURCES.md)
// transcribed as YAML case files and run through `validate` in one call per file. A case file holds the upstream
// test's starting object (`base`, or `bases` by name) and, per upstream case, the changes it makes (`set`: JSON
// pointer -> value, `unset`: pointers) and upstream's expectation: valid, or an error at `error` (JSON pointers, every
// one among ours) with `message` (a substring of ours) where upstream asserts a message. `todo` names a case that
// cannot be decided offline, with the reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
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
  /** Why the case cannot be checked offline. */
  readonly todo?: string;
}

interface CaseFile {
  readonly upstream: string;
  readonly base?: Record<string, unknown>;
  readonly bases?: Record<string, Record<string, unknown>>;
  readonly cases: readonly CrdCase[];
}

/** One case and how we did. */
export interface CrdOutcome {
  readonly case: CrdCase;
  readonly name: string;
  readonly expected: { readonly fails: boolean; readonly fields: readonly string[]; readonly message?: string };
  readonly ours: { readonly fails: boolean; readonly problems: readonly { readonly path: string; readonly message: string }[] };
}

/** Whether we agree: the same pass/fail, every field upstream names among our errors, its message in ours there. */
export function crdAgrees(o: CrdOutcome): boolean {
  if (o.expected.fails !== o.ours.fails) return false;
  if (!o.expected.fields.every((f) => o.ours.problems.some((p) => p.path === f))) return false;
  const m = o.expected.message;
  return m === undefined || o.ours.problems.some((p) => o.expected.fields.includes(p.path) && p.message.includes(m));
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
  setAt(obj, '/metadata/name', name);
  return obj;
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
  const docs: Record<string, unknown>[] = [];
  for (const [i, c] of cases.entries()) {
    docs.push(caseObject(f, c, names[i]!));
    // the companions of a case are named after it, so what they cause is the case's
    for (const w of c.with ?? []) docs.push({ ...w, metadata: { ...(w.metadata as object), name: names[i] } });
  }
  const text = docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
  const report = await validateManifests(readManifestText(text, file), { mirrors: mirrorDirs() });
  const caseKinds = new Set(cases.map((c) => String(caseObject(f, c, 'x').kind)));
  const outcomes = cases.map((c, i) => {
    const errors = report.problems.filter((p) => p.severity === 'error' && p.name === names[i] && caseKinds.has(p.kind));
    const fields = c.error === undefined ? [] : typeof c.error === 'string' ? [c.error] : [...c.error];
    return {
      case: c,
      name: `${file}:${c.line} ${c.it}`,
      expected: { fails: c.error !== undefined, fields, ...(c.message ? { message: c.message } : {}) },
      ours: { fails: errors.length > 0, problems: errors.map((p) => ({ path: p.path, message: p.message })) },
    };
  });
  return { outcomes, notEvaluated: report.notEvaluated.map((n) => `${n.rule}: ${n.reason}`) };
}
