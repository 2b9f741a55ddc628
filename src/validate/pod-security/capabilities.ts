// Capabilities: baseline allows only the default set to be added, restricted requires drop ALL and allows adding only
// NET_BIND_SERVICE. Mirrors policy/check_capabilities_baseline.go and policy/check_capabilities_restricted.go.
import { arr, isRecord } from '../../manifest/object-index.js';
import {
  containersPhrase,
  isWindows,
  joinQuote,
  securityContext,
  sortedSet,
  visitContainers,
  type Check,
  type CheckPod,
  type ContainerView,
} from './check.js';

/** The container runtime's default capabilities: adding them is allowed by baseline (`capabilities_allowed_1_0`). */
const DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

function capabilities(c: ContainerView): Record<string, any> | undefined {
  const caps = securityContext(c)?.capabilities;
  return isRecord(caps) ? caps : undefined;
}

function added(c: ContainerView): string[] {
  return arr(capabilities(c)?.add).filter((x): x is string => typeof x === 'string');
}

/** `capabilities_baseline` (1.0+): securityContext.capabilities.add only from the default set. */
export const capabilitiesBaseline: Check = {
  id: 'capabilities_baseline',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod({ spec }) {
        const bad: ContainerView[] = [];
        const forbidden: string[] = [];
        for (const c of visitContainers(spec)) {
          const extra = added(c).filter((cap) => !DEFAULT_CAPABILITIES.has(cap));
          if (extra.length > 0) {
            bad.push(c);
            forbidden.push(...extra);
          }
        }
        if (bad.length === 0) return undefined;
        return {
          reason: 'non-default capabilities',
          detail: `${containersPhrase(bad.map((c) => c.name))} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
          path: `${bad[0]!.path}/securityContext/capabilities/add`,
        };
      },
    },
  ],
};

const restricted1_22: CheckPod = ({ spec }) => {
  const missingDropAll: ContainerView[] = [];
  const addingForbidden: ContainerView[] = [];
  const forbidden: string[] = [];
  for (const c of visitContainers(spec)) {
    const caps = capabilities(c);
    if (!caps) {
      missingDropAll.push(c);
      continue;
    }
    if (!arr(caps.drop).includes('ALL')) missingDropAll.push(c);
    const extra = added(c).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (extra.length > 0) {
      addingForbidden.push(c);
      forbidden.push(...extra);
    }
  }
  const details: string[] = [];
  if (missingDropAll.length > 0)
    details.push(`${containersPhrase(missingDropAll.map((c) => c.name))} must set securityContext.capabilities.drop=["ALL"]`);
  if (addingForbidden.length > 0) {
    details.push(
      `${containersPhrase(addingForbidden.map((c) => c.name))} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`,
    );
  }
  if (details.length === 0) return undefined;
  const path =
    missingDropAll.length > 0
      ? `${missingDropAll[0]!.path}/securityContext/capabilities/drop`
      : `${addingForbidden[0]!.path}/securityContext/capabilities/add`;
  return { reason: 'unrestricted capabilities', detail: details.join('; '), path };
};

/** `capabilities_restricted` (1.22+, replaces capabilities_baseline): drop ALL, add at most NET_BIND_SERVICE; Windows pods pass from 1.25. */
export const capabilitiesRestricted: Check = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 22, checkPod: restricted1_22, overrides: ['capabilities_baseline'] },
    { minimumVersion: 25, checkPod: (pod) => (isWindows(pod.spec) ? undefined : restricted1_22(pod)), overrides: ['capabilities_baseline'] },
  ],
};
