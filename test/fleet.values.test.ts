// A fleet (gitops.fleet) applies one environment to every cluster its ApplicationSets select: each cluster's own
// values (its name, its Karpenter role and queue, its Istio network) are read from its Argo CD cluster Secret, by the
// Go template of the Cluster generator, never shared; names stay valid whatever the cluster's name.
import { describe, expect, it } from 'vitest';
import { FLEET_VALUES } from '../src/config/fleet-values.js';
import { compile } from '../src/synth/compile.js';
import { validateManifests } from '../src/validate/index.js';
import { compileErrors } from './support/compile-errors.js';
import { envDir } from './support/env-dir.js';
import { mirrorDirs } from './support/mirror.js';
import { find, render, type K8sObject } from './support/render.js';

const FLEET = (more = '', nodes = KARPENTER) => `cluster: { name: shop, provider: eks }
mesh:
  enabled: true
  multiCluster: { meshId: shop-mesh, network: us }
${nodes}
apps:
  - { name: web, image: nginx }
gitops:
  engine: argocd
  repo: { url: https://github.com/example/deploy.git }
  fleet: { clusterSelector: { tier: edge } }
${more}`;
const KARPENTER = `nodes:
  provisioner: karpenter
  karpenter:
    nodeRole: KarpenterNodeRole
    discoveryTag: shop-fleet
    interruptionQueue: shop-karpenter
    controllerRoleArn: "arn:aws:iam::123456789012:role/karpenter"
    pools: [{ name: default, instanceCategories: [c, m] }]`;

/** The template of the ApplicationSet that installs `release` on every cluster of the fleet. */
const template = (objects: K8sObject[], release: string): K8sObject => find(objects, 'ApplicationSet', `dev-${release}`).spec.template;
const valuesOf = (objects: K8sObject[], release: string): K8sObject => template(objects, release).spec.source.helm.valuesObject;

/** What Argo CD's Go template reads for a value: `index .metadata.<labels|annotations> "<key>"`, failing when absent. */
const read = (id: keyof typeof FLEET_VALUES) => {
  const v = FLEET_VALUES[id];
  return expect.stringContaining(`index .metadata.${v.from === 'label' ? 'labels' : 'annotations'} "${v.key}"`);
};

describe('gitops.fleet: per-cluster values from the cluster Secret', () => {
  const objects = render({ dev: FLEET() });

  it("reads Karpenter's cluster name, interruption queue and IRSA role from the Secret's annotations", () => {
    const v = valuesOf(objects, 'karpenter');
    expect(v.settings).toEqual({ clusterName: read('clusterName'), interruptionQueue: read('interruptionQueue') });
    expect(v.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toEqual(read('karpenterRoleArn'));
  });

  it("reads istiod's clusterName and network, and the east-west gateway's network, keeping meshID and trust domain", () => {
    const istiod = valuesOf(objects, 'istiod');
    expect(istiod.global).toEqual({ meshID: 'shop-mesh', network: read('network'), multiCluster: { clusterName: read('clusterName') } });
    expect(istiod.meshConfig).toEqual({ trustDomain: 'cluster.local' });
    const ew = valuesOf(objects, 'istio-eastwestgateway');
    expect(ew.labels['topology.istio.io/network']).toEqual(read('network'));
    expect(ew.env.ISTIO_META_REQUESTED_NETWORK_VIEW).toEqual(read('network'));
  });

  it('labels istio-system with each cluster’s network as Argo CD creates it, not in the folder every cluster shares', () => {
    expect(template(objects, 'istiod').spec.syncPolicy.managedNamespaceMetadata).toEqual({
      labels: { 'topology.istio.io/network': read('network') },
    });
    expect(objects.some((o) => o.kind === 'Namespace' && o.metadata.name === 'istio-system')).toBe(false);
  });

  it('fails the generation of a cluster whose Secret lacks a value, instead of rendering it empty (sprig fail)', () => {
    expect(valuesOf(objects, 'karpenter').settings.clusterName).toBe(
      '{{ $v := index .metadata.annotations "elastic-gitops.dev/cluster-name" }}{{ if eq $v "" }}{{ fail "cluster secret annotation elastic-gitops.dev/cluster-name is not set" }}{{ end }}{{ $v }}',
    );
  });

  it("names the generated Applications by the cluster's nameNormalized, so an EKS ARN still gives a valid name", () => {
    for (const set of objects.filter((o) => o.kind === 'ApplicationSet'))
      expect(set.spec.template.metadata.name).toMatch(/^dev-\{\{\.nameNormalized\}\}-[a-z0-9-]+$/);
  });

  it('is valid against the ApplicationSet CRD and every rule', async () => {
    const [fleet] = compile({ environmentsDir: envDir({ dev: FLEET() }).dir });
    const report = await validateManifests(fleet!.docs, { mirrors: mirrorDirs() });
    // but the known, open race of a fleet's custom resources with its operators (test/gitops.argocd.test.ts)
    const errors = report.problems.filter(
      (p) => p.severity === 'error' && !(p.rule === 'converges' && p.message.includes('once it has generated its Applications')),
    );
    expect(errors).toEqual([]);
  });

  it('renders the values of a single cluster as they are', () => {
    const single = render({ dev: FLEET().replace('  fleet: { clusterSelector: { tier: edge } }\n', '') });
    const v = find(single, 'Application', 'dev-karpenter').spec.source.helm.valuesObject;
    expect(v.settings).toEqual({ clusterName: 'shop', interruptionQueue: 'shop-karpenter' });
    expect(find(single, 'Namespace', 'istio-system').metadata.labels).toEqual({ 'topology.istio.io/network': 'us' });
  });
});

describe('gitops.fleet: a per-cluster value rendered into the shared folder is an error', () => {
  it("rejects Karpenter's default discovery tag, the cluster name", () => {
    expect(compileErrors({ dev: FLEET('', KARPENTER.replace('    discoveryTag: shop-fleet\n', '')) }).lines).toEqual([
      `environments/dev.yaml:1:18 cluster.name: "shop" is Karpenter's discovery tag by default (karpenter.sh/discovery on the EC2NodeClass's subnets, security groups and instances, in the folder): set nodes.karpenter.discoveryTag to a tag the fleet's clusters share, which every cluster of the fleet shares: a fleet cannot template it (gitops.fleet: each cluster's own values come from its Argo CD cluster Secret)`,
    ]);
  });

  it("rejects Cluster Autoscaler's default auto-discovery tag and its IRSA role, and accepts explicit tags", () => {
    const ca = (more: string) => `nodes:\n  provisioner: cluster-autoscaler\n  clusterAutoscaler:\n${more}`;
    const { lines } = compileErrors({ dev: FLEET('', ca('    controllerRoleArn: "arn:aws:iam::123456789012:role/ca"')) });
    expect(lines.map((l) => l.replace(/ \(in the folder\).*| \(its Deployment.*/, ''))).toEqual([
      `environments/dev.yaml:1:18 cluster.name: "shop" is in Cluster Autoscaler's default auto-discovery tag k8s.io/cluster-autoscaler/shop`,
      `environments/dev.yaml:8:24 nodes.clusterAutoscaler.controllerRoleArn: "arn:aws:iam::123456789012:role/ca" annotates the cluster-autoscaler ServiceAccount`,
    ]);
    expect(
      render({ dev: FLEET('', ca('    autoDiscoveryTags: [k8s.io/cluster-autoscaler/enabled]')) }).some((o) => o.kind === 'ApplicationSet'),
    ).toBe(true);
  });

  it("rejects remote secrets: each cluster reads the others'", () => {
    const { lines } = compileErrors({ dev: FLEET().replace('network: us }', 'network: us, remoteSecrets: [{ cluster: ap }] }') });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^environments\/dev\.yaml:4:\d+ mesh\.multiCluster\.remoteSecrets: every cluster of a fleet applies the same folder/);
  });

  it('rejects a fleet on Flux: it is an Argo CD ApplicationSet', () => {
    expect(compileErrors({ dev: FLEET().replace('engine: argocd', 'engine: flux') }).lines).toEqual([
      'environments/dev.yaml:18:10 gitops.fleet: a fleet is an Argo CD ApplicationSet over the clusters\' Secrets: it needs engine "argocd", got "flux"',
    ]);
  });
});
