// Checks objects against the strict upstream schemas (ajv) and their CEL rules.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { evaluateRules, ruleTree, type CelOutcomes, type RuleTree } from './cel-rules.js';
import { applyDefaults } from './crd-defaults.js';
import { gatedFieldNote } from './gated-fields.js';
import { goRegExp } from './go-regexp.js';
import { duplicateMapKeys } from './list-map-keys.js';
import { containsNull, withoutNulls } from './null-unset.js';
import { removedApi } from './removed-apis.js';
import { SchemaCatalog } from './schema-catalog.js';
import type { ManifestDoc, Problem } from './types.js';

/** Per-document result of the schema check. */
export interface SchemaCheckResult {
  readonly problems: Problem[];
  /** Documents without a schema (skipped when allowed). */
  readonly skipped: Set<number>;
  /** Documents that could not be checked against a schema: not a Kubernetes object, a removed API, no schema. */
  readonly errored: Set<number>;
  readonly notEvaluated: Map<string, { reason: string; count: number }>;
}

/** Compiles validators once per kind and checks documents. */
export class SchemaChecker {
  /** The compiler, created only when a kind has no compiled validator in the cache yet. */
  private ajv: Ajv | undefined;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ruleTrees = new Map<string, RuleTree>();
  /** Compiled validators loaded without a (valid) V8 code cache: their cache is written after the run. */
  private readonly uncached: { script: Script; file: string }[] = [];

  public constructor(private readonly catalog: SchemaCatalog) {}

  /**
   * The documents as the API server reads them: null-valued fields unset (all of them for built-in kinds, the
   * non-nullable ones for custom resources), then a CRD's defaults applied. Documents neither changes are returned
   * as they are.
   */
  public asServerReads(docs: readonly ManifestDoc[]): ManifestDoc[] {
    return docs.map((doc) => {
      const o = doc.object;
      const entry = typeof o.apiVersion === 'string' && typeof o.kind === 'string' ? this.catalog.entry(o.apiVersion, o.kind) : undefined;
      const kind = entry ? this.catalog.schema(o.apiVersion as string, o.kind as string) : undefined;
      // a built-in kind's schema is a reference into the Kubernetes definitions: read as Go structs
      const read = containsNull(o) ? withoutNulls(o, kind?.schema ?? 'go') : o;
      const defaulted = kind?.defaults ? applyDefaults(read, kind.defaults) : read;
      return defaulted === o ? doc : { ...doc, object: defaulted };
    });
  }

  public check(docs: readonly ManifestDoc[], ignoreMissing: boolean): SchemaCheckResult {
    const problems: Problem[] = [];
    const skipped = new Set<number>();
    const errored = new Set<number>();
    const notEvaluated = new Map<string, { reason: string; count: number }>();
    const outcomes: CelOutcomes = new Map();
    docs.forEach((doc, i) => {
      const o = doc.object;
      const where = location(doc);
      const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
      const kind = typeof o.kind === 'string' ? o.kind : '';
      if (apiVersion === '' || kind === '') {
        problems.push({ ...where, severity: 'error', path: '', message: 'not a Kubernetes object: apiVersion and kind are required' });
        errored.add(i);
        return;
      }
      const removed = removedApi(apiVersion, kind, this.catalog.kubernetesVersion);
      if (removed) {
        problems.push({ ...where, severity: 'error', path: '/apiVersion', message: removed });
        errored.add(i);
        return;
      }
      const entry = this.catalog.entry(apiVersion, kind);
      if (!entry) {
        if (ignoreMissing) skipped.add(i);
        else {
          problems.push({ ...where, severity: 'error', path: '/apiVersion', message: this.missingMessage(apiVersion, kind) });
          errored.add(i);
        }
        return;
      }
      const validate = this.validator(apiVersion, kind);
      if (!validate(o))
        for (const e of relevant(validate.errors ?? []))
          problems.push({ ...where, severity: 'error', ...describe(e, this.catalog.kubernetesVersion) });
      const { listMaps } = this.catalog.schema(apiVersion, kind);
      if (listMaps.length > 0)
        for (const d of duplicateMapKeys(listMaps, o)) problems.push({ ...where, severity: 'error', path: d.pointer, message: d.message });
      evaluateRules(
        this.ruleTree(apiVersion, kind),
        o,
        (rule, outcome) => {
          if (outcome.status === 'fail') problems.push({ ...where, severity: 'error', path: outcome.pointer, message: outcome.message });
          else if (outcome.status === 'not-evaluated') {
            const n = notEvaluated.get(rule.rule) ?? { reason: outcome.reason, count: 0 };
            n.count++;
            notEvaluated.set(rule.rule, n);
          }
        },
        outcomes,
      );
    });
    this.writeCodeCaches();
    return { problems, skipped, errored, notEvaluated };
  }

  private missingMessage(apiVersion: string, kind: string): string {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const versions = this.catalog.versionsOf(group, kind);
    const k8s = `Kubernetes ${this.catalog.kubernetesVersion}`;
    if (versions.length > 0)
      return `${kind} is not served as ${apiVersion} on ${k8s}; the pinned schemas serve ${versions.map((v) => (group ? `${group}/${v}` : v)).join(', ')}`;
    return `no schema for ${apiVersion} ${kind} on ${k8s} (pinned in schemas.lock.json); use --ignore-missing-schemas to skip such objects`;
  }

  /**
   * The validator of a kind: loaded from the compiled cache (ajv standalone code, keyed by the sources' sha256 through
   * the catalog folder), or compiled now and stored there for the next run.
   */
  private validator(apiVersion: string, kind: string): ValidateFunction {
    const key = SchemaCatalog.key(apiVersion, kind);
    let v = this.validators.get(key);
    if (v) return v;
    const file = this.catalog.compiledFile(apiVersion, kind);
    if (!existsSync(file)) {
      const ajv = this.compiler();
      const standaloneCode = requireFromHere('ajv/dist/standalone/index.js').default as (ajv: Ajv, v: ValidateFunction) => string;
      const code = standaloneCode(ajv, ajv.compile(this.catalog.schema(apiVersion, kind).schema));
      mkdirSync(dirname(file), { recursive: true });
      atomicWrite(file, code);
    }
    v = this.loadStandalone(file);
    this.validators.set(key, v);
    return v;
  }

  private ruleTree(apiVersion: string, kind: string): RuleTree {
    const key = SchemaCatalog.key(apiVersion, kind);
    let tree = this.ruleTrees.get(key);
    if (!tree) this.ruleTrees.set(key, (tree = ruleTree(this.catalog.schema(apiVersion, kind).rules)));
    return tree;
  }

  private compiler(): Ajv {
    if (!this.ajv) {
      const { Ajv: AjvClass } = requireFromHere('ajv') as typeof import('ajv');
      const addFormats = requireFromHere('ajv-formats') as { default: (ajv: Ajv) => Ajv };
      const { _ } = requireFromHere('ajv') as typeof import('ajv');
      this.ajv = new AjvClass({
        allErrors: true,
        inlineRefs: false,
        strict: false,
        validateSchema: false,
        addUsedSchema: false,
        code: { regExp: patternRegExp, source: true },
      });
      addFormats.default(this.ajv);
      for (const f of ['float', 'double', 'byte', 'binary', 'password']) this.ajv.addFormat(f, true);
      for (const [f, format] of Object.entries(INTEGER_FORMATS)) this.ajv.addFormat(f, format);
      // the standalone code requires its formats by this name (ajv-formats' and the integer formats above)
      this.ajv.opts.code.formats = _`require(${FORMATS_MODULE})`;
      this.ajv.addSchema(this.catalog.k8sDefinitions());
    }
    return this.ajv;
  }

  /**
   * Evaluates cached ajv standalone code (CommonJS), resolving its imports from this installation. V8's code cache
   * (`.v8` beside it, written after the first run) spares later runs parsing and compiling megabytes of code.
   */
  private loadStandalone(file: string): ValidateFunction {
    const cacheFile = `${file}.v8`;
    const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
    const script = new Script(`(function (require, module, exports) {${readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) this.uncached.push({ script, file: cacheFile });
    const module = { exports: {} as Record<string, unknown> };
    const require = (id: string): unknown =>
      id === GO_REGEXP_MODULE ? patternRegExp : id === FORMATS_MODULE ? formatsModule() : requireFromHere(id);
    (script.runInThisContext() as (r: typeof require, m: typeof module, e: Record<string, unknown>) => void)(require, module, module.exports);
    return (module.exports.default ?? module.exports) as ValidateFunction;
  }

  /**
   * Code caches are taken after validating, so they hold the functions V8 compiled lazily during the run. They only
   * save time: a cache folder that cannot be written (e.g. mounted read-only in CI) leaves them out.
   */
  private writeCodeCaches(): void {
    for (const { script, file } of this.uncached.splice(0)) {
      try {
        atomicWrite(file, script.createCachedData());
      } catch {
        // not written: the next run compiles the code again
      }
    }
  }
}

function atomicWrite(file: string, data: string | Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

const requireFromHere = createRequire(import.meta.url);
const GO_REGEXP_MODULE = 'elastic-gitops:go-regexp';

const FORMATS_MODULE = 'elastic-gitops:formats';

/**
 * OpenAPI's integer formats as Kubernetes reads them (Go int32 and int64 fields): a value out of range fails to
 * decode there. ajv-formats' int64 accepts any integer, 1e20 included.
 */
const INTEGER_FORMATS = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n <= 2 ** 31 - 1 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63 },
} as const;

function formatsModule(): Record<string, unknown> {
  const { fullFormats } = requireFromHere('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };
  return { ...fullFormats, ...INTEGER_FORMATS };
}

/** Upstream patterns are Go (RE2) regular expressions; the standalone code requires the translation by this name. */
const patternRegExp = Object.assign((source: string) => goRegExp(source), { code: `require(${JSON.stringify(GO_REGEXP_MODULE)})` });

/** Where a problem about `doc` is, and which object it is about. */
export function location(doc: ManifestDoc): Pick<Problem, 'file' | 'line' | 'kind' | 'namespace' | 'name'> {
  const meta = (doc.object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return {
    file: doc.file,
    line: doc.line,
    kind: typeof doc.object.kind === 'string' ? doc.object.kind : '?',
    namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
    name: typeof meta.name === 'string' ? meta.name : '',
  };
}

function relevant(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfAt = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf' || !anyOfAt.has(e.instancePath));
}

function describe(e: ErrorObject, kubernetesVersion: string): { path: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const note = gatedFieldNote(e.instancePath, field, kubernetesVersion);
      return { path: `${e.instancePath}/${field}`, message: `unknown field "${field}"${note ? ` (${note})` : ''}` };
    }
    case 'required':
      return { path: `${e.instancePath}/${String(p.missingProperty)}`, message: `missing required field "${String(p.missingProperty)}"` };
    case 'enum':
      return { path: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'uniqueItems':
      // ajv scans from the end: `j` is the later item, `i` the earlier one it repeats
      return { path: `${e.instancePath}/${String(p.j)}`, message: `Duplicate value (same as item ${String(p.i)})` };
    case 'anyOf':
    case 'oneOf':
      return { path: e.instancePath, message: 'does not match any allowed form (e.g. an int-or-string or a quantity)' };
    default:
      return { path: e.instancePath, message: e.message ?? `failed ${e.keyword}` };
  }
}
