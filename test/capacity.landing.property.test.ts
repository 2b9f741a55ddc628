// The pool index the capacity rules, `plan` and the apply order use (PoolLanding) answers exactly what matching every
// pod against every pool answers: for any pools and any pods, the same pools in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodePools } from '../src/capacity/node-pools.js';
import { PoolLanding, podCanLand } from '../src/capacity/placement.js';
import { ObjectIndex } from '../src/manifest/object-index.js';

// few keys and values, so pods and pools often meet; instance keys too, and a beta alias that normalizes
const KEYS = [
  'team',
  'tier',
  'karpenter.sh/capacity-type',
  'karpenter.k8s.aws/instance-category',
  'beta.kubernetes.io/arch',
  'karpenter.sh/nodepool',
];
const VALUES = ['a', 'b', 'c', 'm', 'spot', 'on-demand', 'amd64', 'arm64', 'pool-0', 'pool-1', '7'];
const key = fc.constantFrom(...KEYS);
const value = fc.constantFrom(...VALUES);
const requirement = fc.record({
  key,
  operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'),
  values: fc.array(value, { maxLength: 3 }),
});
const taint = fc.record({
  key: fc.constantFrom('team', 'gpu'),
  value: fc.option(value, { nil: undefined }),
  effect: fc.constantFrom('NoSchedule', 'NoExecute', 'PreferNoSchedule'),
});
const pool = (i: number) =>
  fc.record({
    apiVersion: fc.constant('karpenter.sh/v1'),
    kind: fc.constant('NodePool'),
    metadata: fc.constant({ name: `pool-${i}` }),
    spec: fc.record({
      template: fc.record({
        metadata: fc.record({ labels: fc.dictionary(key, value, { maxKeys: 2 }) }),
        spec: fc.record({ requirements: fc.array(requirement, { maxLength: 3 }), taints: fc.array(taint, { maxLength: 2 }) }),
      }),
    }),
  });
const pools = fc.integer({ min: 0, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => pool(i))));
const podSpec = fc.record(
  {
    nodeSelector: fc.dictionary(key, fc.oneof(value, fc.integer({ min: 0, max: 9 })), { maxKeys: 2 }),
    tolerations: fc.array(
      fc.record(
        {
          key: fc.constantFrom('team', 'gpu'),
          operator: fc.constantFrom('Equal', 'Exists'),
          value,
          effect: fc.constantFrom('NoSchedule', 'NoExecute'),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
    affinity: fc.record({
      nodeAffinity: fc.record({
        requiredDuringSchedulingIgnoredDuringExecution: fc.record({
          nodeSelectorTerms: fc.array(fc.record({ matchExpressions: fc.array(requirement, { maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
        }),
      }),
    }),
  },
  { requiredKeys: [] },
);

describe('PoolLanding', () => {
  it('lands every pod on the pools podCanLand accepts, in pool order, for any pools and pods', () => {
    fc.assert(
      fc.property(pools, fc.array(podSpec, { maxLength: 12 }), (manifests, specs) => {
        const all = nodePools(new ObjectIndex(manifests.map((object, i) => ({ object, file: 'pools.yaml', line: i + 1 }))));
        const landing = new PoolLanding(all);
        // each spec three times: the same object again, then an equal copy (answered from the memo)
        for (const spec of [...specs, ...specs, ...specs.map((s) => structuredClone(s))]) {
          expect(landing.poolsFor(spec).map((p) => p.resource.name)).toEqual(all.filter((p) => podCanLand(p, spec)).map((p) => p.resource.name));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('tells apart specs that differ only in a value type (1 and "1", no selector and an empty one)', () => {
    const all = nodePools(
      new ObjectIndex([
        {
          object: {
            apiVersion: 'karpenter.sh/v1',
            kind: 'NodePool',
            metadata: { name: 'one' },
            spec: { template: { metadata: { labels: { tier: '1' } } } },
          },
          file: 'p.yaml',
          line: 1,
        },
      ]),
    );
    const landing = new PoolLanding(all);
    expect(landing.poolsFor({ nodeSelector: { tier: '1' } })).toHaveLength(1);
    expect(landing.poolsFor({ nodeSelector: { tier: 1 } })).toHaveLength(1); // String(1) matches, as podCanLand reads it
    expect(landing.poolsFor({ nodeSelector: { tier: '2' } })).toHaveLength(0);
    expect(landing.poolsFor({ tolerations: [{ key: 'x', operator: 'Exists' }] })).toHaveLength(1);
  });
});
