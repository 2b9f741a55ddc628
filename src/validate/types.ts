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
}

/** `note`: something the checks could not verify (never fails, not even with --strict). */
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

/** The outcome of validating a set of objects. */
export interface ValidationReport {
  readonly resources: number;
  readonly valid: number;
  readonly invalid: number;
  readonly skipped: number;
  readonly problems: readonly Problem[];
  /** CEL rules that could not be evaluated offline, with a reason and how many objects they applied to. */
  readonly notEvaluated: readonly { readonly rule: string; readonly reason: string; readonly count: number }[];
}
