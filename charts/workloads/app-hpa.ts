// One app's autoscaling/v2 HorizontalPodAutoscaler: cpu/memory resource metrics and custom Pods metrics.
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import { Construct } from 'constructs';
import type { App } from '../../src/config/model/environment.js';
import { deploymentName } from './labels.js';

/** Props of AppHpa. */
export interface AppHpaProps {
  /** The app, with `autoscaling.engine: hpa`. */
  readonly app: App;
}

/** HorizontalPodAutoscaler targeting the app's Deployment. */
export class AppHpa extends Construct {
  public constructor(scope: Construct, id: string, props: AppHpaProps) {
    super(scope, id);
    const { app } = props;
    const a = app.autoscaling;
    const metrics: k8s.MetricSpecV2[] = a.triggers.map((t) => {
      switch (t.type) {
        case 'cpu':
        case 'memory':
          return {
            type: 'Resource',
            resource: {
              name: t.type,
              target:
                t.utilization !== undefined
                  ? { type: 'Utilization', averageUtilization: t.utilization }
                  : { type: 'AverageValue', averageValue: k8s.Quantity.fromString(String(t.averageValue)) },
            },
          };
        case 'pods':
          return {
            type: 'Pods',
            pods: { metric: { name: t.metric }, target: { type: 'AverageValue', averageValue: k8s.Quantity.fromString(String(t.averageValue)) } },
          };
        default:
          throw new Error(`trigger type "${t.type}" is for engine "keda" (app ${app.name})`);
      }
    });
    new k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
      metadata: { name: app.name, namespace: app.namespace },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) },
        minReplicas: a.minReplicas,
        maxReplicas: a.maxReplicas,
        metrics,
        behavior: a.behavior as k8s.HorizontalPodAutoscalerBehaviorV2 | undefined,
      },
    });
  }
}
