// Baseline: only the namespaced, isolated ("safe") sysctls. Mirrors policy/check_sysctls.go.
import { arr, isRecord } from '../../manifest/object-index.js';
import { podSecurityContext, str, type Check, type CheckPod } from './check.js';

const V1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const V1_27 = [...V1_0, 'net.ipv4.ip_local_reserved_ports'];
const V1_29 = [...V1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const V1_32 = [...V1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const V1_37 = [...V1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

function sysctls(allowed: readonly string[]): CheckPod {
  return ({ spec }) => {
    const bad: { name: string; path: string }[] = [];
    arr(podSecurityContext(spec)?.sysctls).forEach((s, i) => {
      const name = isRecord(s) ? str(s.name) : '';
      if (!allowed.includes(name)) bad.push({ name, path: `/spec/securityContext/sysctls/${i}/name` });
    });
    if (bad.length === 0) return undefined;
    return { reason: 'forbidden sysctls', detail: bad.map((b) => b.name).join(', '), path: bad[0]!.path };
  };
}

/** `sysctls` (1.0+, the safe set grows in 1.27, 1.29, 1.32 and 1.37): spec.securityContext.sysctls[*].name from the safe set. */
export const sysctlsCheck: Check = {
  id: 'sysctls',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: sysctls(V1_0) },
    { minimumVersion: 27, checkPod: sysctls(V1_27) },
    { minimumVersion: 29, checkPod: sysctls(V1_29) },
    { minimumVersion: 32, checkPod: sysctls(V1_32) },
    { minimumVersion: 37, checkPod: sysctls(V1_37) },
  ],
};
