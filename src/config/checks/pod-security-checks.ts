// Pod Security levels: one per namespace, compatible with the mesh's sidecar injection and with the apps' securityContext.
import type { App, Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';
import { podSecurityLevel, type PodSecurityLevel } from '../namespaces.js';

/** The level of an app's namespace and where it is set (undefined in a built-in namespace). */
function levelOf(env: Environment, app: App, i: number): { level: PodSecurityLevel; setting: string; at: string } | undefined {
  const level = podSecurityLevel(env, app);
  if (level === undefined) return undefined;
  return app.podSecurity !== undefined
    ? { level, setting: `apps[${i}].podSecurity`, at: `/apps/${i}/podSecurity` }
    : { level, setting: 'podSecurity.enforce', at: '/podSecurity/enforce' };
}

/** Checks the Pod Security levels of the app namespaces (apps in built-in namespaces are not labelled, nor checked). */
export function checkPodSecurity(env: Environment, out: DiagnosticList): void {
  const byNamespace = new Map<string, { level: PodSecurityLevel; index: number }>();
  env.apps.forEach((app, i) => {
    const namespace = app.namespace;
    const of = levelOf(env, app, i);
    if (!of) return;
    const { level, setting, at } = of;
    const first = byNamespace.get(namespace);
    if (first === undefined) byNamespace.set(namespace, { level, index: i });
    else if (first.level !== level) {
      out.add(
        at,
        `${setting} (${level}) differs from the level of apps[${first.index}] (${first.level}) in namespace "${namespace}": a namespace enforces one Pod Security level`,
      );
    }
    if (first === undefined && env.mesh.enabled && !env.mesh.cni && level !== 'privileged') {
      out.add(
        '/mesh/cni',
        `namespace "${namespace}" enforces Pod Security "${level}" (${setting}) and gets Istio sidecars without Istio CNI (mesh.cni: false): ` +
          'the injected istio-init container adds NET_ADMIN and NET_RAW, which baseline and restricted forbid, so no pod starts; ' +
          `set mesh.cni: true or ${setting}: privileged`,
      );
    }
    if (level !== 'restricted') return;
    const relax = `set apps[${i}].podSecurity: baseline`;
    if (!app.securityContext.runAsNonRoot) {
      out.add(
        `/apps/${i}/securityContext/runAsNonRoot`,
        `runAsNonRoot (false) is forbidden by Pod Security "restricted" (${setting}): run as non-root or ${relax}`,
      );
    }
    if (app.securityContext.allowPrivilegeEscalation) {
      out.add(
        `/apps/${i}/securityContext/allowPrivilegeEscalation`,
        `allowPrivilegeEscalation (true) is forbidden by Pod Security "restricted" (${setting}): set it false or ${relax}`,
      );
    }
  });
}
