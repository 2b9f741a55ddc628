// 40-routing: Istio VirtualService and DestinationRule of every routed deployment app.
import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { AppRouting } from './app-routing.js';

/** Props of RoutingChart. */
export interface RoutingChartProps extends ChartProps {
  /** The checked environment (mesh.enabled). */
  readonly env: Environment;
}

/** One AppRouting per app with `routing` and kind "deployment". */
export class RoutingChart extends Chart {
  public constructor(scope: Construct, id: string, props: RoutingChartProps) {
    super(scope, id, props);
    for (const app of routedApps(props.env)) new AppRouting(this, app.name, { app, gateway: props.env.mesh.gateway });
  }
}

/** The apps the routing chart renders. */
export function routedApps(env: Environment): Environment['apps'] {
  return env.apps.filter((a) => a.routing && a.kind === 'deployment');
}
