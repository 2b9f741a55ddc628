// Argo CD least privilege from what the environment renders: the delivery and workload AppProjects allow exactly the
// namespaces and kinds of the objects their Application applies (the Argo CD folder, and the rest of the environment
// folder). Computed from a first render before the GitOps chart renders the projects (src/synth/apply-plan.ts).
import { ARGOCD_FOLDER } from '../../charts/gitops/gitops-naming.js';
import type { Delivery } from '../config/model/environment.js';
import { groupOf } from '../manifest/object-index.js';
import type { RenderedFile } from './render.js';

type GroupKind = { readonly group: string; readonly kind: string };

/** What one project may deploy. */
export interface ProjectScope {
  readonly destinations: readonly { readonly server: string; readonly namespace: string }[];
  readonly clusterResourceWhitelist: readonly GroupKind[];
  readonly namespaceResourceWhitelist: readonly GroupKind[];
}

/** The scopes of the environment's delivery and workload projects. */
export interface ProjectScopes {
  /** The root Application's project: the Argo CD folder. */
  readonly delivery: ProjectScope;
  /** The workloads Application's project: the rest of the environment folder. */
  readonly workloads: ProjectScope;
  /**
   * A namespace the workloads project permits, for the workloads Application's destination: Argo CD refuses an
   * Application whose destination its project does not list (every rendered namespaced object names its namespace).
   */
  readonly home?: string;
}

/** The scopes of `files` (a render of the environment); a fleet's clusters are chosen by labels: any cluster. */
export function projectScopes(files: readonly RenderedFile[], delivery: Delivery): ProjectScopes {
  const inFolder = (f: RenderedFile) => f.name.startsWith(`${ARGOCD_FOLDER}/`);
  const workloads = scopeOf(files.filter((f) => !inFolder(f)), delivery.fleet ? '*' : delivery.destination);
  return { delivery: scopeOf(files.filter(inFolder), delivery.destination), workloads, home: workloads.destinations[0]?.namespace };
}

function scopeOf(files: readonly RenderedFile[], server: string): ProjectScope {
  const namespaces = new Set<string>();
  const cluster = new Map<string, GroupKind>();
  const namespaced = new Map<string, GroupKind>();
  for (const o of files.flatMap((f) => f.objects)) {
    const gk = { group: groupOf(o.apiVersion), kind: String(o.kind) };
    const namespace = (o.metadata as { namespace?: string } | undefined)?.namespace;
    if (namespace === undefined) cluster.set(`${gk.group}/${gk.kind}`, gk);
    else {
      namespaces.add(namespace);
      namespaced.set(`${gk.group}/${gk.kind}`, gk);
    }
  }
  return {
    destinations: [...namespaces].sort().map((namespace) => ({ server, namespace })),
    clusterResourceWhitelist: byKey(cluster),
    namespaceResourceWhitelist: byKey(namespaced),
  };
}

function byKey(m: ReadonlyMap<string, GroupKind>): GroupKind[] {
  return [...m.keys()].sort().map((k) => m.get(k)!);
}
