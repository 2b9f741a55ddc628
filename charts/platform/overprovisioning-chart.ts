// Spare capacity: a negative-priority PriorityClass and pause pods that real workloads preempt, so nodes stay warm.
import { Chart, type ChartProps } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';

/** Props of OverprovisioningChart. */
export interface OverprovisioningChartProps extends ChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** Name shared by the PriorityClass and the placeholder Deployment. */
export const OVERPROVISIONING_NAME = 'overprovisioning';

/** PriorityClass (value < 0, never preempts) + pause-pod Deployment sized from the environment. */
export class OverprovisioningChart extends Chart {
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
            securityContext: { runAsNonRoot: true, runAsUser: 65535, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'pause',
                image: o.image,
                resources: {
                  requests: { cpu: k8s.Quantity.fromString(String(o.cpu)), memory: k8s.Quantity.fromString(String(o.memory)) },
                  limits: { cpu: k8s.Quantity.fromString(String(o.cpu)), memory: k8s.Quantity.fromString(String(o.memory)) },
                },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              },
            ],
          },
        },
      },
    });
  }
}
