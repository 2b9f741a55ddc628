// Karmada placement mistakes, reported at file:line with the field: clusters Karmada does not know, overrides of
// clusters not placed, and per-cluster settings that contradict how the placed app is autoscaled.
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { errorsOf } from './support/compile-errors.js';
import { envDir } from './support/env-dir.js';

const KARMADA = 'cluster: { name: t }\nmulticluster:\n  karmada: true\n  clusters: [us-east, eu-west]\n';

/** An app placed on both members, autoscaled by `engine`, with `overrides` (YAML flow items, one per line). */
const placed = (engine: 'hpa' | 'keda' | 'none', ...overrides: string[]) =>
  `${KARMADA}apps:
  - name: web
    image: nginx:1.27
    resources: { requests: { cpu: 100m } }
    autoscaling: ${
      engine === 'none'
        ? '{ engine: none }'
        : engine === 'hpa'
          ? '{ engine: hpa, minReplicas: 2, maxReplicas: 10, triggers: [{ type: cpu, utilization: 60 }] }'
          : '{ engine: keda, minReplicas: 1, maxReplicas: 10, triggers: [{ type: prometheus, query: "sum(rate(x[1m]))", threshold: 5 }] }'
    }
    placement:
      clusters: [{ name: us-east }, { name: eu-west }]
      overrides:
${overrides.map((o) => `        - ${o}\n`).join('')}`;

/** Compiles without error (the passing case of each rule). */
function compiles(text: string): void {
  const { dir } = envDir({ dev: text });
  expect(compile({ environmentsDir: dir, only: ['dev'] })).toHaveLength(1);
}

describe('placements name only multicluster.clusters, once each', () => {
  it('rejects a cluster Karmada does not know, suggesting a near name', () => {
    expect(errorsOf(`${KARMADA}  placement: { clusters: [{ name: us-esat }] }\n`)).toEqual([
      'environments/dev.yaml:5:35 multicluster.placement.clusters[0].name: cluster "us-esat" is not in multicluster.clusters (did you mean "us-east"?); known: us-east, eu-west',
    ]);
    expect(errorsOf(`${KARMADA}  placement: { clusters: [{ name: ap }] }\n`)).toEqual([
      'environments/dev.yaml:5:35 multicluster.placement.clusters[0].name: cluster "ap" is not in multicluster.clusters; known: us-east, eu-west',
    ]);
  });

  it('rejects naming a cluster when multicluster.clusters lists none', () => {
    expect(
      errorsOf(
        'cluster: { name: t }\nmulticluster: { karmada: true }\napps:\n  - name: web\n    image: nginx\n    placement: { clusters: [{ name: us }] }\n',
      ),
    ).toEqual([
      'environments/dev.yaml:6:37 apps[0].placement.clusters[0].name: cluster "us" is not in multicluster.clusters, which is empty: list the member clusters registered with Karmada',
    ]);
  });

  it('rejects a duplicate cluster, an override of a cluster not placed, and placement without karmada', () => {
    expect(errorsOf(placed('none', '{ cluster: ap, image: nginx:1.28 }').replace('{ name: eu-west }]', '{ name: us-east }]'))).toEqual([
      'environments/dev.yaml:11:45 apps[0].placement.clusters[1].name: duplicate cluster "us-east"',
      'environments/dev.yaml:13:22 apps[0].placement.overrides[0].cluster: cluster "ap" is not one of placement.clusters (us-east)',
    ]);
    expect(errorsOf('cluster: { name: t }\napps:\n  - name: web\n    image: nginx\n    placement: { clusters: [{ name: us }] }\n')[0]).toBe(
      'environments/dev.yaml:5:16 apps[0].placement: placement renders Karmada policies: set multicluster.karmada: true',
    );
  });

  it('accepts the registered members, each once', () => {
    compiles(placed('none', '{ cluster: eu-west, image: nginx:1.28, replicas: 3 }'));
  });
});

describe('a placed, autoscaled app: per-cluster settings must agree with its autoscaling', () => {
  it('rejects per-cluster replicas of an hpa app, naming the override and autoscaling.engine (one FederatedHPA scales all clusters)', () => {
    expect(errorsOf(placed('hpa', '{ cluster: eu-west, replicas: 2 }'))).toEqual([
      'environments/dev.yaml:13:41 apps[0].placement.overrides[0].replicas: replicas (2) for cluster "eu-west" contradicts apps[0].autoscaling.engine "hpa": its FederatedHPA scales the replicas of all clusters together; drop the override',
    ]);
  });

  it('rejects per-cluster replicas of a keda app (KEDA scales each member), pointing at per-cluster bounds', () => {
    expect(errorsOf(placed('keda', '{ cluster: eu-west, replicas: 2 }'))).toEqual([
      'environments/dev.yaml:13:41 apps[0].placement.overrides[0].replicas: replicas (2) for cluster "eu-west" contradicts apps[0].autoscaling.engine "keda": KEDA scales each cluster\'s replicas; drop the override or bound that cluster with minReplicas/maxReplicas',
    ]);
  });

  it('rejects per-cluster bounds of an hpa app: the FederatedHPA bounds the total', () => {
    expect(errorsOf(placed('hpa', '{ cluster: eu-west, maxReplicas: 4 }'))).toEqual([
      'environments/dev.yaml:13:44 apps[0].placement.overrides[0].maxReplicas: maxReplicas (4) for cluster "eu-west" contradicts apps[0].autoscaling.engine "hpa": its FederatedHPA bounds the total over all clusters (apps[0].autoscaling.maxReplicas 10); per-cluster bounds need engine "keda", which scales each member on its own',
    ]);
  });

  it('rejects per-cluster bounds of an app that is not autoscaled', () => {
    expect(errorsOf(placed('none', '{ cluster: eu-west, minReplicas: 1 }'))).toEqual([
      'environments/dev.yaml:13:44 apps[0].placement.overrides[0].minReplicas: minReplicas (1) for cluster "eu-west" contradicts apps[0].autoscaling.engine "none": the app is not autoscaled; per-cluster bounds need engine "keda"',
    ]);
  });

  it("rejects keda bounds that invert in one cluster (KEDA's webhook: minReplicaCount <= maxReplicaCount)", () => {
    expect(errorsOf(placed('keda', '{ cluster: eu-west, minReplicas: 12 }'))).toEqual([
      'environments/dev.yaml:13:44 apps[0].placement.overrides[0].minReplicas: maxReplicas (10) must be >= minReplicas (12) in cluster "eu-west"',
    ]);
  });

  it('rejects an override that changes nothing', () => {
    expect(errorsOf(placed('keda', '{ cluster: eu-west }'))).toEqual([
      'environments/dev.yaml:13:11 apps[0].placement.overrides[0]: an override needs image, replicas, minReplicas or maxReplicas',
    ]);
  });

  it('accepts per-cluster bounds of a keda app and per-cluster images of an hpa app', () => {
    compiles(placed('keda', '{ cluster: eu-west, minReplicas: 2, maxReplicas: 4 }'));
    compiles(placed('hpa', '{ cluster: eu-west, image: registry.eu.example.com/nginx:1.27 }'));
  });
});
