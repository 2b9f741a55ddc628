// CRD defaulting: kubernetes/kubernetes staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting
// algorithm_test.go (TestDefault), each case's structural schema written as the openAPIV3Schema it comes from.
import { describe, expect, it } from 'vitest';
import { applyDefaults, defaultsTree } from '../src/validate/crd-defaults.js';
import { validateManifests } from '../src/validate/index.js';
import { readManifestText } from '../src/validate/read-manifests.js';
import { mirrorDirs } from './support/mirror.js';

const d = (v: unknown) => ({ default: v });
const CASES: [name: string, json: string, schema: Record<string, unknown>, expected: string][] = [
  ['scalar', '4', d('foo'), '4'],
  ['scalar array', '[1,2]', { items: d('foo') }, '[1,2]'],
  [
    'object array',
    '[{"a":1},{"b":1},{"c":1}]',
    { items: { properties: { a: d('A'), b: d('B'), c: d('C') } } },
    '[{"a":1,"b":"B","c":"C"},{"a":"A","b":1,"c":"C"},{"a":"A","b":"B","c":1}]',
  ],
  [
    'object array object',
    '{"array":[{"a":1},{"b":2}],"object":{"a":1},"additionalProperties":{"x":{"a":1},"y":{"b":2}}}',
    {
      properties: {
        array: { items: { properties: { a: d('A'), b: d('B') } } },
        object: { properties: { a: d('N'), b: d('O') } },
        additionalProperties: { additionalProperties: { properties: { a: d('alpha'), b: d('beta') } } },
        foo: d('bar'),
      },
    },
    '{"array":[{"a":1,"b":"B"},{"a":"A","b":2}],"object":{"a":1,"b":"O"},"additionalProperties":{"x":{"a":1,"b":"beta"},"y":{"a":"alpha","b":2}},"foo":"bar"}',
  ],
  [
    'empty and null',
    '[{},{"a":1},{"a":0},{"a":0.0},{"a":""},{"a":null},{"a":[]},{"a":{}}]',
    { items: { properties: { a: d('A') } } },
    '[{"a":"A"},{"a":1},{"a":0},{"a":0.0},{"a":""},{"a":"A"},{"a":[]},{"a":{}}]',
  ],
  ['null in nullable list', '[null]', { nullable: true, items: { properties: { a: d('A') } } }, '[null]'],
  ['null in non-nullable list', '[null]', { items: d('A') }, '["A"]'],
  ['null in nullable object', '{"a": null}', { properties: { a: { nullable: true, default: 'A' } } }, '{"a": null}'],
  ['null in non-nullable object', '{"a": null}', { properties: { a: d('A') } }, '{"a": "A"}'],
  ['null in nullable object with additionalProperties', '{"a": null}', { additionalProperties: { nullable: true, default: 'A' } }, '{"a": null}'],
  ['null in non-nullable object with additionalProperties', '{"a": null}', { additionalProperties: d('A') }, '{"a": "A"}'],
  ['null unknown field', '{"a": null}', { additionalProperties: true }, '{"a": null}'],
];

describe('CRD defaults (apiextensions defaulting algorithm_test.go TestDefault)', () => {
  for (const [name, json, schema, expected] of CASES) {
    it(name, () => {
      const input = JSON.parse(json) as unknown;
      const before = structuredClone(input);
      const tree = defaultsTree(schema);
      expect(tree === undefined ? input : applyDefaults(input, tree)).toEqual(JSON.parse(expected));
      expect(input).toEqual(before);
    });
  }
  it('a default is itself defaulted, and a schema without defaults stores nothing', () => {
    const tree = defaultsTree({
      properties: { disruption: { default: { x: 1 }, properties: { budgets: { default: [{}], items: { properties: { nodes: d('10%') } } } } } },
    });
    expect(applyDefaults({}, tree!)).toEqual({ disruption: { x: 1, budgets: [{ nodes: '10%' }] } });
    expect(defaultsTree({ properties: { a: { type: 'string' } }, items: { type: 'object' } })).toBeUndefined();
  });
});

describe('CRD defaults through validate', () => {
  it('accepts a NodePool budget without nodes (the CRD defaults it to 10%), and still refuses a missing consolidateAfter', async () => {
    const pool = (disruption: string) => `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: default }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [spot] }]
  disruption: ${disruption}
`;
    const run = async (text: string) =>
      (await validateManifests(readManifestText(text, 'pool.yaml'), { mirrors: mirrorDirs() })).problems.map((p) => `${p.path} ${p.message}`);
    expect(await run(pool('{ consolidateAfter: 30s, budgets: [{ schedule: "0 9 * * mon-fri", duration: 8h }] }'))).toEqual([]);
    // the default of disruption ({consolidateAfter: 0s}) applies only when disruption is absent
    expect(await run(pool('{ budgets: [{ nodes: "1" }] }'))).toEqual(['/spec/disruption/consolidateAfter missing required field "consolidateAfter"']);
  }, 60_000);
});
