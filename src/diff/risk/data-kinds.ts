// Kinds whose deletion loses what the rendered YAML cannot bring back: a delete (or a rename, which is a delete and a
// create) of one of them is destructive.
//
// Not in the list: Secret and ConfigMap. Their whole content is in the rendered output (this compiler renders no Secret
// values; a Secret it rendered would be in git too), so a deleted one is restored by reverting the change: it breaks
// the pods that mount it (a plain, visible failure), but loses nothing.

/** `group/Kind` → what its deletion loses. */
const DATA_KINDS: ReadonlyMap<string, string> = new Map([
  [
    'core/Namespace',
    'deleting a Namespace deletes every object in it (and with Argo CD prune or Flux garbage collection, that is what the sync does)',
  ],
  [
    'core/PersistentVolumeClaim',
    'deleting a PersistentVolumeClaim deletes its volume and data (reclaimPolicy Delete, the default of dynamic provisioning)',
  ],
  ['core/PersistentVolume', 'deleting a PersistentVolume releases the volume (reclaimPolicy Delete deletes the disk)'],
  ['apps/StatefulSet', 'deleting a StatefulSet stops its pods, and with persistentVolumeClaimRetentionPolicy.whenDeleted Delete, their volumes'],
  ['apiextensions.k8s.io/CustomResourceDefinition', 'deleting a CustomResourceDefinition deletes every custom resource of that kind in the cluster'],
]);

/** What deleting an object of `groupKind` loses; undefined when the kind holds no data. */
export function dataLoss(groupKind: string): string | undefined {
  return DATA_KINDS.get(groupKind);
}
