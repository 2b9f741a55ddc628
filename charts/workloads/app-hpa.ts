// One app's autoscaling/v2 HorizontalPodAutoscaler: cpu/memory resource metrics and custom Pods metrics.
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import { Construct } from 'constructs';
import type { App } from '../../src/config/model/environment.js';
import { deploymentName } from './labels.js';

/** One metric of an HPA (autoscaling/v2 MetricSpec), quantities as strings: the HPA and Karmada's FederatedHPA take the same. */
export type HpaMetric =
  | { readonly type: 'Resource'; readonly name: 'cpu' | 'memory'; readonly target: HpaTarget }
  | { readonly type: 'Pods'; readonly metric: string; readonly averageValue: string };

/** An HPA metric target: a utilization percentage of the requests, or an average value per pod. */
export type HpaTarget =
  | { readonly type: 'Utilization'; readonly averageUtilization: number }
  | { readonly type: 'AverageValue'; readonly averageValue: string };

/** The metrics of an app with `autoscaling.engine: hpa`, one per trigger. */
export function hpaMetrics(app: App): HpaMetric[] {
  return app.autoscaling.triggers.map((t): HpaMetric => {
    switch (t.type) {
      case 'cpu':
      case 'memory':
        return {
          type: 'Resource',
          name: t.type,
          target:
            t.utilization !== undefined
              ? { type: 'Utilization', averageUtilization: t.utilization }
              : { type: 'AverageValue', averageValue: String(t.averageValue) },
        };
      case 'pods':
        return { type: 'Pods', metric: t.metric, averageValue: String(t.averageValue) };
      default:
        throw new Error(`trigger type "${t.type}" is for engine "keda" (app ${app.name})`);
    }
  });
}

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
    const quantity = (v: string) => k8s.Quantity.fromString(v);
    const metrics = hpaMetrics(app).map(
      (m): k8s.MetricSpecV2 =>
        m.type === 'Pods'
          ? { type: 'Pods', pods: { metric: { name: m.metric }, target: { type: 'AverageValue', averageValue: quantity(m.averageValue) } } }
          : {
              type: 'Resource',
              resource: {
                name: m.name,
                target: m.target.type === 'Utilization' ? m.target : { type: 'AverageValue', averageValue: quantity(m.target.averageValue) },
              },
            },
    );
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
