// Baseline (1.34+): probes and lifecycle handlers must not name a host. Mirrors policy/check_hostProbesAndhostLifecycle.go.
import { isRecord } from '../../manifest/object-index.js';
import { joinQuote, pluralize, sortedSet, visitContainers, type Check } from './check.js';

/** Hosts set in a probe's or handler's httpGet and tcpSocket, with their pointers. */
function hosts(handler: unknown, at: string): { host: string; path: string }[] {
  if (!isRecord(handler)) return [];
  const out: { host: string; path: string }[] = [];
  for (const kind of ['httpGet', 'tcpSocket']) {
    const h = handler[kind];
    if (isRecord(h) && typeof h.host === 'string' && h.host !== '') out.push({ host: h.host, path: `${at}/${kind}/host` });
  }
  return out;
}

/** `hostProbesAndHostLifecycle` (1.34+): livenessProbe, readinessProbe, startupProbe, lifecycle.postStart/preStop leave host unset. */
export const hostProbesAndHostLifecycle: Check = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 34,
      checkPod({ spec }) {
        const bad: string[] = [];
        const forbidden: string[] = [];
        let path = '';
        for (const c of visitContainers(spec)) {
          const found = [
            ...['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((p) => hosts(c.container[p], `${c.path}/${p}`)),
            ...(isRecord(c.container.lifecycle)
              ? ['postStart', 'preStop'].flatMap((h) => hosts(c.container.lifecycle[h], `${c.path}/lifecycle/${h}`))
              : []),
          ];
          if (found.length === 0) continue;
          bad.push(c.name);
          forbidden.push(...found.map((f) => f.host));
          path ||= found[0]!.path;
        }
        if (bad.length === 0) return undefined;
        const containers = sortedSet(bad);
        const hostList = sortedSet(forbidden);
        return {
          reason: 'probe or lifecycle host',
          detail:
            `${pluralize('container', 'containers', containers.length)} ${joinQuote(containers)} ${pluralize('uses', 'use', containers.length)} ` +
            `${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hostList.length)} ${joinQuote(hostList)}`,
          path,
        };
      },
    },
  ],
};
