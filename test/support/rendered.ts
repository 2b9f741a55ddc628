// Compiles environment YAML written to a temp dir and indexes the rendered objects, for selector-matching tests.
import { compile } from '../../src/synth/compile.js';
import { envDir } from './env-dir.js';

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any;
} & Record<string, any>;

/** Rendered objects of one environment (`dev` unless named), with the file each came from. */
export interface Rendered {
  readonly objects: readonly (K8sObject & { file: string })[];
  /** Objects of a kind, optionally only those in `file` (e.g. '20-monitoring.yaml'). */
  of(kind: string, file?: string): (K8sObject & { file: string })[];
  /** The one object of `kind` named `name` (throws when missing). */
  get(kind: string, name: string, namespace?: string): K8sObject & { file: string };
}

/** Compiles `files` (name → YAML) and returns the objects of environment `env`. */
export function render(files: Record<string, string>, env = 'dev'): Rendered {
  const { dir } = envDir(files);
  const out = compile({ environmentsDir: dir, only: [env] })[0]!;
  const objects = out.docs.map((d) => ({ ...(d.object as K8sObject), file: d.file.split('/').pop()! }));
  return {
    objects,
    of: (kind, file) => objects.filter((o) => o.kind === kind && (file === undefined || o.file === file)),
    get: (kind, name, namespace) => {
      const o = objects.find((x) => x.kind === kind && x.metadata.name === name && (namespace === undefined || x.metadata.namespace === namespace));
      if (!o)
        throw new Error(`no ${kind} ${namespace ?? '*'}/${name} rendered (have: ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')})`);
      return o;
    },
  };
}

/** Kubernetes label-selector semantics: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
export function selects(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined,
  labels: Record<string, string> = {},
): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === 'In' && !(has && e.values!.includes(labels[e.key]!))) return false;
    if (e.operator === 'NotIn' && has && e.values!.includes(labels[e.key]!)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Pod template labels of a rendered Deployment. */
export function podLabelsOf(deployment: K8sObject): Record<string, string> {
  return deployment.spec.template.metadata.labels;
}
