// 20-monitoring: the Prometheus, the monitors it selects and the autoscaling alerts.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { AppMonitor } from './app-monitor.js';
import { AutoscalingAlerts } from './autoscaling-alerts.js';
import { IstioMonitors } from './istio-monitors.js';
import { PrometheusServer } from './prometheus-server.js';

/** Props of MonitoringChart. */
export interface MonitoringChartProps extends OrderedChartProps {
  /** The checked environment (monitoring.enabled). */
  readonly env: Environment;
}

/** Prometheus, Istio monitors (mesh on), one monitor per deployment app with `metrics`, and the PrometheusRule. */
export class MonitoringChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: MonitoringChartProps) {
    super(scope, id, props);
    const { env } = props;
    const labels = env.monitoring.selectorLabels;
    new PrometheusServer(this, 'prometheus', { monitoring: env.monitoring });
    if (env.mesh.enabled && env.monitoring.istioMetrics) new IstioMonitors(this, 'istio', { labels });
    for (const app of env.apps) {
      if (app.metrics && app.kind === 'deployment') new AppMonitor(this, `app-${app.name}`, { app, metrics: app.metrics, labels });
    }
    if (env.monitoring.alerts.enabled) new AutoscalingAlerts(this, 'alerts', { monitoring: env.monitoring });
  }
}
