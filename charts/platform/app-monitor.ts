// Scraping of one app's own metrics: a ServiceMonitor on its Service, or a PodMonitor when it has no Service.
import { Construct } from 'constructs';
import { PodMonitor, ServiceMonitor } from '../../imports/monitoring.coreos.com.js';
import type { App } from '../../src/config/model/environment.js';
import { listenPort } from '../workloads/app-port.js';
import { appSelector } from '../workloads/labels.js';

/** Props of AppMonitor. */
export interface AppMonitorProps {
  readonly app: App;
  /** Its `metrics`. */
  readonly metrics: NonNullable<App['metrics']>;
  /** Labels the Prometheus selects monitors by. */
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * Pod labels copied onto every scraped series (`app="<name>"`, `version="stable|canary"`), so queries can select an
 * app's series by `app` as the Istio metrics do; Prometheus adds namespace, pod, container, service, endpoint and job.
 */
export const APP_TARGET_LABELS = ['app', 'version'] as const;

/** Name of the port the app's metrics are served on (the workload names container and Service ports the same way). */
export function metricsPortName(app: App): 'metrics' | 'http' {
  const port = app.metrics?.port;
  return port !== undefined && port !== listenPort(app) ? 'metrics' : 'http';
}

/** The kind of an app's monitor: a ServiceMonitor on its Service, else a PodMonitor. */
export function appMonitorKind(app: App): 'ServiceMonitor' | 'PodMonitor' {
  return app.service.enabled ? 'ServiceMonitor' : 'PodMonitor';
}

/** `<app>` ServiceMonitor (or PodMonitor) in the app namespace, selecting every pod of the app (stable and canary), labelling series with APP_TARGET_LABELS. */
export class AppMonitor extends Construct {
  public constructor(scope: Construct, id: string, props: AppMonitorProps) {
    super(scope, id);
    const { app, metrics } = props;
    const namespace = app.namespace;
    const metadata = { name: app.name, namespace, labels: { ...props.labels, ...appSelector(app) } };
    const endpoint = { port: metricsPortName(app), path: metrics.path, interval: metrics.interval };
    if (appMonitorKind(app) === 'ServiceMonitor') {
      new ServiceMonitor(this, 'service-monitor', {
        metadata,
        spec: {
          selector: { matchLabels: appSelector(app) },
          namespaceSelector: { matchNames: [namespace] },
          podTargetLabels: [...APP_TARGET_LABELS],
          endpoints: [endpoint],
        },
      });
    } else {
      new PodMonitor(this, 'pod-monitor', {
        metadata,
        spec: {
          selector: { matchLabels: appSelector(app) },
          namespaceSelector: { matchNames: [namespace] },
          podTargetLabels: [...APP_TARGET_LABELS],
          podMetricsEndpoints: [endpoint],
        },
      });
    }
  }
}
