// One placed app's Karmada FederatedHPA: the HPA of a Deployment divided across member clusters.
import { Construct } from 'constructs';
import {
  FederatedHpa,
  FederatedHpaSpecMetricsPodsTargetAverageValue as PodsValue,
  FederatedHpaSpecMetricsResourceTargetAverageValue as ResourceValue,
  type FederatedHpaSpecBehavior,
  type FederatedHpaSpecMetrics,
} from '../../imports/autoscaling.karmada.io.js';
import type { App } from '../../src/config/model/environment.js';
import { hpaMetrics } from '../workloads/app-hpa.js';
import { deploymentName } from '../workloads/labels.js';

/** Props of AppFederatedHpa. */
export interface AppFederatedHpaProps {
  /** A placed app with `autoscaling.engine: hpa`. */
  readonly app: App;
}

/**
 * `<app>` FederatedHPA (autoscaling.karmada.io/v1alpha1) on the Karmada API server, with the metrics, bounds and
 * behavior an HPA would have: Karmada's controller reads the pods' metrics of every member through
 * karmada-metrics-adapter, scales the Deployment template, and karmada-scheduler divides the replicas over the members by
 * the PropagationPolicy's weights (https://karmada.io/docs/userguide/autoscaling/federatedhpa). min/maxReplicas bound the
 * total over all members, not each member's share.
 */
export class AppFederatedHpa extends Construct {
  public constructor(scope: Construct, id: string, props: AppFederatedHpaProps) {
    super(scope, id);
    const { app } = props;
    const a = app.autoscaling;
    const metrics = hpaMetrics(app).map(
      (m): FederatedHpaSpecMetrics =>
        m.type === 'Pods'
          ? {
              type: 'Pods',
              pods: { metric: { name: m.metric }, target: { type: 'AverageValue', averageValue: PodsValue.fromString(m.averageValue) } },
            }
          : {
              type: 'Resource',
              resource: {
                name: m.name,
                target:
                  m.target.type === 'Utilization'
                    ? m.target
                    : { type: 'AverageValue', averageValue: ResourceValue.fromString(m.target.averageValue) },
              },
            },
    );
    new FederatedHpa(this, 'federated-hpa', {
      metadata: { name: app.name, namespace: app.namespace },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) },
        minReplicas: a.minReplicas,
        maxReplicas: a.maxReplicas,
        metrics,
        behavior: a.behavior as FederatedHpaSpecBehavior | undefined,
      },
    });
  }
}
