// Pod autoscaling of the environment: KEDA ScaledObjects, HPAs (FederatedHPAs for placed apps), and the
// prometheus-adapter rules they read. What Karmada places goes to its API server (charts/multicluster/karmada-objects.ts).
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import type { Environment } from '../../src/config/model/environment.js';
import { operatorReleases } from '../gitops/operators.js';
import { AppFederatedHpa } from '../multicluster/app-federated-hpa.js';
import { placedAutoscaling } from '../multicluster/karmada-objects.js';
import { adapterRules } from './adapter-rules.js';
import { AppHpa } from './app-hpa.js';
import { KedaScaledObject } from './keda-scaled-object.js';

/** Props of AutoscalingChart. */
export interface AutoscalingChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** Name of the ConfigMap holding the prometheus-adapter rules. */
export const ADAPTER_CONFIG_NAME = 'prometheus-adapter';

/**
 * One autoscaler per autoscaled app (a placed app's ScaledObject is propagated to the members, its HPA is a
 * FederatedHPA), and the prometheus-adapter rules ConfigMap when an HPA uses custom metrics and the GitOps operators
 * do not install the adapter (then its Helm release owns that ConfigMap, from the same rules).
 */
export class AutoscalingChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: AutoscalingChartProps) {
    super(scope, id, props);
    const { env } = props;
    for (const app of env.apps) {
      if (app.kind !== 'deployment') continue;
      if (app.autoscaling.engine === 'keda') new KedaScaledObject(this, app.name, { app, env });
      // a placed app's replicas are divided by Karmada: one FederatedHPA scales the total, never an HPA per cluster
      if (app.autoscaling.engine === 'hpa') {
        if (placedAutoscaling(env, app) === 'federated') new AppFederatedHpa(this, app.name, { app });
        else new AppHpa(this, app.name, { app });
      }
    }
    const rules = adapterRules(env);
    if (rules.length > 0 && !adapterInstalledByGitops(env)) {
      new k8s.KubeConfigMap(this, 'adapter-rules', {
        metadata: { name: ADAPTER_CONFIG_NAME, namespace: env.monitoring.namespace },
        data: { 'config.yaml': stringify({ rules }, { lineWidth: 0 }) },
      });
    }
  }
}

/** Whether the operators chart installs prometheus-adapter (with `adapterRules(env)` as its Helm values). */
export function adapterInstalledByGitops(env: Environment): boolean {
  return (env.gitops?.engine ?? 'none') !== 'none' && operatorReleases(env).some((r) => r.id === 'prometheusAdapter');
}
