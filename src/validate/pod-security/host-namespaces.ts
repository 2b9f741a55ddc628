// Baseline: no host network, PID or IPC namespace. Mirrors policy/check_hostNamespaces.go.
import type { Check } from './check.js';

/** `hostNamespaces` (1.0+): spec.hostNetwork, spec.hostPID, spec.hostIPC must be unset or false. */
export const hostNamespaces: Check = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod({ spec }) {
        const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((f) => spec[f] === true);
        if (set.length === 0) return undefined;
        return { reason: 'host namespaces', detail: set.map((f) => `${f}=true`).join(', '), path: `/spec/${set[0]}` };
      },
    },
  ],
};
