// Argo CD least privilege from the output itself: the delivery and workload AppProjects allow exactly the namespaces
// and kinds of the objects their Application applies (the Argo CD folder, and the rest of the environment folder).
import { projectNames, WORKLOADS_LABEL } from '../../charts/gitops/argocd-project.js';
import { ARGOCD_FOLDER } from '../../charts/gitops/gitops-naming.js';
import type { Environment } from '../config/model/environment.js';
import { groupOf } from '../manifest/object-index.js';
import type { RenderedFile } from './render.js';

type GroupKind = { group: string; kind: string };

/** What one project may deploy. */
interface Scope {
  readonly destinations: { server: string; namespace: string }[];
  readonly clusterResourceWhitelist: GroupKind[];
  readonly namespaceResourceWhitelist: GroupKind[];
}

/**
 * Fills the destinations and kind whitelists of the environment's delivery and workload AppProjects, and points the
 * workloads Application (or the fleet's template) at a namespace its project permits: Argo CD refuses an Application
 * whose destination its project does not list, and every rendered namespaced object names its namespace anyway.
 */
export function withProjectScope(files: readonly RenderedFile[], env: Environment): RenderedFile[] {
  const g = env.gitops!;
  const names = projectNames(env);
  const inFolder = (f: RenderedFile) => f.name.startsWith(`${ARGOCD_FOLDER}/`);
  const scopes = new Map<string, Scope>([
    [names.delivery, scopeOf(files.filter(inFolder), g.destination)],
    // a fleet's clusters are chosen by labels, which AppProject destinations cannot express: any registered cluster
    [names.workloads, scopeOf(files.filter((f) => !inFolder(f)), g.fleet ? '*' : g.destination)],
  ]);
  const home = scopes.get(names.workloads)!.destinations[0]?.namespace;
  return files.map((f) => ({
    name: f.name,
    objects: f.objects.map((o) => {
      const metadata = o.metadata as { name?: string; labels?: Record<string, string> };
      const spec = o.spec as Record<string, unknown>;
      const scope = o.kind === 'AppProject' ? scopes.get(String(metadata.name)) : undefined;
      if (scope) return { ...o, spec: sorted({ ...spec, ...scope }) };
      if (home === undefined) return o;
      if (o.kind === 'Application' && metadata.labels?.[WORKLOADS_LABEL]) return { ...o, spec: withHome(spec, home) };
      if (o.kind === 'ApplicationSet' && metadata.labels?.[WORKLOADS_LABEL]) {
        const template = spec.template as Record<string, unknown>;
        return { ...o, spec: { ...spec, template: { ...template, spec: withHome(template.spec as Record<string, unknown>, home) } } };
      }
      return o;
    }),
  }));
}

function withHome(spec: Record<string, unknown>, namespace: string): Record<string, unknown> {
  return { ...spec, destination: { ...(spec.destination as Record<string, unknown>), namespace } };
}

function scopeOf(files: readonly RenderedFile[], server: string): Scope {
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

function sorted(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
}
