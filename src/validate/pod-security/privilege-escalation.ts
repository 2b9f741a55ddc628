// Restricted: no privilege escalation (setuid binaries, ...). Mirrors policy/check_allowPrivilegeEscalation.go.
import { containersPhrase, isWindows, securityContext, visitContainers, type Check, type CheckPod } from './check.js';

const allowPrivilegeEscalation1_8: CheckPod = ({ spec }) => {
  const bad = visitContainers(spec).filter((c) => securityContext(c)?.allowPrivilegeEscalation !== false);
  if (bad.length === 0) return undefined;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
    path: `${bad[0]!.path}/securityContext/allowPrivilegeEscalation`,
  };
};

/** `allowPrivilegeEscalation` (1.8+): every container sets securityContext.allowPrivilegeEscalation=false; Windows pods pass from 1.25. */
export const allowPrivilegeEscalation: Check = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    { minimumVersion: 8, checkPod: allowPrivilegeEscalation1_8 },
    { minimumVersion: 25, checkPod: (pod) => (isWindows(pod.spec) ? undefined : allowPrivilegeEscalation1_8(pod)) },
  ],
};
