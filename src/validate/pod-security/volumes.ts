// Volumes: baseline forbids hostPath, restricted allows only the inline volume types that cannot reach the node.
// Mirrors policy/check_hostPathVolumes.go and policy/check_restrictedVolumes.go.
import { arr, isRecord } from '../../manifest/object-index.js';
import { joinQuote, pluralize, sortedSet, type Check } from './check.js';

interface VolumeView {
  readonly name: string;
  readonly volume: Record<string, any>;
  readonly path: string;
}

function volumes(spec: Record<string, any>): VolumeView[] {
  return arr(spec.volumes).flatMap((v, i) =>
    isRecord(v) ? [{ name: typeof v.name === 'string' ? v.name : '', volume: v, path: `/spec/volumes/${i}` }] : [],
  );
}

/** A volume source that is set (a Go pointer that is not nil). */
function has(v: Record<string, any>, source: string): boolean {
  return v[source] !== undefined && v[source] !== null;
}

/** `hostPathVolumes` (1.0+): spec.volumes[*].hostPath must be unset. */
export const hostPathVolumes: Check = {
  id: 'hostPathVolumes',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod({ spec }) {
        const bad = volumes(spec).filter((v) => has(v.volume, 'hostPath'));
        if (bad.length === 0) return undefined;
        return {
          reason: 'hostPath volumes',
          detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map((v) => v.name))}`,
          path: `${bad[0]!.path}/hostPath`,
        };
      },
    },
  ],
};

/** Volume sources restricted allows. */
const ALLOWED = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** The other sources, in upstream's order (the first one set names the volume's type). */
const RESTRICTED = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

/** `restrictedVolumes` (1.0+, replaces hostPathVolumes): only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret. */
export const restrictedVolumes: Check = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [
    {
      minimumVersion: 0,
      overrides: ['hostPathVolumes'],
      checkPod({ spec }) {
        const bad: { v: VolumeView; type: string }[] = [];
        for (const v of volumes(spec)) {
          if (ALLOWED.some((s) => has(v.volume, s))) continue;
          // a volume that names no source is an emptyDir (the API server's defaulting, SetDefaults_Volume)
          const type = RESTRICTED.find((s) => has(v.volume, s));
          if (type) bad.push({ v, type });
        }
        if (bad.length === 0) return undefined;
        const types = sortedSet(bad.map((b) => b.type));
        return {
          reason: 'restricted volume types',
          detail:
            `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad.map((b) => b.v.name))} ${pluralize('uses', 'use', bad.length)} ` +
            `${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
          path: `${bad[0]!.v.path}/${bad[0]!.type}`,
        };
      },
    },
  ],
};
