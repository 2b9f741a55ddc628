// Which controls apply at a level and version, and the evaluation of a pod against them: a mirror of
// k8s.io/pod-security-admission/policy/registry.go (checkRegistry: versions inflated, restricted overrides of baseline
// controls, baseline controls first, each level's IDs sorted).
import { appArmorProfile } from './app-armor.js';
import { capabilitiesBaseline, capabilitiesRestricted } from './capabilities.js';
import type { Check, Failure, PodView, VersionedCheck } from './check.js';
import { hostNamespaces } from './host-namespaces.js';
import { hostPorts } from './host-ports.js';
import { hostProbesAndHostLifecycle } from './host-probes.js';
import type { LevelVersion } from './policy.js';
import { privileged } from './privileged.js';
import { allowPrivilegeEscalation } from './privilege-escalation.js';
import { procMountBaseline, procMountRestricted } from './proc-mount.js';
import { runAsNonRoot, runAsUser } from './run-as.js';
import { seLinuxOptionsCheck } from './se-linux.js';
import { seccompProfileBaseline, seccompProfileRestricted } from './seccomp.js';
import { sysctlsCheck } from './sysctls.js';
import { hostPathVolumes, restrictedVolumes } from './volumes.js';
import { windowsHostProcess } from './windows-host-process.js';

/** Every control of the Pod Security Standards (upstream `DefaultChecks`). */
export const CHECKS: readonly Check[] = [
  allowPrivilegeEscalation,
  appArmorProfile,
  capabilitiesBaseline,
  capabilitiesRestricted,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMountBaseline,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seLinuxOptionsCheck,
  seccompProfileBaseline,
  seccompProfileRestricted,
  sysctlsCheck,
  windowsHostProcess,
];

/** The newest minor any control changes at: `latest` and newer versions evaluate as this one. */
export const MAX_VERSION = Math.max(...CHECKS.map((c) => c.versions[c.versions.length - 1]!.minimumVersion));

/** The version of a control in force at minor `v`, if it exists yet. */
function versionAt(check: Check, v: number): VersionedCheck | undefined {
  let found: VersionedCheck | undefined;
  for (const vc of check.versions) if (vc.minimumVersion <= v) found = vc;
  return found;
}

/** A control that applies, with its ID. */
export interface ActiveCheck {
  readonly id: string;
  readonly check: VersionedCheck;
}

const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cache = new Map<string, readonly ActiveCheck[]>();

/** The controls of a level at a version, in upstream's order (privileged: none). */
export function checksFor(lv: LevelVersion): readonly ActiveCheck[] {
  if (lv.level === 'privileged') return [];
  const v = lv.version === 'latest' || lv.version > MAX_VERSION ? MAX_VERSION : lv.version;
  const key = `${lv.level}:${v}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const active = (level: Check['level']) =>
    CHECKS.filter((c) => c.level === level)
      .sort(byId)
      .flatMap((c) => {
        const check = versionAt(c, v);
        return check ? [{ id: c.id, check }] : [];
      });
  const baseline = active('baseline');
  let out: ActiveCheck[] = baseline;
  if (lv.level === 'restricted') {
    const restricted = active('restricted');
    const overridden = new Set(restricted.flatMap((c) => c.check.overrides ?? []));
    out = [...baseline.filter((c) => !overridden.has(c.id)), ...restricted];
  }
  cache.set(key, out);
  return out;
}

/** A control the pod fails. */
export interface Violation extends Failure {
  readonly id: string;
}

/** The controls of `lv` the pod fails, in upstream's order. */
export function evaluatePod(lv: LevelVersion, pod: PodView): Violation[] {
  const out: Violation[] = [];
  for (const { id, check } of checksFor(lv)) {
    const failure = check.checkPod(pod);
    if (failure) out.push({ id, ...failure });
  }
  return out;
}
