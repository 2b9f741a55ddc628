// Spare capacity: a negative-priority PriorityClass and pause pods that real workloads preempt, so nodes stay warm.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../restricted-security.js';
import { poolLabelKey } from './karpenter-requirements.js';

/** Props of OverprovisioningChart. */
export interface OverprovisioningChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** Name shared by the PriorityClass and the placeholder Deployment. */
export const OVERPROVISIONING_NAME = 'overprovisioning';

/**
 * PriorityClass (value < 0, never preempts) + pause-pod Deployment sized from the environment (replicas × cpu/memory),
 * placed on the Karpenter pools it keeps warm (node affinity on the pool label, tolerating those pools' taints).
 */
export class OverprovisioningChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: OverprovisioningChartProps) {
    super(scope, id, props);
    const o = props.env.overprovisioning;
    new k8s.KubePriorityClass(this, 'priority-class', {
      metadata: { name: OVERPROVISIONING_NAME },
      value: o.priorityValue,
      globalDefault: false,
      preemptionPolicy: 'Never',
      description: 'Placeholder pods that hold spare capacity; any real workload preempts them.',
    });
    const labels = { 'app.kubernetes.io/name': OVERPROVISIONING_NAME };
    const { affinity, tolerations } = warmPools(props.env);
    new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: OVERPROVISIONING_NAME, namespace: o.namespace, labels },
      spec: {
        replicas: o.replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            priorityClassName: OVERPROVISIONING_NAME,
            terminationGracePeriodSeconds: 0,
            automountServiceAccountToken: false,
            nodeSelector: o.nodeSelector,
            affinity,
            tolerations,
            securityContext: { runAsNonRoot: true, runAsUser: 65535, ...restrictedPodSecurity() },
            containers: [
              {
                name: 'pause',
                image: o.image,
                resources: {
                  requests: { cpu: k8s.Quantity.fromString(String(o.cpu)), memory: k8s.Quantity.fromString(String(o.memory)) },
                  limits: { cpu: k8s.Quantity.fromString(String(o.cpu)), memory: k8s.Quantity.fromString(String(o.memory)) },
                },
                securityContext: { ...restrictedContainerSecurity(), readOnlyRootFilesystem: true },
              },
            ],
          },
        },
      },
    });
  }
}

/** Node affinity to `overprovisioning.pools` and tolerations of their taints (nothing when no pools are named). */
function warmPools(env: Environment): { affinity?: k8s.Affinity; tolerations?: k8s.Toleration[] } {
  const names = env.overprovisioning.pools;
  const karpenter = env.nodes.karpenter;
  if (!names || !karpenter) return {};
  const pools = karpenter.pools.filter((p) => names.includes(p.name));
  const tolerations = new Map<string, k8s.Toleration>();
  for (const t of pools.flatMap((p) => p.taints ?? [])) {
    tolerations.set(`${t.key}=${t.value ?? ''}:${t.effect}`, {
      key: t.key,
      operator: t.value === undefined ? 'Exists' : 'Equal',
      value: t.value,
      effect: t.effect,
    });
  }
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: poolLabelKey(karpenter), operator: 'In', values: [...names] }] }],
        },
      },
    },
    tolerations: tolerations.size > 0 ? [...tolerations.values()] : undefined,
  };
}
