// Overprovisioning placeholders sized from the environment and placed on the Karpenter pools they keep warm.
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { envDir } from './support/env-dir.js';
import { find, type K8sObject } from './support/render.js';
import { mirrorDirs } from './support/mirror.js';

const env = (
  api: 'v1' | 'v1alpha5',
  pools: string,
) => `cluster: { name: shop, provider: eks${api === 'v1alpha5' ? ', kubernetesVersion: "1.28"' : ''} }
nodes:
  provisioner: karpenter
  karpenter:
    api: ${api}
    ${api === 'v1' ? 'nodeRole: NodeRole' : 'instanceProfile: NodeProfile'}
    pools:
      - name: on-demand
        instanceCategories: [c, m]
        limits: { cpu: "100", memory: 400Gi }
      - name: spot
        capacityTypes: [spot]
        instanceCategories: [c, m]
        limits: { cpu: "100", memory: 400Gi }
        taints: [{ key: spot, value: "true", effect: NoSchedule }, { key: interruptible, effect: NoExecute }]
overprovisioning:
  enabled: true
  replicas: 3
  cpu: "2"
  memory: 4Gi
  priorityValue: -5
${pools}`;

const out = compile({
  environmentsDir: envDir({ v1: env('v1', '  pools: [spot]\n'), v1alpha5: env('v1alpha5', '  pools: [on-demand, spot]\n'), anywhere: env('v1', '') })
    .dir,
});
const objectsOf = (name: string): K8sObject[] => out.find((e) => e.env === name)!.docs.map((d) => d.object as K8sObject);
const placeholders = (name: string) => find(objectsOf(name), 'Deployment', 'overprovisioning');

describe('overprovisioning', () => {
  it('holds replicas × cpu/memory in pause pods at a negative, never-preempting priority', () => {
    const d = placeholders('v1');
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    expect(d.spec.template.spec.priorityClassName).toBe('overprovisioning');
    expect(find(objectsOf('v1'), 'PriorityClass', 'overprovisioning')).toMatchObject({ value: -5, preemptionPolicy: 'Never', globalDefault: false });
  });

  it('places the placeholders on the named v1 pools by the karpenter.sh/nodepool label, tolerating their taints', () => {
    const spec = placeholders('v1').spec.template.spec;
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'karpenter.sh/nodepool', operator: 'In', values: ['spot'] }] },
    ]);
    expect(spec.tolerations).toEqual([
      { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      { key: 'interruptible', operator: 'Exists', effect: 'NoExecute' },
    ]);
  });

  it('uses the v1alpha5 pool label karpenter.sh/provisioner-name', () => {
    const spec = placeholders('v1alpha5').spec.template.spec;
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'karpenter.sh/provisioner-name', operator: 'In', values: ['on-demand', 'spot'] },
    ]);
  });

  it('lands anywhere when no pools are named', () => {
    const spec = placeholders('anywhere').spec.template.spec;
    expect(spec).not.toHaveProperty('affinity');
    expect(spec).not.toHaveProperty('tolerations');
  });

  it('passes validation, including the capacity rules (the placeholders fit the pools they are placed on)', async () => {
    const report = await validateManifests(
      out.flatMap((e) => e.docs),
      { mirrors: mirrorDirs() },
    );
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
