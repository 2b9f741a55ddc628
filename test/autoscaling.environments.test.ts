// The shipped environments exercise every autoscaling path: dev on Karpenter v1 with KEDA on an Istio request rate,
// staging on Karpenter v1alpha5, edge on Cluster Autoscaler with CPU HPAs and a custom-metric HPA through the adapter.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { find, type K8sObject } from './support/render.js';
import { REPO } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';

const rendered = compile({ environmentsDir: join(REPO, 'environments'), only: ['dev', 'staging', 'edge'] });
const objectsOf = (env: string): K8sObject[] => rendered.find((e) => e.env === env)!.docs.map((d) => d.object as K8sObject);

describe('environments/', () => {
  it('dev: Karpenter v1 NodePool + EC2NodeClass, KEDA scaling web on istio_requests_total, to zero when idle', () => {
    const pool = objectsOf('dev').find((o) => o.kind === 'NodePool')!;
    expect(pool.apiVersion).toBe('karpenter.sh/v1');
    expect(find(objectsOf('dev'), 'EC2NodeClass', 'default').spec.subnetSelectorTerms).toEqual([{ tags: { 'karpenter.sh/discovery': 'shop-dev' } }]);
    const so = find(objectsOf('dev'), 'ScaledObject', 'web');
    expect(so.spec.triggers[0].type).toBe('prometheus');
    // reported where requests are sent: at zero pods the destination sidecar that would report them does not exist
    expect(so.spec.triggers[0].metadata.query).toMatch(/^sum\(rate\(istio_requests_total\{.*destination_service_name="web".*\}\[1m\]\)\)$/);
    expect(so.spec.triggers[0].metadata.query).toContain('reporter="source"');
    expect(so.spec).toMatchObject({ idleReplicaCount: 0, minReplicaCount: 1 });
    expect(find(objectsOf('dev'), 'Deployment', 'web').spec).not.toHaveProperty('replicas');
  });

  it('staging: Karpenter v1alpha5 Provisioner + AWSNodeTemplate, placeholders on its pool', () => {
    const objects = objectsOf('staging');
    expect(objects.some((o) => o.kind === 'NodePool' || o.kind === 'EC2NodeClass')).toBe(false);
    const p = find(objects, 'Provisioner', 'default');
    expect(p.apiVersion).toBe('karpenter.sh/v1alpha5');
    expect(p.spec.ttlSecondsAfterEmpty).toBe(30);
    expect(find(objects, 'AWSNodeTemplate', 'default').spec.instanceProfile).toBe('KarpenterNodeInstanceProfile-shop-staging');
    const op = find(objects, 'Deployment', 'overprovisioning').spec.template.spec;
    expect(op.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'karpenter.sh/provisioner-name', operator: 'In', values: ['default'] },
    ]);
  });

  it('edge: Cluster Autoscaler for Kubernetes 1.28, CPU HPAs, and a custom-metric HPA the adapter serves', () => {
    const objects = objectsOf('edge');
    expect(objects.some((o) => String(o.apiVersion).startsWith('karpenter.'))).toBe(false);
    const ca = find(objects, 'Deployment', 'cluster-autoscaler').spec.template.spec.containers[0];
    expect(ca.image).toBe('registry.k8s.io/autoscaling/cluster-autoscaler:v1.28.2');
    expect(ca.command).toContain('--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/shop-edge');
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(hpas.map((h) => h.metadata.name).sort()).toEqual(['orders', 'web']);
    for (const h of hpas)
      expect(h.spec.metrics).toContainEqual(expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }));
    const asked = find(objects, 'HorizontalPodAutoscaler', 'web').spec.metrics.find((m: any) => m.type === 'Pods').pods.metric.name;
    // edge is delivered by Argo CD: the adapter's Helm release carries the rules
    const rules = find(objects, 'Application', 'edge-prometheus-adapter').spec.source.helm.valuesObject.rules.custom;
    expect(rules.map((r: any) => r.name.as)).toEqual([asked]);
    expect(objects.some((o) => o.kind === 'ScaledObject')).toBe(false);
  });

  it('every rendered object passes validation', async () => {
    const report = await validateManifests(
      rendered.flatMap((e) => e.docs),
      { mirrors: mirrorDirs() },
    );
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});
