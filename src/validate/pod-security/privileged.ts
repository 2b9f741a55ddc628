// Baseline: no privileged container. Mirrors policy/check_privileged.go.
import { containersPhrase, securityContext, visitContainers, type Check } from './check.js';

/** `privileged` (1.0+): containers' securityContext.privileged must be unset or false. */
export const privileged: Check = {
  id: 'privileged',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod({ spec }) {
        const bad = visitContainers(spec).filter((c) => securityContext(c)?.privileged === true);
        if (bad.length === 0) return undefined;
        return {
          reason: 'privileged',
          detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
          path: `${bad[0]!.path}/securityContext/privileged`,
        };
      },
    },
  ],
};
