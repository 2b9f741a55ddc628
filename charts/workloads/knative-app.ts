// One `kind: knative` app: a Knative Service that scales on requests, down to zero by default.
import { Value } from '@sinclair/typebox/value';
import { Construct } from 'constructs';
import {
  Service,
  ServiceSpecTemplateSpecContainersResourcesLimits as Limits,
  ServiceSpecTemplateSpecContainersResourcesRequests as Requests,
  type ServiceSpecTemplateSpecContainersEnv,
} from '../../imports/serving.knative.dev.js';
import { KnativeSchema } from '../../src/config/model/app.js';
import type { App } from '../../src/config/model/environment.js';
import type { PodSecurityLevel } from '../../src/config/namespaces.js';
import { requiredPort } from './app-port.js';
import { appSelector, podLabels } from './labels.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../restricted-security.js';
import { externalSecretsAnnotation } from '../../src/convergence/external-secrets.js';

type Knative = NonNullable<App['knative']>;

/** Props of KnativeApp. */
export interface KnativeAppProps {
  /** An app of kind "knative". */
  readonly app: App;
  /** Pod Security level of the app's namespace: restricted adds a seccomp profile and drops every capability. */
  readonly podSecurity?: PodSecurityLevel;
}

/** The app's knative settings with the schema defaults filled in (an app may omit the `knative` section). */
export function knativeSettings(app: App): Knative {
  return Value.Default(KnativeSchema, structuredClone(app.knative ?? {})) as Knative;
}

/** The revision template annotations of the Knative Pod Autoscaler (or HPA class). */
export function autoscalingAnnotations(k: Knative): Record<string, string> {
  return {
    'autoscaling.knative.dev/class': k.class,
    'autoscaling.knative.dev/metric': k.metric,
    'autoscaling.knative.dev/target': String(k.target),
    'autoscaling.knative.dev/min-scale': String(k.minScale),
    'autoscaling.knative.dev/max-scale': String(k.maxScale),
  };
}

/** `<app>` Knative Service (serving.knative.dev/v1) in the app namespace, pods labelled like deployment apps. */
export class KnativeApp extends Construct {
  public constructor(scope: Construct, id: string, props: KnativeAppProps) {
    super(scope, id);
    const { app } = props;
    const k = knativeSettings(app);
    const readiness = app.probes?.readiness?.http;
    const liveness = app.probes?.liveness?.http;
    new Service(this, 'service', {
      metadata: { name: app.name, namespace: app.namespace, labels: appSelector(app), annotations: externalSecretsAnnotation(app.externalSecrets) },
      spec: {
        template: {
          metadata: { labels: podLabels(app), annotations: autoscalingAnnotations(k) },
          spec: {
            containerConcurrency: k.containerConcurrency,
            priorityClassName: app.priorityClassName,
            nodeSelector: app.nodeSelector,
            containers: [
              {
                name: app.name,
                image: app.image,
                command: app.command,
                args: app.args,
                ports: [{ name: 'http1', containerPort: requiredPort(app, 'a Knative Service') }],
                env: env(app),
                resources: {
                  requests: quantities(app.resources?.requests, Requests.fromString),
                  limits: quantities(app.resources?.limits, Limits.fromString),
                },
                readinessProbe: readiness && { httpGet: { path: readiness.path } },
                livenessProbe: liveness && { httpGet: { path: liveness.path } },
                securityContext: {
                  runAsNonRoot: app.securityContext.runAsNonRoot,
                  runAsUser: app.securityContext.runAsUser,
                  runAsGroup: app.securityContext.runAsGroup,
                  readOnlyRootFilesystem: app.securityContext.readOnlyRootFilesystem,
                  allowPrivilegeEscalation: app.securityContext.allowPrivilegeEscalation,
                  // Knative takes no pod-level securityContext by default: the seccomp profile is set per container
                  ...(props.podSecurity === 'restricted'
                    ? { capabilities: restrictedContainerSecurity().capabilities, seccompProfile: restrictedPodSecurity().seccompProfile }
                    : {}),
                },
              },
            ],
          },
        },
      },
    });
  }
}

function env(app: App): ServiceSpecTemplateSpecContainersEnv[] | undefined {
  const entries = Object.entries(app.env ?? {});
  if (entries.length === 0) return undefined;
  return entries.map(([name, value]) => {
    if (typeof value === 'string') return { name, value };
    if ('secretKeyRef' in value) return { name, valueFrom: { secretKeyRef: { name: value.secretKeyRef.name, key: value.secretKeyRef.key } } };
    return { name, valueFrom: { configMapKeyRef: { name: value.configMapKeyRef.name, key: value.configMapKeyRef.key } } };
  });
}

function quantities<Q>(list: { cpu?: string | number; memory?: string | number } | undefined, of: (v: string) => Q): Record<string, Q> | undefined {
  if (!list) return undefined;
  const out: Record<string, Q> = {};
  if (list.cpu !== undefined) out.cpu = of(String(list.cpu));
  if (list.memory !== undefined) out.memory = of(String(list.memory));
  return Object.keys(out).length > 0 ? out : undefined;
}
