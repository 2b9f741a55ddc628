// The one check across environments: the clusters of one multi-cluster Istio mesh are described by several
// environment files, which must agree. Read from the merged files (before the per-environment check, so that every
// environment takes part, also those a run takes from the synth cache or does not select). Each environment leaves
// only its membership (MeshMember), so that the check does not hold every merged environment at once.
import type { Diagnostic } from '../diagnostic.js';
import type { MergedEnvironment } from '../load.js';
import { DEFAULT_TRUST_DOMAIN, meshClusterName } from '../mesh-cluster.js';
import { displayPath, originOf } from '../source-map.js';

/** One environment's membership, with the pointers of the fields it comes from. */
export interface MeshMember {
  /** The environment, without its value: its name, file and where its values came from (the errors' positions). */
  readonly env: Pick<MergedEnvironment, 'name' | 'file' | 'origins'>;
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

/** The environment's membership of a multi-cluster mesh (it sets mesh.multiCluster.meshId), or undefined. */
export function meshMember(env: MergedEnvironment): MeshMember | undefined {
  const mc = record(record(env.value.mesh).multiCluster);
  const meshId = str(mc.meshId);
  if (meshId === undefined) return undefined;
  const own = str(mc.clusterName);
  const remotes = Array.isArray(mc.remoteSecrets) ? mc.remoteSecrets.map((r) => str(record(r).cluster) ?? '') : [];
  return {
    env: { name: env.name, file: env.file, origins: env.origins },
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
function place(env: MeshMember['env'], pointer: string): string {
  const o = originOf(env.origins, pointer);
  return `${o ? `${o.file}:${o.line}:${o.col}` : env.file} ${displayPath(pointer)}`;
}

/**
 * Environments of one mesh (the same meshID, or one naming the other's cluster in remoteSecrets) share meshID and
 * trust domain, and each has its own cluster name: istiod identifies a cluster's endpoints by global.multiCluster.
 * clusterName, and workloads of one mesh trust each other's SPIFFE identities only within one trust domain (Istio's
 * multi-primary multi-network install: the same meshID, one root CA, a clusterName and network per cluster). Each
 * member is compared with the first of its mesh (in file order) that it differs from or repeats, and reported only
 * when one of the two is in `selected`; linear in the number of environments.
 */
export function checkMeshPeers(members: readonly MeshMember[], selected: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (m: MeshMember, other: MeshMember, pointer: string, message: string) => {
    if (!selected.has(m.env.name) && !selected.has(other.env.name)) return;
    out.push({ origin: originOf(m.env.origins, pointer) ?? { file: m.env.file, line: 1, col: 1 }, pointer, message });
  };
  const firstOfMesh = new Map<string, MeshMember>();
  const named = new Map<string, MeshMember>();
  for (const b of members) {
    const a = firstOfMesh.get(b.meshId);
    if (!a) firstOfMesh.set(b.meshId, b);
    else if (a.trustDomain !== b.trustDomain) {
      add(
        b,
        a,
        '/mesh/multiCluster/trustDomain',
        `trust domain "${b.trustDomain}" differs from "${a.trustDomain}" (${place(a.env, '/mesh/multiCluster/trustDomain')}) in the same mesh "${b.meshId}": the clusters of one mesh share one trust domain`,
      );
    }
    if (b.clusterName === undefined) continue;
    const key = `${b.meshId}\n${b.clusterName}`;
    const same = named.get(key);
    if (!same) named.set(key, b);
    else {
      add(
        b,
        same,
        b.clusterNameAt,
        `cluster name "${b.clusterName}" is also that of ${place(same.env, same.clusterNameAt)} in the same mesh "${b.meshId}": every cluster of a mesh needs its own istiod global.multiCluster.clusterName (set mesh.multiCluster.clusterName)`,
      );
    }
  }
  const byCluster = new Map<string, MeshMember>();
  for (const m of members) if (m.clusterName !== undefined && !byCluster.has(m.clusterName)) byCluster.set(m.clusterName, m);
  for (const a of members) {
    a.remotes.forEach((cluster, i) => {
      // a cluster of that name in the same mesh is the one meant
      const b = named.has(`${a.meshId}\n${cluster}`) ? undefined : byCluster.get(cluster);
      if (!b || b === a) return;
      add(
        a,
        b,
        `/mesh/multiCluster/remoteSecrets/${i}/cluster`,
        `cluster "${cluster}" (${place(b.env, b.clusterNameAt)}) is in mesh "${b.meshId}" (${place(b.env, '/mesh/multiCluster/meshId')}), not this environment's "${a.meshId}": clusters that read each other's remote secrets are one mesh and share one meshID`,
      );
    });
  }
  return out;
}
