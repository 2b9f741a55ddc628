// The API server's field errors (k8s.io/apimachinery/pkg/util/validation/field/errors.go, `Error.ErrorBody`): the same
// wording, so a message here reads as `kubectl apply` would print it, at a JSON pointer instead of a dotted path.

/** Collects the problems of one object: a JSON pointer and the API server's message. */
export class Findings {
  public readonly list: { path: string; message: string }[] = [];

  public add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** `field.Required`: `Required value` (and the detail, when upstream gives one). */
  public required(path: string, detail = ''): void {
    this.add(path, detail ? `Required value: ${detail}` : 'Required value');
  }

  /** `field.Invalid`: `Invalid value: "x": detail`. */
  public invalid(path: string, value: unknown, detail: string): void {
    this.add(path, `Invalid value: ${show(value)}${detail ? `: ${detail}` : ''}`);
  }

  /** `field.NotSupported`: `Unsupported value: "x": supported values: "a", "b"`. */
  public notSupported(path: string, value: unknown, supported: readonly string[]): void {
    this.add(path, `Unsupported value: ${show(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`);
  }

  /** `field.Duplicate`: `Duplicate value: "x"`. */
  public duplicate(path: string, value: unknown): void {
    this.add(path, `Duplicate value: ${show(value)}`);
  }

  /** `field.Forbidden`: `Forbidden: detail`. */
  public forbidden(path: string, detail: string): void {
    this.add(path, `Forbidden: ${detail}`);
  }

  /** `field.NotFound`: `Not found: "x"`. */
  public notFound(path: string, value: unknown): void {
    this.add(path, `Not found: ${show(value)}`);
  }

  /** `field.TooLong`: `Too long: may not be more than N bytes`. */
  public tooLong(path: string, max: number): void {
    this.add(path, `Too long: may not be more than ${max} bytes`);
  }

  /** Each message of a `[]string` validator (IsDNS1123Label, ...) as `field.Invalid`. */
  public invalidEach(path: string, value: unknown, messages: readonly string[]): void {
    for (const m of messages) this.invalid(path, value, m);
  }

  /** `ValidateNonnegativeField`: numbers below 0 are `must be greater than or equal to 0`. */
  public nonNegative(path: string, value: unknown): void {
    if (typeof value === 'number' && value < 0) this.invalid(path, value, 'must be greater than or equal to 0');
  }
}

/** A value as Go's field errors print it: strings quoted, numbers and booleans bare, anything else as JSON. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return '"null"';
  return JSON.stringify(value);
}

/** A JSON pointer one step deeper (`~` and `/` escaped, as in RFC 6901). */
export function at(path: string, key: string | number): string {
  return typeof key === 'number'
    ? `${path}/${key}`
    : `${path}/${key.includes('/') || key.includes('~') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key}`;
}

export type Obj = Record<string, any>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The value as a list of objects' positions (anything but an array: none). */
export function items(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

/** A string field ('' when absent or not a string: Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Whether a field is set (Go: a non-nil pointer; YAML null is unset). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}
