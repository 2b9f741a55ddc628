// Reads environment files, follows `extends`, and merges them (merge.ts): maps deeply, named lists by name.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { formatDiagnostic, problemsError, type Diagnostic } from './diagnostic.js';
import { mergeLayer, NO_ORIGINS, removeNulls, type Layer, type Removal } from './merge.js';
import { DocumentOrigins, duplicateKeyAt, type Origin, type OriginMap } from './source-map.js';

/** An environment after merging its `extends` chain, before checking. */
export interface MergedEnvironment {
  /** Environment name: the file name without extension. */
  readonly name: string;
  /** Path of the environment's own file, as displayed. */
  readonly file: string;
  readonly value: Record<string, unknown>;
  readonly origins: OriginMap;
  /** Whether the file declares `abstract: true` (a base, not rendered). */
  readonly abstract: boolean;
  /** Inherited list items removed with `$patch: delete`, along the whole `extends` chain. */
  readonly removals: readonly Removal[];
  /** sha256 of what the value is made of: the text of the file and of each file of its `extends` chain (see EnvironmentInput). */
  readonly inputs: string;
}

/**
 * An environment file not merged because the caller could tell from its inputs that it needs nothing done (the synth
 * cache): the texts of a file and of its `extends` chain determine its merged value, origins and removals.
 */
export interface EnvironmentInput {
  readonly name: string;
  /** Path of the environment's own file, as displayed. */
  readonly file: string;
  /** sha256 over the text of the file and, in `extends` order, each parent's path and inputs. */
  readonly inputs: string;
}

interface ParsedFile {
  readonly file: string;
  /** sha256 of the file's bytes. */
  readonly digest: string;
  readonly value: Record<string, unknown>;
  readonly origins: OriginMap;
}

const EXTENSIONS = ['.yaml', '.yml'];

/** Names of the environment files in `dir` (without extension), sorted. */
export function listEnvironmentFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new InputError(`environments directory not found: ${dir}`);
  return readdirSync(dir)
    .filter((f) => EXTENSIONS.includes(extname(f)))
    .map((f) => join(dir, f))
    .sort();
}

/** The environments of a folder that loaded, and the YAML and `extends` problems of every file. */
export interface LoadedEnvironments {
  /** Environments whose file and whole `extends` chain parsed and resolved, in file order. */
  readonly envs: readonly MergedEnvironment[];
  /** Problems of every file, in file order. */
  readonly diagnostics: readonly Diagnostic[];
  /** Environments `skip` took, not merged, in file order (a name is in `envs` or here, or failed to load). */
  readonly skipped: readonly EnvironmentInput[];
}

/**
 * Loads every environment file in `dir`, merged through `extends`, collecting the problems of all files. An environment
 * whose file and chain parse and resolve, and which `skip` takes by its inputs, is not merged (abstract files always are).
 */
export function readEnvironments(dir: string, skip?: (env: EnvironmentInput) => boolean): LoadedEnvironments {
  const envs: MergedEnvironment[] = [];
  const { diagnostics, skipped } = scanEnvironments(dir, (env) => envs.push(env), skip);
  return { envs, diagnostics, skipped };
}

/** What scanEnvironments leaves: the problems of every file and the environments `skip` took. */
export type ScannedEnvironments = Omit<LoadedEnvironments, 'envs'>;

/**
 * Like readEnvironments, but keeps no environment: each is handed to `visit` as it is merged, with a way to merge it
 * again later. Only the parsed files and the merged bases that files extend stay, so a caller that takes the
 * environments one at a time holds one merged environment, not all of them (each is a copy of its whole chain: 100
 * files extending one base of 200 apps were 100 copies of those apps).
 */
export function scanEnvironments(
  dir: string,
  visit: (env: MergedEnvironment, mergeAgain: () => MergedEnvironment) => void,
  skip?: (env: EnvironmentInput) => boolean,
): ScannedEnvironments {
  const loader = new Loader(dir);
  const skipped: EnvironmentInput[] = [];
  for (const path of listEnvironmentFiles(dir)) {
    const input = skip ? loader.input(path) : undefined;
    if (input && skip!(input)) skipped.push(input);
    else {
      const env = loader.merged(path);
      // merged without a problem, it merges again without one (the loader's diagnostics stay as they are)
      if (env) visit(env, () => loader.merged(path)!);
    }
  }
  return { diagnostics: [...loader.diagnostics], skipped };
}

/** Like readEnvironments, but throws InputError listing every YAML and `extends` problem at once. */
export function loadEnvironments(dir: string): MergedEnvironment[] {
  const { envs, diagnostics } = readEnvironments(dir);
  if (diagnostics.length > 0) throw problemsError(diagnostics.map(formatDiagnostic));
  return [...envs];
}

class Loader {
  public readonly diagnostics: Diagnostic[] = [];
  private readonly parsed = new Map<string, ParsedFile | undefined>();
  private readonly merges = new Map<string, MergedEnvironment | undefined>();
  private readonly inputs = new Map<string, string | undefined>();

  public constructor(private readonly dir: string) {}

  /**
   * The file merged with its `extends` chain. Kept for the next call only when it is a base (asked for by a file that
   * extends it, or abstract) or failed (its problems are reported once); an environment merged for its own sake is not.
   */
  public merged(path: string, chain: readonly string[] = []): MergedEnvironment | undefined {
    if (this.merges.has(path)) return this.merges.get(path);
    const own = this.parse(path);
    if (!own) {
      this.merges.set(path, undefined);
      return undefined;
    }
    let inherited: Layer = { value: {}, origins: NO_ORIGINS };
    const removals: Removal[] = [];
    // an environment whose chain is broken is not merged: checking it without its base would only add false errors
    let complete = true;
    for (const [i, parent] of extendsOf(own).entries()) {
      const pointer = Array.isArray(own.value.extends) ? `/extends/${i}` : '/extends';
      const at = own.origins.get(pointer);
      const parentPath = this.resolve(parent);
      if (!parentPath) {
        const known = listEnvironmentFiles(this.dir).map((f) => basename(f, extname(f)));
        this.fail(at, pointer, `unknown environment "${parent}" (known: ${known.join(', ')})`);
        complete = false;
        continue;
      }
      if (parentPath === path || chain.includes(parentPath)) {
        const cycle = [...chain, path, parentPath].map((p) => basename(p, extname(p)));
        this.fail(at, pointer, `extends cycle: ${cycle.join(' -> ')}`);
        complete = false;
        continue;
      }
      const base = this.merged(parentPath, [...chain, path]);
      if (!base) {
        complete = false;
        continue;
      }
      inherited = mergeLayer(inherited, { value: inheritable(base.value), origins: base.origins });
      removals.push(...base.removals);
    }
    if (!complete) {
      this.merges.set(path, undefined);
      return undefined;
    }
    const merged = mergeLayer(inherited, own);
    const inputs = this.inputsOf(path, chain);
    if (merged.problems.length > 0) {
      this.diagnostics.push(...merged.problems);
      this.merges.set(path, undefined);
      return undefined;
    }
    const env: MergedEnvironment = {
      name: basename(path, extname(path)),
      file: own.file,
      value: removeNulls(merged.value) as Record<string, unknown>,
      origins: merged.origins,
      abstract: own.value.abstract === true,
      removals: [...removals, ...merged.removals],
      inputs: inputs!, // the chain parsed and resolved: merged did not return early
    };
    if (chain.length > 0 || env.abstract) this.merges.set(path, env);
    return env;
  }

  /** The inputs of a non-abstract file whose chain parses and resolves without a cycle (see EnvironmentInput), or undefined. */
  public input(path: string): EnvironmentInput | undefined {
    const own = this.parse(path);
    if (!own || own.value.abstract === true) return undefined;
    const inputs = this.inputsOf(path, []);
    return inputs === undefined ? undefined : { name: basename(path, extname(path)), file: own.file, inputs };
  }

  private inputsOf(path: string, chain: readonly string[]): string | undefined {
    if (this.inputs.has(path)) return this.inputs.get(path);
    const own = this.parse(path);
    let inputs: string | undefined;
    if (own) {
      const hash = createHash('sha256').update(own.digest);
      const parents = extendsOf(own).map((parent) => this.resolve(parent));
      for (const parentPath of parents) {
        const parentInputs =
          parentPath && !chain.includes(parentPath) && parentPath !== path ? this.inputsOf(parentPath, [...chain, path]) : undefined;
        if (parentInputs === undefined) return undefined; // merged, it reports the broken chain
        hash.update(`\0${relative(this.dir, parentPath!)}\0${parentInputs}`);
      }
      inputs = hash.digest('hex');
    }
    this.inputs.set(path, inputs);
    return inputs;
  }

  private resolve(name: string): string | undefined {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return undefined;
    return EXTENSIONS.map((ext) => join(this.dir, `${name}${ext}`)).find((p) => existsSync(p));
  }

  private parse(path: string): ParsedFile | undefined {
    if (this.parsed.has(path)) return this.parsed.get(path);
    const file = displayName(path);
    const text = decodeUtf8(readFileSync(path));
    if (typeof text !== 'string') {
      this.diagnostics.push({
        origin: { file, ...text },
        pointer: '',
        message: 'the file is not valid UTF-8 here: save it as UTF-8 (YAML 1.2 environment files are UTF-8 text)',
      });
      this.parsed.set(path, undefined);
      return undefined;
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
    let result: ParsedFile | undefined;
    if (doc.errors.length > 0) {
      // every duplicate key, but only the first syntax error: the parser's follow-up errors are mostly its echoes
      const syntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY');
      for (const e of doc.errors.filter((x) => x.code === 'DUPLICATE_KEY' || x === syntax)) {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        const duplicate = e.code === 'DUPLICATE_KEY' ? duplicateKeyAt(doc.contents, e.pos[0]) : undefined;
        if (duplicate) {
          const first = lineCounter.linePos(duplicate.firstOffset);
          this.diagnostics.push({
            origin: { file, line, col },
            pointer: duplicate.pointer,
            message: `duplicate key ${JSON.stringify(duplicate.key)} (first at ${first.line}:${first.col})`,
          });
        } else {
          this.diagnostics.push({ origin: { file, line, col }, pointer: '', message: yamlMessage(e.code, e.message) });
        }
      }
    } else {
      const value: unknown = doc.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) {
        this.diagnostics.push({
          origin: { file, line: 1, col: 1 },
          pointer: '',
          message: 'the file is empty: an environment file is a YAML mapping',
        });
      } else if (typeof value !== 'object' || Array.isArray(value)) {
        this.diagnostics.push({
          origin: { file, line: 1, col: 1 },
          pointer: '',
          message: `an environment file is a YAML mapping, got ${Array.isArray(value) ? 'a list' : typeof value}`,
        });
      } else {
        const digest = createHash('sha256').update(text).digest('hex');
        result = { file, digest, value: value as Record<string, unknown>, origins: new DocumentOrigins(doc.contents, file, lineCounter) };
      }
    }
    this.parsed.set(path, result);
    return result;
  }

  private fail(origin: Origin | undefined, pointer: string, message: string): void {
    this.diagnostics.push({ origin, pointer, message });
  }
}

function extendsOf(file: ParsedFile): string[] {
  const ext = file.value.extends;
  if (typeof ext === 'string') return [ext];
  if (Array.isArray(ext)) return ext.filter((e): e is string => typeof e === 'string');
  return [];
}

/** What a base passes on: everything but its own `extends` and `abstract`. */
function inheritable(value: Record<string, unknown>): Record<string, unknown> {
  const { extends: _e, abstract: _a, ...rest } = value;
  return rest;
}

/** The text of a file, or the line and column (in characters) of its first byte that is not UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | { line: number; col: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // find the line that fails on its own, then the replacement character the lenient decoder puts in its place
    let start = 0;
    for (let line = 1; ; line++) {
      const end = bytes.indexOf(0x0a, start);
      const lineBytes = bytes.subarray(start, end === -1 ? bytes.length : end);
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(lineBytes);
      } catch {
        return { line, col: new TextDecoder('utf-8').decode(lineBytes).indexOf('\uFFFD') + 1 };
      }
      if (end === -1) return { line, col: 1 };
      start = end + 1;
    }
  }
}

function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return `duplicate key: ${first.replace(/ at line.*$/, '')}`;
  // the parser turns a stack overflow on deeply nested collections into an error at the innermost position
  if (first.includes('Maximum call stack size exceeded')) return 'YAML nesting too deep to parse';
  return `YAML syntax error: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
}
