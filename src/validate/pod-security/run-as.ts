// Restricted: containers run as a non-root user (unless the pod is in a user namespace, from 1.35).
// Mirrors policy/check_runAsNonRoot.go and policy/check_runAsUser.go.
import { containersPhrase, inUserNamespace, podSecurityContext, securityContext, visitContainers, type Check, type CheckPod } from './check.js';

const runAsNonRoot1_0: CheckPod = ({ spec }) => {
  const setters: string[] = [];
  let path = '';
  const pod = podSecurityContext(spec)?.runAsNonRoot;
  if (pod === false) {
    setters.push('pod');
    path = '/spec/securityContext/runAsNonRoot';
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  for (const c of visitContainers(spec)) {
    const v = securityContext(c)?.runAsNonRoot;
    if (typeof v === 'boolean') {
      if (!v) {
        explicitlyBad.push(c.name);
        path ||= `${c.path}/securityContext/runAsNonRoot`;
      }
    } else if (pod !== true) implicitlyBad.push(c.name);
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    return { reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, path };
  }
  if (implicitlyBad.length === 0) return undefined;
  return {
    reason: 'runAsNonRoot != true',
    detail: `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
    path: '/spec/securityContext/runAsNonRoot',
  };
};

/** `runAsNonRoot` (1.0+; from 1.35 any value when hostUsers is false): the pod, or every container, sets runAsNonRoot=true, and none sets false. */
export const runAsNonRoot: Check = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minimumVersion: 0, checkPod: runAsNonRoot1_0 },
    { minimumVersion: 35, checkPod: (pod) => (inUserNamespace(pod.spec) ? undefined : runAsNonRoot1_0(pod)) },
  ],
};

const runAsUser1_23: CheckPod = ({ spec }) => {
  const setters: string[] = [];
  let path = '';
  if (podSecurityContext(spec)?.runAsUser === 0) {
    setters.push('pod');
    path = '/spec/securityContext/runAsUser';
  }
  const bad = visitContainers(spec).filter((c) => securityContext(c)?.runAsUser === 0);
  if (bad.length > 0) {
    setters.push(containersPhrase(bad.map((c) => c.name)));
    path ||= `${bad[0]!.path}/securityContext/runAsUser`;
  }
  if (setters.length === 0) return undefined;
  return { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0`, path };
};

/** `runAsUser` (1.23+; from 1.35 any value when hostUsers is false): neither the pod nor a container sets runAsUser=0. */
export const runAsUser: Check = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minimumVersion: 23, checkPod: runAsUser1_23 },
    { minimumVersion: 35, checkPod: (pod) => (inUserNamespace(pod.spec) ? undefined : runAsUser1_23(pod)) },
  ],
};
