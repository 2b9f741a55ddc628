// Baseline: no Windows HostProcess containers. Mirrors policy/check_windowsHostProcess.go.
import { isRecord } from '../../manifest/object-index.js';
import { containersPhrase, podSecurityContext, securityContext, visitContainers, type Check } from './check.js';

function hostProcess(sc: Record<string, any> | undefined): boolean {
  return isRecord(sc?.windowsOptions) && sc.windowsOptions.hostProcess === true;
}

/** `windowsHostProcess` (1.0+): securityContext.windowsOptions.hostProcess unset or false (pod and containers). */
export const windowsHostProcess: Check = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod({ spec }) {
        const bad = visitContainers(spec).filter((c) => hostProcess(securityContext(c)));
        const pod = hostProcess(podSecurityContext(spec));
        const setters = [...(pod ? ['pod'] : []), ...(bad.length > 0 ? [containersPhrase(bad.map((c) => c.name))] : [])];
        if (setters.length === 0) return undefined;
        return {
          reason: 'hostProcess',
          detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
          path: pod ? '/spec/securityContext/windowsOptions/hostProcess' : `${bad[0]!.path}/securityContext/windowsOptions/hostProcess`,
        };
      },
    },
  ],
};
