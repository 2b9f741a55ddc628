// Workloads of an environment: one AppWorkload per Deployment-kind app (canary tracks included).
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { podSecurityLevel } from '../../src/config/namespaces.js';
import { placedAutoscaling, RETAIN_REPLICAS_LABEL } from '../multicluster/karmada-objects.js';
import { AppWorkload } from './app-workload.js';

/** Props of WorkloadsChart. */
export interface WorkloadsChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** Deployments, Services, PodDisruptionBudgets and Ingresses of the environment's apps. */
export class WorkloadsChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: WorkloadsChartProps) {
    super(scope, id, props);
    for (const app of props.env.apps) {
      if (app.kind !== 'deployment') continue;
      // KEDA scales each member's copy of a placed Deployment: Karmada must keep those replicas, not its divided share
      const retain = placedAutoscaling(props.env, app) === 'members' ? { [RETAIN_REPLICAS_LABEL]: 'true' } : undefined;
      new AppWorkload(this, app.name, { app, podSecurity: podSecurityLevel(props.env, app), deploymentLabels: retain });
      if (app.routing?.canary)
        new AppWorkload(this, `${app.name}-canary`, {
          app,
          track: 'canary',
          image: app.routing.canary.image,
          podSecurity: podSecurityLevel(props.env, app),
        });
    }
  }
}
