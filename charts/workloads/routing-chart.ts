// 40-routing: Istio VirtualService and DestinationRule of every routed deployment app.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { App, Environment } from '../../src/config/model/environment.js';
import { gatewayRef } from '../platform/ingress-gateway.js';
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
    for (const r of routedApps(props.env)) new AppRouting(this, r.app.name, r);
  }
}

/** The apps the routing chart renders, each with its routing and the Gateway it routes from. */
export function routedApps(env: Environment): { readonly app: App; readonly routing: NonNullable<App['routing']>; readonly gateway: string }[] {
  return env.apps.flatMap((app) => {
    const routing = app.routing;
    if (!routing || app.kind !== 'deployment') return [];
    const gateway = routing.gateway ?? (env.mesh.gateway && gatewayRef(env.mesh.gateway));
    // src/config/checks/mesh-checks.ts rejects routing without a gateway
    if (!gateway) throw new Error(`app ${app.name}: routing without a gateway passed the checks`);
    return [{ app, routing, gateway }];
  });
}
