// Argo CD least privilege from what the environment renders: the delivery and workload AppProjects allow exactly the
// namespaces and kinds of the objects their Application applies (the Argo CD folder, and the rest of the environment
// folder). Computed from a first render before the GitOps chart renders the projects (src/synth/apply-plan.ts).
import { ARGOCD_FOLDER, KARMADA_FOLDER } from '../../charts/gitops/gitops-naming.js';
import type { Delivery } from '../config/model/environment.js';
import { groupOf } from '../manifest/object-index.js';
import type { RenderedFile } from './render.js';

type GroupKind = { readonly group: string; readonly kind: string };

/** What one project may deploy. */
export interface ProjectScope {
  /** By API server URL, or by the name of a cluster registered in Argo CD (the Karmada API server). */
  readonly destinations: readonly ({ readonly server: string; readonly namespace: string } | { readonly name: string; readonly namespace: string })[];
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
  /** The Karmada Application's project: the Karmada folder, on the Karmada API server (by cluster name). */
  readonly karmada?: ProjectScope;
}

/** The scopes of `files` (a render of the environment); a fleet's clusters are chosen by labels: any cluster. */
export function projectScopes(files: readonly RenderedFile[], delivery: Delivery, karmadaApiServer: string): ProjectScopes {
  const inFolder = (folder: string) => (f: RenderedFile) => f.name.startsWith(`${folder}/`);
  const argocd = inFolder(ARGOCD_FOLDER);
  const karmada = inFolder(KARMADA_FOLDER);
  const workloads = scopeOf(
    files.filter((f) => !argocd(f) && !karmada(f)),
    (namespace) => ({ server: delivery.fleet ? '*' : delivery.destination, namespace }),
  );
  const placed = files.filter(karmada);
  return {
    delivery: scopeOf(files.filter(argocd), (namespace) => ({ server: delivery.destination, namespace })),
    workloads,
    home: workloads.destinations[0]?.namespace,
    ...(placed.length > 0 ? { karmada: scopeOf(placed, (namespace) => ({ name: karmadaApiServer, namespace })) } : {}),
  };
}

function scopeOf(files: readonly RenderedFile[], destination: (namespace: string) => ProjectScope['destinations'][number]): ProjectScope {
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
    destinations: [...namespaces].sort().map(destination),
    clusterResourceWhitelist: byKey(cluster),
    namespaceResourceWhitelist: byKey(namespaced),
  };
}

function byKey(m: ReadonlyMap<string, GroupKind>): GroupKind[] {
  return [...m.keys()].sort().map((k) => m.get(k)!);
}
