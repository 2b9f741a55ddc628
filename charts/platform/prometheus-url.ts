// The in-cluster address of the environment's Prometheus, shared by the monitoring chart and the autoscaling triggers.
import type { Environment } from '../../src/config/model/environment.js';

/** Port of the Prometheus web endpoint on the operator's governing Service. */
export const PROMETHEUS_PORT = 9090;

/**
 * Name of the headless Service prometheus-operator creates for every Prometheus object in a namespace
 * (the governing service of its StatefulSets).
 */
export const PROMETHEUS_OPERATED_SERVICE = 'prometheus-operated';

/**
 * The URL KEDA prometheus triggers and other in-cluster readers use by default:
 * `http://prometheus-operated.<monitoring.namespace>.svc:9090`.
 */
export function prometheusUrl(env: Pick<Environment, 'monitoring'>): string {
  return `http://${PROMETHEUS_OPERATED_SERVICE}.${env.monitoring.namespace}.svc:${PROMETHEUS_PORT}`;
}
