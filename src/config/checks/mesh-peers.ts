// The one check across environments: the clusters of one multi-cluster Istio mesh are described by several
// environment files, which must agree. Read from the merged files (before the per-environment check, so that every
// environment takes part, also those a run takes from the synth cache or does not select).
import type { Diagnostic } from '../diagnostic.js';
import type { MergedEnvironment } from '../load.js';
import { meshClusterName } from '../mesh-cluster.js';
import { MeshSchema } from '../model/platform.js';
import { displayPath, originOf } from '../source-map.js';

/** The schema's default trust domain (mesh.multiCluster.trustDomain). */
const DEFAULT_TRUST_DOMAIN = String(MeshSchema.properties.multiCluster.properties.trustDomain.default);

/** One environment's membership, with the pointers of the fields it comes from. */
interface Member {
  readonly env: MergedEnvironment;
  readonly meshId: string;
  readonly trustDomain: string;
  /** Undefined for a fleet: each of its clusters reads its own from its Argo CD cluster Secret. */
  readonly clusterName: string | undefined;
  /** Where the cluster name is set: mesh.multiCluster.clusterName, else cluster.name (its default). */
  readonly clusterNameAt: string;
  readonly remotes: readonly string[];
}

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function memberOf(env: MergedEnvironment): Member | undefined {
  const mc = record(record(env.value.mesh).multiCluster);
  const meshId = str(mc.meshId);
  if (meshId === undefined) return undefined;
  const own = str(mc.clusterName);
  const remotes = Array.isArray(mc.remoteSecrets) ? mc.remoteSecrets.map((r) => str(record(r).cluster) ?? '') : [];
  return {
    env,
    meshId,
    trustDomain: str(mc.trustDomain) ?? DEFAULT_TRUST_DOMAIN,
    clusterName:
      record(env.value.gitops).fleet !== undefined
        ? undefined
        : meshClusterName({ cluster: { name: str(record(env.value.cluster).name) ?? '' }, mesh: { multiCluster: { clusterName: own } } }),
    clusterNameAt: own !== undefined ? '/mesh/multiCluster/clusterName' : '/cluster/name',
    remotes,
  };
}

/** `environments/us.yaml:12:5 mesh.multiCluster.meshId`: a field of another environment, as an error names it. */
function place(env: MergedEnvironment, pointer: string): string {
  const o = originOf(env.origins, pointer);
  return `${o ? `${o.file}:${o.line}:${o.col}` : env.file} ${displayPath(pointer)}`;
}

/**
 * Environments of one mesh (the same meshID, or one naming the other's cluster in remoteSecrets) share meshID and
 * trust domain, and each has its own cluster name: istiod identifies a cluster's endpoints by global.multiCluster.
 * clusterName, and workloads of one mesh trust each other's SPIFFE identities only within one trust domain (Istio's
 * multi-primary multi-network install: the same meshID, one root CA, a clusterName and network per cluster). Problems
 * are reported on the later environment of a pair, and only where one of the two is in `selected`.
 */
export function checkMeshPeers(envs: readonly MergedEnvironment[], selected: ReadonlySet<string>): Diagnostic[] {
  const members = envs.filter((e) => !e.abstract).flatMap((e) => memberOf(e) ?? []);
  const out: Diagnostic[] = [];
  const add = (m: Member, pointer: string, message: string) =>
    out.push({ origin: originOf(m.env.origins, pointer) ?? { file: m.env.file, line: 1, col: 1 }, pointer, message });
  members.forEach((b, j) => {
    for (const a of members.slice(0, j)) {
      if (!selected.has(a.env.name) && !selected.has(b.env.name)) continue;
      if (a.meshId !== b.meshId) continue;
      if (a.trustDomain !== b.trustDomain) {
        add(
          b,
          '/mesh/multiCluster/trustDomain',
          `trust domain "${b.trustDomain}" differs from "${a.trustDomain}" (${place(a.env, '/mesh/multiCluster/trustDomain')}) in the same mesh "${b.meshId}": the clusters of one mesh share one trust domain`,
        );
      }
      if (a.clusterName !== undefined && a.clusterName === b.clusterName) {
        add(
          b,
          b.clusterNameAt,
          `cluster name "${b.clusterName}" is also that of ${place(a.env, a.clusterNameAt)} in the same mesh "${b.meshId}": every cluster of a mesh needs its own istiod global.multiCluster.clusterName (set mesh.multiCluster.clusterName)`,
        );
      }
    }
  });
  for (const a of members) {
    a.remotes.forEach((cluster, i) => {
      const b = members.find((m) => m !== a && m.clusterName === cluster);
      if (!b || b.meshId === a.meshId || (!selected.has(a.env.name) && !selected.has(b.env.name))) return;
      add(
        a,
        `/mesh/multiCluster/remoteSecrets/${i}/cluster`,
        `cluster "${cluster}" (${place(b.env, b.clusterNameAt)}) is in mesh "${b.meshId}" (${place(b.env, '/mesh/multiCluster/meshId')}), not this environment's "${a.meshId}": clusters that read each other's remote secrets are one mesh and share one meshID`,
      );
    });
  }
  return out;
}
