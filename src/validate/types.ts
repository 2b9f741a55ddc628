/** One Kubernetes object to check, with where it came from. */
export interface ManifestDoc {
  /** The parsed object (apiVersion, kind, metadata, ...). */
  readonly object: Record<string, unknown>;
  /** File the object was read from or will be written to (relative path for display). */
  readonly file: string;
  /** 1-based line of the document's start in that file (1 when unknown). */
  readonly line: number;
  /** The 1-based line of the node at a JSON pointer (or of its nearest ancestor present). @default the document's line */
  readonly lineOf?: (pointer: string) => number;
  /** The Kubernetes minor version the object is for (`1.33`), e.g. its environment's cluster.kubernetesVersion. */
  readonly kubernetesVersion?: string;
  /**
   * Why the document cannot be read as the API server would (a duplicate key, at `unreadable.path`): it is reported
   * as an error and not checked further. @default readable
   */
  readonly unreadable?: { readonly path: string; readonly message: string };
}

/** `note`: something the checks could not verify (never fails, not even with --warnings-as-errors). */
export type Severity = 'error' | 'warning' | 'note';

/** One finding about one object. */
export interface Problem {
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  /** Namespace of the object, '' for cluster-scoped or unset. */
  readonly namespace: string;
  readonly name: string;
  /** JSON pointer inside the object, e.g. /spec/triggers/0/metadata/query ('' for the whole object). */
  readonly path: string;
  readonly message: string;
  /** Rule id for cross-resource rules (e.g. keda-single-autoscaler); undefined for schema problems. */
  readonly rule?: string;
}

/**
 * How one object came out, as kubeconform counts them (pkg/validator/validator.go, Status): `error` when it could not
 * be checked against a schema at all (unreadable, not a Kubernetes object, no schema, a `--reject` kind), `invalid`
 * when it was and failed, `skipped` for `--skip` kinds and, under `--ignore-missing-schemas`, kinds without a schema.
 */
export type ObjectStatus = 'valid' | 'invalid' | 'error' | 'skipped';

/** One object of the input and its status. */
export interface ObjectResult {
  readonly file: string;
  /** 1-based line of the object's start (a List item's line). */
  readonly line: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly status: ObjectStatus;
}

/** The outcome of validating a set of objects (its JSON shape: src/validate/report.schema.json). */
export interface ValidationReport {
  readonly resources: number;
  /** Files the objects were read from (those without any object included, when the reader says). */
  readonly files: number;
  readonly valid: number;
  /** Objects with at least one error, `errors` included (so valid + invalid + skipped = resources). */
  readonly invalid: number;
  /** Of the invalid, those that could not be checked against a schema at all (kubeconform's Errors). */
  readonly errors: number;
  readonly skipped: number;
  readonly problems: readonly Problem[];
  /** Every object in file and line order with its status (absent in synth's report, which has cached environments). */
  readonly objects?: readonly ObjectResult[];
  /** CEL rules that could not be evaluated offline, with a reason and how many objects they applied to. */
  readonly notEvaluated: readonly { readonly rule: string; readonly reason: string; readonly count: number }[];
}
