// 40-routing: Istio VirtualService and DestinationRule of every routed deployment app.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { AppRouting } from './app-routing.js';

/** Props of RoutingChart. */
export interface RoutingChartProps extends OrderedChartProps {
  /** The checked environment (mesh.enabled). */
  readonly env: Environment;
}

/** One AppRouting per app with `routing` and kind "deployment". */
export class RoutingChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: RoutingChartProps) {
    super(scope, id, props);
    for (const app of routedApps(props.env)) new AppRouting(this, app.name, { app, gateway: props.env.mesh.gateway });
  }
}

/** The apps the routing chart renders. */
export function routedApps(env: Environment): Environment['apps'] {
  return env.apps.filter((a) => a.routing && a.kind === 'deployment');
}
