// Baseline: no host ports. Mirrors policy/check_hostPorts.go.
import { arr, isRecord } from '../../manifest/object-index.js';
import { joinQuote, pluralize, sortedSet, visitContainers, type Check } from './check.js';

/** `hostPorts` (1.0+): containers' ports[*].hostPort must be unset or 0. */
export const hostPorts: Check = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod({ spec }) {
        const bad: string[] = [];
        const ports: string[] = [];
        let path = '';
        for (const c of visitContainers(spec)) {
          let valid = true;
          arr(c.container.ports).forEach((p, i) => {
            if (!isRecord(p) || typeof p.hostPort !== 'number' || p.hostPort === 0) return;
            valid = false;
            ports.push(String(p.hostPort));
            path ||= `${c.path}/ports/${i}/hostPort`;
          });
          if (!valid) bad.push(c.name);
        }
        if (bad.length === 0) return undefined;
        const list = sortedSet(ports);
        return {
          reason: 'hostPort',
          detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`,
          path,
        };
      },
    },
  ],
};
