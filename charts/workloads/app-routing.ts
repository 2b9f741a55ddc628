// One routed app: VirtualService from the gateway to its Service (canary by weight) and its DestinationRule.
import { Construct } from 'constructs';
import { DestinationRule, VirtualService } from '../../imports/networking.istio.io.js';
import type { App } from '../../src/config/model/environment.js';
import { requiredPort } from './app-port.js';
import { podLabels } from './labels.js';

/** Props of AppRouting. */
export interface AppRoutingProps {
  /** A deployment app (with a Service). */
  readonly app: App;
  /** Its `routing`. */
  readonly routing: NonNullable<App['routing']>;
  /** The Gateway it routes from (`<namespace>/<name>`): `routing.gateway`, else the environment's `mesh.gateway`. */
  readonly gateway: string;
}

/** Cluster-local host name of an app's Service (what VirtualService and DestinationRule point at). */
export function serviceHost(app: App): string {
  return `${app.name}.${app.namespace}.svc.cluster.local`;
}

/** The Service port of an app (the workload's `http` port). */
export function servicePort(app: App): number {
  return app.service.port ?? requiredPort(app, 'routing');
}

/**
 * `<app>` VirtualService (hosts → Service port, timeout, retries, stable/canary weights) and `<app>` DestinationRule
 * (outlier detection; subsets `stable`/`canary` by the `version` pod label when the app has a canary).
 */
export class AppRouting extends Construct {
  public constructor(scope: Construct, id: string, props: AppRoutingProps) {
    super(scope, id);
    const { app, routing } = props;
    const namespace = app.namespace;
    const host = serviceHost(app);
    const port = { number: servicePort(app) };
    const canary = routing.canary;
    const { gateway } = props;
    const route = canary
      ? [
          { destination: { host, port, subset: 'stable' }, weight: 100 - canary.weight },
          { destination: { host, port, subset: 'canary' }, weight: canary.weight },
        ]
      : [{ destination: { host, port } }];
    new VirtualService(this, 'virtual-service', {
      metadata: { name: app.name, namespace },
      spec: {
        hosts: [...routing.hosts],
        gateways: [gateway],
        http: [
          {
            name: app.name,
            match: routing.pathPrefix === '/' ? undefined : [{ uri: { prefix: routing.pathPrefix } }],
            route,
            timeout: routing.timeout,
            retries: routing.retries && {
              attempts: routing.retries.attempts,
              perTryTimeout: routing.retries.perTryTimeout,
              retryOn: routing.retries.retryOn,
            },
          },
        ],
      },
    });
    const od = routing.outlierDetection;
    new DestinationRule(this, 'destination-rule', {
      metadata: { name: app.name, namespace },
      spec: {
        host,
        trafficPolicy: od.enabled
          ? {
              outlierDetection: {
                consecutive5XxErrors: od.consecutive5xxErrors,
                interval: od.interval,
                baseEjectionTime: od.baseEjectionTime,
                maxEjectionPercent: od.maxEjectionPercent,
              },
            }
          : undefined,
        subsets: canary
          ? (['stable', 'canary'] as const).map((track) => ({ name: track, labels: { version: podLabels(app, track).version! } }))
          : undefined,
      },
    });
  }
}
