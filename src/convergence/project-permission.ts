// Argo CD AppProject permissions: a project refuses the whole sync of an Application when one object's kind or
// destination namespace is not permitted ("namespace kube-system is not permitted in project ...").
// argo-cd pkg/apis/application/v1alpha1/app_project_types.go: IsGroupKindPermitted, IsDestinationPermitted.
import { arr, describe, isRecord, type ObjectIndex, type Resource } from '../manifest/object-index.js';
import type { Delivery } from './delivery.js';
import { isClusterScoped, namespaceOf } from './dependencies.js';
import type { Finding } from './simulate.js';

/** Findings of every Argo CD unit whose AppProject is in the set. */
export function projectFindings(index: ObjectIndex, delivery: Delivery): Finding[] {
  const out: Finding[] = [];
  for (const u of delivery.units) {
    if (u.engine !== 'argocd' || !u.resource || !u.project) continue;
    const project = index.all.find(
      (r) =>
        r.group === 'argoproj.io' && r.kind === 'AppProject' && r.name === u.project && (r.namespace === u.resource!.namespace || r.namespace === ''),
    );
    if (!project) continue;
    const spec = isRecord(project.body.spec) ? project.body.spec : {};
    const refuse = (r: Resource, path: string, what: string): void => {
      out.push({
        severity: 'error',
        resource: r,
        path,
        message: `${describe(r)}: ${what} in AppProject ${project.name}, so Argo CD refuses the whole sync of ${u.id}`,
      });
    };
    // an ApplicationSet's templated destination is known per generated Application only
    if (
      u.destination.namespace &&
      !`${u.destination.server}${u.destination.namespace}`.includes('{{') &&
      !destinationPermitted(spec, u.destination.server, u.destination.namespace)
    ) {
      refuse(u.resource, '/spec/destination', `destination ${u.destination.server} namespace ${u.destination.namespace} is not permitted`);
    }
    const install = u.chart?.install;
    if (install) {
      for (const o of install.otherNamespaces) {
        if (!destinationPermitted(spec, u.destination.server, o.namespace))
          refuse(
            u.resource,
            '/spec/source/chart',
            `chart ${install.chart} ${install.version} writes ${o.objects} to namespace ${o.namespace}, which is not permitted`,
          );
      }
      for (const k of install.clusterKinds) {
        if (!kindPermitted(spec, k.group, k.kind, false))
          refuse(
            u.resource,
            '/spec/source/chart',
            `chart ${install.chart} ${install.version} creates cluster-scoped ${k.group || 'core'}/${k.kind}, which is not permitted`,
          );
      }
    }
    for (const s of u.steps) {
      for (const r of s.objects) {
        const namespaced = !isClusterScoped(r);
        if (!kindPermitted(spec, r.group, r.kind, namespaced))
          refuse(r, '/kind', `${namespaced ? 'namespaced' : 'cluster-scoped'} kind ${r.group || 'core'}/${r.kind} is not permitted`);
        const ns = namespaceOf(r, u);
        if (namespaced && ns && !destinationPermitted(spec, u.destination.server, ns))
          refuse(r, '/metadata/namespace', `namespace ${ns} is not permitted`);
      }
    }
  }
  return out;
}

/** IsGroupKindPermitted: namespaced kinds need the whitelist empty or matching; cluster kinds need a matching entry. */
export function kindPermitted(spec: Record<string, any>, group: string, kind: string, namespaced: boolean): boolean {
  const inList = (list: unknown): boolean =>
    arr(list).some((e) => isRecord(e) && glob(String(e.group ?? ''), group) && glob(String(e.kind ?? ''), kind));
  if (namespaced) {
    const white = arr(spec.namespaceResourceWhitelist);
    return (white.length === 0 || inList(white)) && !inList(spec.namespaceResourceBlacklist);
  }
  return arr(spec.clusterResourceWhitelist).length > 0 && inList(spec.clusterResourceWhitelist) && !inList(spec.clusterResourceBlacklist);
}

/** IsDestinationPermitted: some destination matches server and namespace (globs; a `!` entry denies). */
export function destinationPermitted(spec: Record<string, any>, server: string, namespace: string): boolean {
  const dests = arr(spec.destinations).filter(isRecord);
  const serverOk = (d: Record<string, any>): boolean =>
    d.server === undefined ? d.name !== undefined && glob(String(d.name), server) : glob(String(d.server), server);
  const denied = dests.some((d) => String(d.namespace ?? '').startsWith('!') && serverOk(d) && glob(String(d.namespace).slice(1), namespace));
  return !denied && dests.some((d) => !String(d.namespace ?? '').startsWith('!') && serverOk(d) && glob(String(d.namespace ?? ''), namespace));
}

/** Argo CD's glob match (`*` any run of characters, `?` one character). */
export function glob(pattern: string, value: string): boolean {
  if (pattern === value || pattern === '*') return true;
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
  return re.test(value);
}
