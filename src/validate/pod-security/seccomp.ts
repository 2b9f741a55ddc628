// Seccomp: baseline forbids Unconfined, restricted requires RuntimeDefault or Localhost on every container.
// Mirrors policy/check_seccompProfile_baseline.go and policy/check_seccompProfile_restricted.go.
import { isRecord } from '../../manifest/object-index.js';
import {
  containersPhrase,
  goQuote,
  isWindows,
  joinQuote,
  podSecurityContext,
  securityContext,
  sortedSet,
  str,
  visitContainers,
  type Check,
  type CheckPod,
} from './check.js';

const ANNOTATION_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const ANNOTATION_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

function validType(t: string): boolean {
  return t === 'Localhost' || t === 'RuntimeDefault';
}

function validAnnotation(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

function pointerKey(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Before 1.19: the alpha annotations (pod and per container) name runtime/default, docker/default or localhost/*. */
const baseline1_0: CheckPod = ({ annotations, spec }) => {
  const keys = [ANNOTATION_POD, ...visitContainers(spec).map((c) => ANNOTATION_CONTAINER_PREFIX + c.name)];
  const bad = [...new Set(keys)].filter((k) => annotations[k] !== undefined && !validAnnotation(annotations[k]!));
  if (bad.length === 0) return undefined;
  const forbidden = sortedSet(bad.map((k) => `${k}=${goQuote(annotations[k]!)}`));
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${bad.length === 1 ? 'annotation' : 'annotations'} ${forbidden.join(', ')}`,
    path: `/metadata/annotations/${pointerKey(bad[0]!)}`,
  };
};

interface Explicit {
  setters: string[];
  values: string[];
  path: string;
  podValid: boolean;
  /** Containers that set no seccompProfile. */
  unset: { name: string; path: string }[];
}

/** Pod and containers that set seccompProfile.type to something other than RuntimeDefault or Localhost. */
function explicit(spec: Record<string, any>): Explicit {
  const out: Explicit = { setters: [], values: [], path: '', podValid: false, unset: [] };
  const pod = podSecurityContext(spec)?.seccompProfile;
  if (isRecord(pod)) {
    if (!validType(str(pod.type))) {
      out.setters.push('pod');
      out.values.push(str(pod.type));
      out.path = '/spec/securityContext/seccompProfile/type';
    } else out.podValid = true;
  }
  const bad: string[] = [];
  for (const c of visitContainers(spec)) {
    const profile = securityContext(c)?.seccompProfile;
    if (isRecord(profile)) {
      if (!validType(str(profile.type))) {
        bad.push(c.name);
        out.values.push(str(profile.type));
        out.path ||= `${c.path}/securityContext/seccompProfile/type`;
      }
    } else out.unset.push({ name: c.name, path: `${c.path}/securityContext/seccompProfile` });
  }
  if (bad.length > 0) out.setters.push(containersPhrase(bad));
  return out;
}

function explicitFailure(e: Explicit) {
  return {
    reason: 'seccompProfile',
    detail: `${e.setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(e.values))}`,
    path: e.path,
  };
}

/** `seccompProfile_baseline` (1.0+ annotations; 1.19+ securityContext.seccompProfile.type unset, RuntimeDefault or Localhost). */
export const seccompProfileBaseline: Check = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: baseline1_0 },
    {
      minimumVersion: 19,
      checkPod({ spec }) {
        const e = explicit(spec);
        return e.setters.length > 0 ? explicitFailure(e) : undefined;
      },
    },
  ],
};

const restricted1_19: CheckPod = ({ spec }) => {
  const e = explicit(spec);
  if (e.setters.length > 0) return explicitFailure(e);
  const implicit = e.podValid ? [] : e.unset;
  if (implicit.length === 0) return undefined;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(implicit.map((c) => c.name))} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    path: '/spec/securityContext/seccompProfile/type',
  };
};

/** `seccompProfile_restricted` (1.19+, replaces seccompProfile_baseline): the pod or every container sets RuntimeDefault or Localhost; Windows pods pass from 1.25. */
export const seccompProfileRestricted: Check = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 19, checkPod: restricted1_19, overrides: ['seccompProfile_baseline'] },
    { minimumVersion: 25, checkPod: (pod) => (isWindows(pod.spec) ? undefined : restricted1_19(pod)), overrides: ['seccompProfile_baseline'] },
  ],
};
