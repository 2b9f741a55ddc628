// Baseline: AppArmor may not be disabled or overridden with an unconfined profile. Mirrors policy/check_appArmorProfile.go.
import { isRecord } from '../../manifest/object-index.js';
import {
  containersPhrase,
  goQuote,
  joinQuote,
  pluralize,
  podSecurityContext,
  securityContext,
  sortedSet,
  str,
  visitContainers,
  type Check,
} from './check.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(profile: string): boolean {
  return profile === '' || profile === 'runtime/default' || profile.startsWith('localhost/');
}

function allowedProfileType(type: string): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

/** `appArmorProfile` (1.0+): appArmorProfile.type RuntimeDefault or Localhost (pod and containers), beta annotations runtime/default or localhost/*. */
export const appArmorProfile: Check = {
  id: 'appArmorProfile',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod({ annotations, spec }) {
        const setters: string[] = [];
        const values: string[] = [];
        let path = '';
        const pod = podSecurityContext(spec)?.appArmorProfile;
        if (isRecord(pod) && !allowedProfileType(str(pod.type))) {
          setters.push('pod');
          values.push(str(pod.type));
          path = '/spec/securityContext/appArmorProfile/type';
        }
        const bad: string[] = [];
        for (const c of visitContainers(spec)) {
          const profile = securityContext(c)?.appArmorProfile;
          if (isRecord(profile) && !allowedProfileType(str(profile.type))) {
            bad.push(c.name);
            values.push(str(profile.type));
            path ||= `${c.path}/securityContext/appArmorProfile/type`;
          }
        }
        if (bad.length > 0) setters.push(containersPhrase(bad));
        const forbidden = Object.keys(annotations)
          .filter((k) => k.startsWith(ANNOTATION_PREFIX) && !allowedAnnotationValue(annotations[k]!))
          .sort();
        const valueList = [...sortedSet(values), ...forbidden.map((k) => `${k}=${goQuote(annotations[k]!)}`)];
        if (forbidden.length > 0) {
          setters.push(pluralize('annotation', 'annotations', forbidden.length));
          path ||= `/metadata/annotations/${forbidden[0]!.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        }
        if (setters.length === 0) return undefined;
        return {
          reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
          detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`,
          path,
        };
      },
    },
  ],
};
