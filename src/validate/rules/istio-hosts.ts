// Host and gateway-name resolution shared by the Istio rules (the way istioctl analyze resolves them).
import { arr, type ObjectIndex, type Resource } from '../../manifest/object-index.js';

export const ISTIO = 'networking.istio.io';

/** A gateway reference of a VirtualService, resolved: `mesh`, or namespace/name. */
export interface GatewayRef {
  readonly raw: string;
  readonly mesh: boolean;
  readonly namespace: string;
  readonly name: string;
}

/** Gateways a VirtualService binds (none listed = the `mesh` gateway), with their index in spec.gateways. */
export function boundGateways(vs: Resource): { ref: GatewayRef; index: number }[] {
  const list = arr(vs.body.spec?.gateways).filter((g) => typeof g === 'string') as string[];
  if (list.length === 0) return [{ ref: { raw: 'mesh', mesh: true, namespace: '', name: 'mesh' }, index: -1 }];
  return list.map((raw, index) => {
    if (raw === 'mesh') return { ref: { raw, mesh: true, namespace: '', name: 'mesh' }, index };
    const slash = raw.indexOf('/');
    const ref =
      slash === -1
        ? { raw, mesh: false, namespace: vs.namespace, name: raw }
        : { raw, mesh: false, namespace: raw.slice(0, slash), name: raw.slice(slash + 1) };
    return { ref, index };
  });
}

/** Whether a host pattern (`*`, `*.example.com`, `a.example.com`) covers `host` (which may be a wildcard too). */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) {
    const suffix = pattern.slice(1);
    return host.startsWith('*') ? host.slice(1).endsWith(suffix) : host.endsWith(suffix) && host.length > suffix.length;
  }
  return pattern === host;
}

/** Fully qualified form of a short host of an object in `namespace` (`web` → `web.<ns>.svc.cluster.local`). */
export function qualify(host: string, namespace: string): string {
  if (host.includes('*')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${namespace}.svc.cluster.local`;
  if (parts.length === 2) return `${host}.svc.cluster.local`;
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.cluster.local`;
  return host;
}

/** Services by FQDN, and the ports of ServiceEntry hosts. */
export class ServiceRegistry {
  private readonly services = new Map<string, Resource>();
  private readonly entries: { hosts: string[]; ports: number[] }[] = [];

  public constructor(index: ObjectIndex) {
    for (const s of index.of('', 'Service')) this.services.set(`${s.name}.${s.namespace}.svc.cluster.local`, s);
    for (const e of index.of(ISTIO, 'ServiceEntry')) {
      this.entries.push({ hosts: arr(e.body.spec?.hosts).map(String), ports: arr(e.body.spec?.ports).map((p) => Number(p?.number)) });
    }
  }

  /** Ports of the host (undefined when no Service or ServiceEntry declares it). */
  public ports(host: string, namespace: string): number[] | undefined {
    const svc = this.services.get(qualify(host, namespace));
    if (svc) return arr(svc.body.spec?.ports).map((p) => Number(p?.port));
    const entry = this.entries.find((e) => e.hosts.some((h) => hostCovers(h, host)));
    return entry?.ports;
  }
}
