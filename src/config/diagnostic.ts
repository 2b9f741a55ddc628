// One problem in the environment files, located by file, line, column and field path.
import { InputError } from '../errors.js';
import { displayPath, originOf, type Origin, type OriginMap } from './source-map.js';

export interface Diagnostic {
  readonly origin?: Origin;
  /** JSON pointer of the field ('' for the whole file). */
  readonly pointer: string;
  readonly message: string;
}

/** `environments/prod.yaml:14:9 apps[1].autoscaling.maxReplicas: must be >= minReplicas (2)` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.origin ? `${d.origin.file}:${d.origin.line}:${d.origin.col} ` : '';
  return d.pointer === '' ? `${where}${d.message}` : `${where}${displayPath(d.pointer)}: ${d.message}`;
}

/** Collects diagnostics located through an origin map. */
export class DiagnosticList {
  private readonly items: Diagnostic[] = [];

  public constructor(
    private readonly origins: OriginMap,
    private readonly fallback?: Origin,
  ) {}

  /** Adds a problem at `pointer` (located at the key itself when `atKey`). */
  public add(pointer: string, message: string, atKey = false): void {
    this.items.push({ origin: originOf(this.origins, pointer, atKey) ?? this.fallback, pointer, message });
  }

  public get all(): readonly Diagnostic[] {
    return this.items;
  }
}

/** One InputError for all problem lines, deduplicated (a base's problem shows once), its count that of the lines. */
export function problemsError(lines: readonly string[]): InputError {
  const unique = [...new Set(lines)];
  return new InputError(`${unique.length} problem${unique.length === 1 ? '' : 's'} in the environment files`, unique);
}
