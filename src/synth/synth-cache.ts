// The incremental synth cache: an environment whose input and compiler are unchanged, and whose committed folder is
// exactly what was written for them, is not rendered or validated again. Output is a function of (merged environment
// file, compiler inputs, pinned schemas, --strict), so the key covers those; the folder is checked by hash, so a
// hand-edited or deleted file is re-rendered. The cache is never the source of output: a hit writes nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPILER_INPUTS } from '../diff/compiler-inputs.js';
import { repoRoot } from '../repo-root.js';
import type { ValidationReport } from '../validate/types.js';
import type { SkippableEnvironment } from './select-environments.js';
import { listFiles } from './write-output.js';

/** Bumped when the entry format or the meaning of a key changes. */
const FORMAT = 3;

/** What a hit replays: the counts and the warnings of the validation that the entry's output passed. */
export interface CachedEnvironment {
  readonly env: string;
  readonly key: string;
  /** File path (relative to the environment folder) → sha256 of its content. */
  readonly files: Readonly<Record<string, string>>;
  readonly objects: number;
  /** Whether it was validated with --strict (then it also serves a run without). */
  readonly strict: boolean;
  readonly report: Pick<ValidationReport, 'problems' | 'notEvaluated'>;
  /** The notices its synth printed (removed inherited items, stale query names). */
  readonly notices: readonly string[];
  /** Per problem of `report`, the environment value it came from (`file:line:col field`), or null. */
  readonly sources: readonly (string | null)[];
}

/** What an entry records, before its files are hashed. */
export interface EntryInput extends Omit<CachedEnvironment, 'files'> {
  readonly files: ReadonlyMap<string, string>;
}

/** The cache folder. @default <installation>/.cache/synth, or $ELASTIC_GITOPS_SYNTH_CACHE */
export function synthCacheDir(): string {
  return process.env.ELASTIC_GITOPS_SYNTH_CACHE ?? join(repoRoot(), '.cache', 'synth');
}

export class SynthCache {
  public constructor(
    private readonly dir: string,
    private readonly out: string,
  ) {}

  /**
   * The key of an environment's output: its inputs (the texts its merged value, origins and removals are made of, so
   * that an unchanged environment is known without merging it), where it came from, the compiler and the schemas.
   */
  public keyOf(env: SkippableEnvironment): string {
    return sha256(JSON.stringify({ format: FORMAT, compiler: compilerFingerprint(), source: env.source, name: env.name, inputs: env.inputs }));
  }

  /**
   * The entry for `env` when its key is `key`, it was validated at least as strictly as `strict` asks, and
   * `<out>/<env>/` holds exactly the files it recorded.
   */
  public hit(env: string, key: string, strict: boolean): CachedEnvironment | undefined {
    const entry = this.read(env);
    if (!entry || entry.key !== key || (strict && !entry.strict)) return undefined;
    const dir = join(this.out, env);
    if (!existsSync(dir)) return undefined;
    const present = listFiles(dir);
    if (present.length !== Object.keys(entry.files).length) return undefined;
    for (const name of present) if (entry.files[name] !== sha256(readFileSync(join(dir, name)))) return undefined;
    return entry;
  }

  /** The entry recording `files` (hashed now: a run keeps the entries of every environment, not their text). */
  public entry(input: EntryInput): CachedEnvironment {
    return {
      ...input,
      files: Object.fromEntries([...input.files].map(([name, text]) => [name, sha256(text)]).sort(([a], [b]) => (a! < b! ? -1 : 1))),
      report: { problems: input.report.problems, notEvaluated: input.report.notEvaluated },
    };
  }

  /** Records an entry (after its folder was swapped in). */
  public store(entry: CachedEnvironment): void {
    mkdirSync(this.dir, { recursive: true });
    const path = this.entryPath(entry.env);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, path); // a concurrent synth of the same folder reads the old entry or the new one, never half
  }

  private read(env: string): CachedEnvironment | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.entryPath(env), 'utf8')) as CachedEnvironment;
      return entry.env === env ? entry : undefined;
    } catch {
      return undefined; // absent or unreadable: a miss
    }
  }

  /** One entry per output folder and environment. */
  private entryPath(env: string): string {
    return join(this.dir, `${sha256(`${resolve(this.out)}\0${env}`).slice(0, 32)}.json`);
  }
}

let fingerprint: string | undefined;

/** sha256 over the compiler's inputs (the set `diff` compares: charts, src, imports, dependencies, schema pins). */
export function compilerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const root = repoRoot();
  const hash = createHash('sha256');
  for (const input of COMPILER_INPUTS) {
    for (const path of filesOf(join(root, input), input)) {
      hash.update(`${path}\0`);
      hash.update(readFileSync(join(root, path)));
      hash.update('\0');
    }
  }
  return (fingerprint = hash.digest('hex'));
}

/** The files of `abs` (a file or a folder, recursively), as sorted `/`-separated paths starting with `rel`. */
function filesOf(abs: string, rel: string): string[] {
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesOf(join(abs, e.name), `${rel}/${e.name}`) : e.isFile() ? [`${rel}/${e.name}`] : []))
    .sort();
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
