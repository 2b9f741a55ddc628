// Environments whose operators could not run as configured, rejected before rendering with the field and value.
import { describe, expect, it } from 'vitest';
import { errorsOf } from './support/compile-errors.js';
import { render } from './support/rendered.js';

const GITOPS = 'gitops: { engine: argocd, repo: { url: https://github.com/example/deploy.git } }\n';
const karpenter = (o: { api?: 'v1' | 'v1alpha5'; version?: string; identity?: string; extra?: string } = {}) => {
  const api = o.api ?? 'v1';
  return `cluster: { name: shop, provider: eks${o.version ? `, kubernetesVersion: "${o.version}"` : ''} }
nodes:
  provisioner: karpenter
  karpenter:
    api: ${api}
    ${api === 'v1' ? 'nodeRole: NodeRole' : 'instanceProfile: NodeProfile'}
${o.identity ?? '    controllerRoleArn: "arn:aws:iam::123456789012:role/karpenter"\n'}    pools: [{ name: default }]
${o.extra ?? ''}${GITOPS}`;
};

describe('operators: the Kubernetes range they support', () => {
  it('rejects Kubernetes 1.29 for Karpenter v0.31.5 (v1alpha5), naming both', () => {
    expect(errorsOf(karpenter({ api: 'v1alpha5', version: '1.29' }))).toEqual([
      "environments/dev.yaml:1:58 cluster.kubernetesVersion: cluster.kubernetesVersion (1.29) is outside Karpenter v0.31.5's supported range 1.23–1.28",
    ]);
    expect(render({ dev: karpenter({ api: 'v1alpha5', version: '1.28' }) }).get('Application', 'dev-karpenter').spec.source.targetRevision).toBe(
      'v0.31.5',
    );
  });

  it('rejects Kubernetes 1.29 for Karpenter v1.14.1, and accepts its default 1.30', () => {
    expect(errorsOf(karpenter({ version: '1.29' }))).toEqual([
      "environments/dev.yaml:1:58 cluster.kubernetesVersion: cluster.kubernetesVersion (1.29) is outside Karpenter 1.14.1's supported range 1.30–1.36",
    ]);
    expect(render({ dev: karpenter() }).get('Application', 'dev-karpenter').spec.source.targetRevision).toBe('1.14.1');
  });
});

describe('operators: one range per pinned chart, from operator-installs.ts', () => {
  it('rejects Kubernetes 1.26 for Istio 1.30.3 (supported 1.32 - 1.36, tested 1.27 - 1.31), naming both', () => {
    expect(errorsOf(`cluster: { name: shop, kubernetesVersion: "1.26" }\nmesh: { enabled: true }\n${GITOPS}`)).toEqual([
      "environments/dev.yaml:1:43 cluster.kubernetesVersion: cluster.kubernetesVersion (1.26) is outside Istio base, Istio CNI, istiod, Istio gateway 1.30.3's supported range 1.27–1.36",
    ]);
    expect(
      render({ dev: `cluster: { name: shop, kubernetesVersion: "1.27" }\nmesh: { enabled: true }\n${GITOPS}` }).get('Application', 'dev-istiod'),
    ).toBeDefined();
  });
});

describe("Karpenter: the controller's AWS identity is required", () => {
  it('rejects a Karpenter installed by the GitOps engine without IRSA role or Pod Identity', () => {
    expect(errorsOf(karpenter({ identity: '' }))).toEqual([
      "environments/dev.yaml:5:5 nodes.karpenter: needs the Karpenter controller's AWS identity: controllerRoleArn (IRSA role, e.g. arn:aws:iam::<account>:role/KarpenterControllerRole-<cluster>) or podIdentity: true (an EKS Pod Identity association)",
    ]);
  });

  it('rejects both, and accepts EKS Pod Identity alone (no annotation)', () => {
    expect(errorsOf(karpenter({ identity: '    controllerRoleArn: "arn:aws:iam::123456789012:role/karpenter"\n    podIdentity: true\n' }))).toEqual([
      'environments/dev.yaml:8:18 nodes.karpenter.podIdentity: set controllerRoleArn ("arn:aws:iam::123456789012:role/karpenter") or podIdentity, not both: the controller has one AWS identity',
    ]);
    const values = render({ dev: karpenter({ identity: '    podIdentity: true\n' }) }).get('Application', 'dev-karpenter').spec.source.helm
      .valuesObject;
    expect(values.serviceAccount).toEqual({});
  });
});

describe('Cluster Autoscaler and Karpenter on one cluster', () => {
  const both = (replicas: string) =>
    karpenter({ api: 'v1alpha5', version: '1.28', extra: '' }).replace(
      '  provisioner: karpenter\n',
      `  provisioner: cluster-autoscaler\n  clusterAutoscaler: {${replicas} }\n`,
    );

  it('rejects both scaling nodes for the same pending pods', () => {
    expect(errorsOf(both(''))).toEqual([
      "environments/dev.yaml:4:22 nodes.clusterAutoscaler.replicas: Cluster Autoscaler (replicas 1) and Karpenter (nodes.karpenter) would both add nodes for the same pending pods: set nodes.clusterAutoscaler.replicas: 0 while Karpenter takes over (Karpenter's migration guide; seed 001 scales it to zero), or remove nodes.karpenter",
    ]);
  });

  it('accepts Cluster Autoscaler scaled to zero (seed 001)', () => {
    expect(render({ dev: both(' replicas: 0') }).get('Deployment', 'cluster-autoscaler').spec.replicas).toBe(0);
  });
});
