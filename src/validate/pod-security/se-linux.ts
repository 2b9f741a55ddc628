// Baseline: SELinux type limited to the container types, no custom user or role. Mirrors policy/check_seLinuxOptions.go.
import { isRecord } from '../../manifest/object-index.js';
import {
  containersPhrase,
  joinQuote,
  pluralize,
  podSecurityContext,
  securityContext,
  sortedSet,
  str,
  visitContainers,
  type Check,
  type CheckPod,
} from './check.js';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

function seLinuxOptions(allowed: readonly string[]): CheckPod {
  return ({ spec }) => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (opts: Record<string, any>): boolean => {
      let ok = true;
      if (!allowed.includes(str(opts.type))) {
        ok = false;
        badTypes.push(str(opts.type));
      }
      if (str(opts.user) !== '') {
        ok = false;
        setUser = true;
      }
      if (str(opts.role) !== '') {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const setters: string[] = [];
    let path = '';
    const pod = podSecurityContext(spec)?.seLinuxOptions;
    if (isRecord(pod) && !valid(pod)) {
      setters.push('pod');
      path = '/spec/securityContext/seLinuxOptions';
    }
    const bad: string[] = [];
    for (const c of visitContainers(spec)) {
      const opts = securityContext(c)?.seLinuxOptions;
      if (isRecord(opts) && !valid(opts)) {
        bad.push(c.name);
        path ||= `${c.path}/securityContext/seLinuxOptions`;
      }
    }
    if (bad.length > 0) setters.push(containersPhrase(bad));
    if (setters.length === 0) return undefined;
    const data: string[] = [];
    const types = sortedSet(badTypes);
    if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
    if (setUser) data.push('user may not be set');
    if (setRole) data.push('role may not be set');
    return { reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`, path };
  };
}

/** `seLinuxOptions` (1.0+; 1.31 also allows container_engine_t): seLinuxOptions.type from the container types, user and role unset. */
export const seLinuxOptionsCheck: Check = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: seLinuxOptions(TYPES_1_0) },
    { minimumVersion: 31, checkPod: seLinuxOptions(TYPES_1_31) },
  ],
};
