// Alerts for the elastic loop: scaled out to the limit, scalers failing, pods waiting for nodes, targets gone.
import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com.js';
import type { Environment } from '../../src/config/model/environment.js';

/** Props of AutoscalingAlerts. */
export interface AutoscalingAlertsProps {
  /** The environment's monitoring settings (namespace, selector labels, alert durations). */
  readonly monitoring: Environment['monitoring'];
}

/** One alerting rule (the `for` duration comes from `monitoring.alerts`). */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'warning' | 'critical';
  readonly summary: string;
  readonly description: string;
}

/** The autoscaling alert rules of an environment (kube-state-metrics, KEDA operator and `up` series). */
export function autoscalingAlertRules(alerts: Environment['monitoring']['alerts']): AlertRule[] {
  return [
    {
      alert: 'WorkloadAtMaxReplicas',
      expr:
        'kube_horizontalpodautoscaler_status_current_replicas >= kube_horizontalpodautoscaler_spec_max_replicas\n' +
        'and on (namespace, horizontalpodautoscaler)\n' +
        'kube_horizontalpodautoscaler_spec_min_replicas < kube_horizontalpodautoscaler_spec_max_replicas',
      for: alerts.atMaxReplicasFor,
      severity: 'warning',
      summary: 'Workload stuck at its maximum replicas',
      description:
        'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has run at maxReplicas for ' +
        `${alerts.atMaxReplicasFor}: demand may exceed what it can scale to.`,
    },
    {
      alert: 'KedaScalerErrors',
      expr: 'sum by (namespace, scaledObject, scaler) (rate(keda_scaler_detail_errors_total[5m])) > 0',
      for: alerts.scalerErrorsFor,
      severity: 'warning',
      summary: 'KEDA scaler keeps failing',
      description:
        'Scaler {{ $labels.scaler }} of ScaledObject {{ $labels.namespace }}/{{ $labels.scaledObject }} is failing; after fallback.failureThreshold failures KEDA runs fallback.replicas.',
    },
    {
      alert: 'KedaScaledObjectErrors',
      expr: 'sum by (namespace, scaledObject) (rate(keda_scaled_object_errors_total[5m])) > 0',
      for: alerts.scalerErrorsFor,
      severity: 'critical',
      summary: 'KEDA ScaledObject in error (fallback replicas active if configured)',
      description:
        'ScaledObject {{ $labels.namespace }}/{{ $labels.scaledObject }} has errored for ' +
        `${alerts.scalerErrorsFor}: its replicas are not following demand.`,
    },
    {
      alert: 'HpaMetricsUnavailable',
      expr: 'kube_horizontalpodautoscaler_status_condition{condition="ScalingActive",status="false"} == 1',
      for: alerts.scalerErrorsFor,
      severity: 'warning',
      summary: 'HPA cannot read its metrics',
      description:
        'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} reports ScalingActive=false: its metrics (metrics-server, prometheus-adapter or KEDA) are unavailable.',
    },
    {
      alert: 'PodsPendingTooLong',
      expr: 'sum by (namespace, pod) (kube_pod_status_phase{phase="Pending"}) > 0',
      for: alerts.podsPendingFor,
      severity: 'warning',
      summary: 'Pods Pending: nodes cannot be provisioned',
      description:
        'Pod {{ $labels.namespace }}/{{ $labels.pod }} has been Pending for ' +
        `${alerts.podsPendingFor}: the node autoscaler cannot add capacity (limits, quotas, instance availability).`,
    },
    {
      alert: 'TargetDown',
      expr: 'up == 0',
      for: alerts.targetDownFor,
      severity: 'warning',
      summary: 'Scrape target down',
      description:
        'Target {{ $labels.job }} {{ $labels.instance }} in {{ $labels.namespace }} is down: autoscalers reading its metrics see stale data.',
    },
  ];
}

/** `autoscaling-alerts` PrometheusRule in the monitoring namespace, labelled for the Prometheus ruleSelector. */
export class AutoscalingAlerts extends Construct {
  public constructor(scope: Construct, id: string, props: AutoscalingAlertsProps) {
    super(scope, id);
    const { monitoring } = props;
    new PrometheusRule(this, 'rule', {
      metadata: { name: 'autoscaling-alerts', namespace: monitoring.namespace, labels: { ...monitoring.selectorLabels } },
      spec: {
        groups: [
          {
            name: 'autoscaling',
            rules: autoscalingAlertRules(monitoring.alerts).map((r) => ({
              alert: r.alert,
              expr: PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr),
              for: r.for,
              labels: { severity: r.severity },
              annotations: { summary: r.summary, description: r.description },
            })),
          },
        ],
      },
    });
  }
}
