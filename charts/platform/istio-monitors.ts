// Scraping of the mesh: Envoy sidecar stats (PodMonitor) and the istiod control plane (ServiceMonitor).
import { Construct } from 'constructs';
import { PodMonitor, PodMonitorSpecPodMetricsEndpointsRelabelingsAction as Action, ServiceMonitor } from '../../imports/monitoring.coreos.com.js';
import { ISTIO_NAMESPACE } from './istio-system.js';

/** Props of IstioMonitors. */
export interface IstioMonitorsProps {
  /** Labels the Prometheus selects monitors by. */
  readonly labels: Readonly<Record<string, string>>;
  /** Scrape interval of the sidecars and istiod. @default '15s' */
  readonly interval?: string;
}

/**
 * `envoy-stats-monitor`: every injected pod's `istio-proxy` container at `/stats/prometheus` on the port of its
 * `prometheus.io/port` annotation (15020, Istio's merged app + Envoy metrics, outside mTLS), keeping `namespace` and `pod`;
 * `istio-component-monitor`: istiod's `http-monitoring` port. As in Istio's prometheus-operator sample.
 */
export class IstioMonitors extends Construct {
  public constructor(scope: Construct, id: string, props: IstioMonitorsProps) {
    super(scope, id);
    const interval = props.interval ?? '15s';
    new PodMonitor(this, 'envoy-stats', {
      metadata: { name: 'envoy-stats-monitor', namespace: ISTIO_NAMESPACE, labels: { ...props.labels, monitoring: 'istio-proxies' } },
      spec: {
        selector: { matchExpressions: [{ key: 'istio-prometheus-ignore', operator: 'DoesNotExist' }] },
        namespaceSelector: { any: true },
        jobLabel: 'envoy-stats',
        podMetricsEndpoints: [
          {
            path: '/stats/prometheus',
            interval,
            relabelings: [
              { action: Action.KEEP, sourceLabels: ['__meta_kubernetes_pod_container_name'], regex: 'istio-proxy' },
              { action: Action.KEEP, sourceLabels: ['__meta_kubernetes_pod_annotationpresent_prometheus_io_scrape'] },
              {
                action: Action.REPLACE,
                sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_port', '__meta_kubernetes_pod_ip'],
                regex: '(\\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4})',
                replacement: '[$2]:$1',
                targetLabel: '__address__',
              },
              {
                action: Action.REPLACE,
                sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_port', '__meta_kubernetes_pod_ip'],
                regex: '(\\d+);((([0-9]+?)(\\.|$)){4})',
                replacement: '$2:$1',
                targetLabel: '__address__',
              },
              { action: Action.REPLACE, sourceLabels: ['__meta_kubernetes_namespace'], targetLabel: 'namespace' },
              { action: Action.REPLACE, sourceLabels: ['__meta_kubernetes_pod_name'], targetLabel: 'pod' },
            ],
          },
        ],
      },
    });
    new ServiceMonitor(this, 'istiod', {
      metadata: { name: 'istio-component-monitor', namespace: ISTIO_NAMESPACE, labels: { ...props.labels, monitoring: 'istio-components' } },
      spec: {
        jobLabel: 'istio',
        targetLabels: ['app'],
        selector: { matchExpressions: [{ key: 'istio', operator: 'In', values: ['pilot'] }] },
        namespaceSelector: { matchNames: [ISTIO_NAMESPACE] },
        endpoints: [{ port: 'http-monitoring', interval }],
      },
    });
  }
}
