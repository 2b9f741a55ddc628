// procMount: the default /proc masks stay on (baseline: unless the pod is in a user namespace, from 1.35).
// Mirrors policy/check_procMount_baseline.go and policy/check_procMount_restricted.go.
import { containersPhrase, inUserNamespace, joinQuote, securityContext, sortedSet, visitContainers, type CheckPod, type Check } from './check.js';

/** upstream `procMount_1_0`: securityContext.procMount unset or Default. */
const procMount1_0: CheckPod = ({ spec }) => {
  const bad = visitContainers(spec).filter((c) => {
    const pm = securityContext(c)?.procMount;
    return typeof pm === 'string' && pm !== 'Default';
  });
  if (bad.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sortedSet(bad.map((c) => securityContext(c)!.procMount as string)))}`,
    path: `${bad[0]!.path}/securityContext/procMount`,
  };
};

/** `procMount` (1.0+; from 1.35 any value when hostUsers is false). */
export const procMountBaseline: Check = {
  id: 'procMount',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: procMount1_0 },
    { minimumVersion: 35, checkPod: (pod) => (inUserNamespace(pod.spec) ? undefined : procMount1_0(pod)) },
  ],
};

/** `procMount_restricted` (1.35+, replaces procMount): unset or Default, in user namespaces too. */
export const procMountRestricted: Check = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minimumVersion: 35, checkPod: procMount1_0, overrides: ['procMount'] }],
};
