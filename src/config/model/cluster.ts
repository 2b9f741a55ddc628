import { Type } from '@sinclair/typebox';
import { Name, Obj, Opt } from './common.js';

/** The cluster an environment renders for. */
export const ClusterSchema = Obj(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'cluster name (EKS cluster name, kube context, ...; EKS allows at most 100 characters)',
    }),
    provider: Type.Union(
      [Type.Literal('eks'), Type.Literal('lke'), Type.Literal('gke'), Type.Literal('aks'), Type.Literal('kind'), Type.Literal('generic')],
      {
        default: 'generic',
        description: 'where the cluster runs',
      },
    ),
    region: Opt(Type.String({ description: 'cloud region, e.g. us-west-2' })),
    kubernetesVersion: Type.String({
      pattern: '^1\\.[0-9]+$',
      default: '1.30',
      description:
        'Kubernetes minor version, e.g. "1.30" (picks the Cluster Autoscaler image; must be in the supported range of the operators used, e.g. Karpenter)',
    }),
    labels: Opt(Type.Record(Type.String(), Type.String(), { description: 'labels of this cluster (fleet selection)' })),
    network: Opt(Name),
  },
  { description: 'the target cluster' },
);
