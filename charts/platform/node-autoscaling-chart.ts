// Node autoscaling of the environment: Karpenter (v1 or v1alpha5) and/or Cluster Autoscaler.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { ClusterAutoscaler } from './cluster-autoscaler.js';
import { KarpenterV1 } from './karpenter-v1.js';
import { KarpenterV1alpha5 } from './karpenter-v1alpha5.js';

/** Props of NodeAutoscalingChart. */
export interface NodeAutoscalingChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** Karpenter pools when `nodes.karpenter` is set (alongside Cluster Autoscaler too, as in seed 001), CA when chosen. */
export class NodeAutoscalingChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: NodeAutoscalingChartProps) {
    super(scope, id, props);
    const { env } = props;
    const karpenter = env.nodes.karpenter;
    if (karpenter) {
      if (karpenter.api === 'v1alpha5') new KarpenterV1alpha5(this, 'karpenter', { env, karpenter });
      else new KarpenterV1(this, 'karpenter', { env, karpenter });
    }
    if (env.nodes.provisioner === 'cluster-autoscaler') new ClusterAutoscaler(this, 'cluster-autoscaler', { env });
  }
}
