// One app's KEDA ScaledObject (and the TriggerAuthentications its Prometheus triggers need).
import { Construct } from 'constructs';
import { ScaledObject, TriggerAuthentication, type ScaledObjectSpecTriggers } from '../../imports/keda.sh.js';
import type { App, Environment } from '../../src/config/model/environment.js';
import { prometheusUrl } from '../platform/prometheus-url.js';
import { deploymentName } from './labels.js';

type Trigger = App['autoscaling']['triggers'][number];

/** Props of KedaScaledObject. */
export interface KedaScaledObjectProps {
  /** The app, with `autoscaling.engine: keda`. */
  readonly app: App;
  /** The environment (for the default Prometheus address). */
  readonly env: Environment;
}

/** Name of the TriggerAuthentication of the app's `index`th trigger (a Prometheus trigger with authSecret). */
export function triggerAuthenticationName(app: App, t: Extract<Trigger, { type: 'prometheus' }>, index: number): string {
  return `${app.name}-${t.name ?? `prometheus-${index}`}`;
}

/** The TriggerAuthentications an app's ScaledObject refers to (one per Prometheus trigger with authSecret). */
export function triggerAuthenticationNames(app: App): string[] {
  return app.autoscaling.triggers.flatMap((t, i) => (t.type === 'prometheus' && t.authSecret ? [triggerAuthenticationName(app, t, i)] : []));
}

/**
 * ScaledObject targeting the app's Deployment (which carries no replicas); KEDA metadata values are rendered as strings,
 * as KEDA requires; credentials only through a TriggerAuthentication naming a Secret.
 */
export class KedaScaledObject extends Construct {
  public constructor(scope: Construct, id: string, props: KedaScaledObjectProps) {
    super(scope, id);
    const { app, env } = props;
    const a = app.autoscaling;
    const namespace = app.namespace;
    const triggers = a.triggers.map((t, i) => this.trigger(app, env, t, i, namespace));
    new ScaledObject(this, 'scaled-object', {
      metadata: { name: app.name, namespace },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) },
        minReplicaCount: a.minReplicas,
        maxReplicaCount: a.maxReplicas,
        pollingInterval: a.pollingInterval,
        cooldownPeriod: a.cooldownPeriod,
        idleReplicaCount: a.idleReplicaCount,
        fallback: a.fallback,
        advanced: a.behavior ? { horizontalPodAutoscalerConfig: { name: `keda-hpa-${app.name}`, behavior: a.behavior as never } } : undefined,
        triggers,
      },
    });
  }

  private trigger(app: App, env: Environment, t: Trigger, index: number, namespace: string): ScaledObjectSpecTriggers {
    switch (t.type) {
      case 'prometheus': {
        const metadata: Record<string, string> = {
          serverAddress: t.serverAddress ?? prometheusUrl(env),
          query: t.query,
          threshold: String(t.threshold),
        };
        if (t.activationThreshold !== undefined) metadata.activationThreshold = String(t.activationThreshold);
        let authenticationRef: ScaledObjectSpecTriggers['authenticationRef'];
        if (t.authSecret) {
          const name = triggerAuthenticationName(app, t, index);
          metadata.authModes = t.authMode;
          const secretTargetRef =
            t.authMode === 'basic'
              ? [
                  { parameter: 'username', name: t.authSecret, key: 'username' },
                  { parameter: 'password', name: t.authSecret, key: 'password' },
                ]
              : [{ parameter: 'bearerToken', name: t.authSecret, key: 'token' }];
          new TriggerAuthentication(this, `auth-${index}`, { metadata: { name, namespace }, spec: { secretTargetRef } });
          authenticationRef = { name };
        }
        return { type: 'prometheus', name: t.name, metricType: t.metricType, metadata, authenticationRef };
      }
      case 'cpu':
      case 'memory':
        return {
          type: t.type,
          metricType: t.utilization !== undefined ? 'Utilization' : 'AverageValue',
          metadata: { value: String(t.utilization ?? t.averageValue) },
        };
      case 'cron':
        return { type: 'cron', metadata: { timezone: t.timezone, start: t.start, end: t.end, desiredReplicas: String(t.desiredReplicas) } };
      case 'pods':
        throw new Error(`trigger type "pods" is for engine "hpa" (app ${app.name})`);
    }
  }
}
