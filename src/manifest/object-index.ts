// One pass over a set of manifests: lookups by kind, namespace and name, so cross-resource rules stay O(n).
import type { ManifestDoc, Problem, Severity } from '../validate/types.js';

/** A manifest with its identity read once. */
export interface Resource {
  readonly doc: ManifestDoc;
  /** API group ('' for core), from apiVersion. */
  readonly group: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The object itself (untyped: rules read the fields they need). */
  readonly body: Record<string, any>;
}

/** Group of an apiVersion: `apps/v1` → `apps`, `v1` → ''. */
export function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Indexes of a set of objects by group/kind and by group/kind/namespace/name. */
export class ObjectIndex {
  public readonly all: readonly Resource[];
  private readonly byKind = new Map<string, Resource[]>();
  private readonly byName = new Map<string, Resource>();

  public constructor(docs: readonly ManifestDoc[]) {
    const all: Resource[] = [];
    for (const doc of docs) {
      const body = doc.object as Record<string, any>;
      if (body === null || typeof body !== 'object' || typeof body.kind !== 'string') continue;
      const meta = (body.metadata ?? {}) as Record<string, any>;
      const r: Resource = {
        doc,
        group: groupOf(body.apiVersion),
        kind: body.kind,
        namespace: typeof meta.namespace === 'string' ? meta.namespace : '',
        name: typeof meta.name === 'string' ? meta.name : '',
        labels: isRecord(meta.labels) ? (meta.labels as Record<string, string>) : {},
        annotations: isRecord(meta.annotations) ? (meta.annotations as Record<string, string>) : {},
        body,
      };
      all.push(r);
      const k = kindKey(r.group, r.kind);
      let list = this.byKind.get(k);
      if (!list) this.byKind.set(k, (list = []));
      list.push(r);
      this.byName.set(nameKey(r.group, r.kind, r.namespace, r.name), r);
    }
    this.all = all;
  }

  /** Objects of one kind (group '' is core). */
  public of(group: string, kind: string): readonly Resource[] {
    return this.byKind.get(kindKey(group, kind)) ?? [];
  }

  /** Objects of any of the given group/kind pairs. */
  public ofAny(kinds: readonly (readonly [string, string])[]): Resource[] {
    return kinds.flatMap(([g, k]) => this.of(g, k));
  }

  /** The object of that kind, namespace ('' for cluster-scoped) and name, if present. */
  public get(group: string, kind: string, namespace: string, name: string): Resource | undefined {
    return this.byName.get(nameKey(group, kind, namespace, name));
  }

  /** Whether any object of that kind is in the set. */
  public has(group: string, kind: string): boolean {
    return this.of(group, kind).length > 0;
  }
}

/** Builds a Problem about `r` at JSON pointer `path`. */
export function problemAt(r: Resource, rule: string, severity: Severity, path: string, message: string): Problem {
  return { severity, file: r.doc.file, line: r.doc.line, kind: r.kind, namespace: r.namespace, name: r.name, path, message, rule };
}

/** `kind ns/name` (or `kind name` when cluster-scoped), for messages. */
/** Identity of an object: `group/kind/namespace/name` (group and namespace empty for core and cluster-scoped). */
export function objectKey(r: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string }): string {
  return `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
}

export function describe(r: Resource): string {
  return r.namespace ? `${r.kind} ${r.namespace}/${r.name}` : `${r.kind} ${r.name}`;
}

export function isRecord(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The value as an array (anything else: empty). */
export function arr(v: unknown): any[] {
  return Array.isArray(v) ? v : [];
}

function kindKey(group: string, kind: string): string {
  return `${group}\u0000${kind}`;
}

function nameKey(group: string, kind: string, namespace: string, name: string): string {
  return `${group}\u0000${kind}\u0000${namespace}\u0000${name}`;
}
