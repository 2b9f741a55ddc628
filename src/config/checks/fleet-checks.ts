// A fleet (`gitops.fleet`) applies one folder to every cluster it selects: a value that differs per cluster must come
// from the cluster's Argo CD Secret (charts/gitops/fleet-values.ts), and one rendered into the folder cannot.
import type { Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';

/** Checks that no per-cluster value of a fleet is rendered into the folder its clusters share. */
export function checkFleet(env: Environment, out: DiagnosticList): void {
  const g = env.gitops;
  if (!g?.fleet) return;
  if (g.engine !== 'argocd') {
    out.add('/gitops/fleet', `a fleet is an Argo CD ApplicationSet over the clusters' Secrets: it needs engine "argocd", got "${g.engine}"`);
    return;
  }
  const shared = (pointer: string, what: string) =>
    out.add(
      pointer,
      `${what}, which every cluster of the fleet shares: a fleet cannot template it (gitops.fleet: each cluster's own values come from its Argo CD cluster Secret)`,
    );
  const { nodes } = env;
  if (nodes.provisioner === 'karpenter' && nodes.karpenter && nodes.karpenter.discoveryTag === undefined) {
    shared(
      '/cluster/name',
      `"${env.cluster.name}" is Karpenter's discovery tag by default (karpenter.sh/discovery on the EC2NodeClass's subnets, security groups and instances, in the folder): set nodes.karpenter.discoveryTag to a tag the fleet's clusters share`,
    );
  }
  const ca = nodes.provisioner === 'cluster-autoscaler' ? nodes.clusterAutoscaler : undefined;
  if (ca && ca.autoDiscoveryTags === undefined) {
    shared(
      '/cluster/name',
      `"${env.cluster.name}" is in Cluster Autoscaler's default auto-discovery tag k8s.io/cluster-autoscaler/${env.cluster.name} (its Deployment, in the folder): set nodes.clusterAutoscaler.autoDiscoveryTags`,
    );
  }
  if (ca?.controllerRoleArn) {
    shared('/nodes/clusterAutoscaler/controllerRoleArn', `"${ca.controllerRoleArn}" annotates the cluster-autoscaler ServiceAccount (in the folder)`);
  }
}
