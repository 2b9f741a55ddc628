// One app's Deployment (cdk8s-plus), Service, PodDisruptionBudget and optional Ingress.
import { ApiObject, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import { Construct } from 'constructs';
import type { App } from '../../src/config/model/environment.js';
import type { PodSecurityLevel } from '../../src/config/namespaces.js';
import { listenPort, requiredPort } from './app-port.js';
import { appSelector, deploymentName, podLabels, trackSelector } from './labels.js';
import { restrictedContainerSecurity, restrictedPodSecurity } from '../restricted-security.js';
import { externalSecretsAnnotation } from '../../src/convergence/external-secrets.js';

type ProbeSpec = NonNullable<NonNullable<App['probes']>['liveness']>;

/** Props of AppWorkload. */
export interface AppWorkloadProps {
  /** The app, checked and defaulted. */
  readonly app: App;
  /** Which track this Deployment runs (a canary gets its own Deployment and image). @default 'stable' */
  readonly track?: 'stable' | 'canary';
  /** Image of this track. @default app.image */
  readonly image?: string;
  /** Pod Security level of the app's namespace: restricted adds a seccomp profile and drops every capability. */
  readonly podSecurity?: PodSecurityLevel;
  /** Labels of the Deployment object only (not its pods), e.g. Karmada's retain-replicas. @default none */
  readonly deploymentLabels?: Readonly<Record<string, string>>;
}

/** Deployment + Service + PodDisruptionBudget (+ Ingress) of one app; no `replicas` when the app is autoscaled. */
export class AppWorkload extends Construct {
  /** The rendered Deployment. */
  public readonly deployment: kplus.Deployment;

  public constructor(scope: Construct, id: string, props: AppWorkloadProps) {
    super(scope, id);
    const { app } = props;
    const track = props.track ?? 'stable';
    const namespace = app.namespace;
    const name = deploymentName(app, track);
    const port = listenPort(app);
    const metricsPort = app.metrics?.port;
    const sc = app.securityContext;
    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: {
        name,
        namespace,
        labels: { ...podLabels(app, track), ...props.deploymentLabels },
        annotations: externalSecretsAnnotation(app.externalSecrets),
      },
      select: false,
      replicas: app.replicas,
      podMetadata: { labels: podLabels(app, track) },
      securityContext: { ensureNonRoot: sc.runAsNonRoot, user: sc.runAsUser, group: sc.runAsGroup, fsGroup: sc.fsGroup },
      terminationGracePeriod: app.terminationGracePeriodSeconds === undefined ? undefined : Duration.seconds(app.terminationGracePeriodSeconds),
      automountServiceAccountToken: false,
      containers: [
        {
          name: app.name,
          image: props.image ?? app.image,
          // without a port cdk8s-plus adds no default TCP startup probe (a container that listens on nothing would fail it)
          portNumber: port,
          command: app.command,
          args: app.args,
          resources: {},
          liveness: app.probes?.liveness && probe(app.probes.liveness, port),
          readiness: app.probes?.readiness && probe(app.probes.readiness, port),
          startup: app.probes?.startup && probe(app.probes.startup, port),
          securityContext: {
            ensureNonRoot: sc.runAsNonRoot,
            readOnlyRootFilesystem: sc.readOnlyRootFilesystem,
            allowPrivilegeEscalation: sc.allowPrivilegeEscalation,
            user: sc.runAsUser,
            group: sc.runAsGroup,
          },
          envVariables: envVariables(this, app),
        },
      ],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: trackSelector(app, track) }));
    if (app.autoscaling.engine !== 'none') this.deployment.markHasAutoscaler();
    const raw = ApiObject.of(this.deployment);
    // cdk8s-plus labels pods with a hash of the construct path: it churns when a construct moves, so drop it
    raw.addJsonPatch(JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'));
    if (port !== undefined) raw.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports/0/name', 'http'));
    if (metricsPort !== undefined && metricsPort !== port) {
      const metrics = { containerPort: metricsPort, name: 'metrics' };
      raw.addJsonPatch(
        port === undefined
          ? JsonPatch.add('/spec/template/spec/containers/0/ports', [metrics])
          : JsonPatch.add('/spec/template/spec/containers/0/ports/-', metrics),
      );
    }
    raw.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources', resources(app)));
    if (props.podSecurity === 'restricted') {
      // cdk8s-plus has no seccompProfile, and its capability names carry a CAP_ prefix
      raw.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', restrictedPodSecurity().seccompProfile));
      raw.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', restrictedContainerSecurity().capabilities));
    }
    if (app.priorityClassName) raw.addJsonPatch(JsonPatch.add('/spec/template/spec/priorityClassName', app.priorityClassName));
    if (app.nodeSelector) raw.addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', app.nodeSelector));
    if (track === 'canary') return;

    if (app.service.enabled) {
      const svc = new k8s.KubeService(this, 'service', {
        metadata: { name: app.name, namespace, labels: appSelector(app) },
        spec: {
          type: app.service.type,
          selector: appSelector(app),
          ports: [
            {
              name: 'http',
              port: app.service.port ?? requiredPort(app, 'a Service'),
              targetPort: k8s.IntOrString.fromString('http'),
              protocol: 'TCP',
            },
            ...(metricsPort !== undefined && metricsPort !== port
              ? [{ name: 'metrics', port: metricsPort, targetPort: k8s.IntOrString.fromString('metrics'), protocol: 'TCP' }]
              : []),
          ],
        },
      });
      if (app.ingress) {
        new k8s.KubeIngress(this, 'ingress', {
          metadata: { name: app.name, namespace },
          spec: {
            ingressClassName: app.ingress.className,
            rules: [
              {
                host: app.ingress.host,
                http: {
                  paths: [
                    {
                      path: app.ingress.path,
                      pathType: app.ingress.pathType,
                      backend: { service: { name: svc.name, port: { name: 'http' } } },
                    },
                  ],
                },
              },
            ],
          },
        });
      }
    }
    if (app.pdb.enabled) {
      const { minAvailable, maxUnavailable } = app.pdb;
      new k8s.KubePodDisruptionBudget(this, 'pdb', {
        metadata: { name: app.name, namespace },
        spec: {
          selector: { matchLabels: appSelector(app) },
          ...(minAvailable !== undefined ? { minAvailable: intOrString(minAvailable) } : { maxUnavailable: intOrString(maxUnavailable ?? 1) }),
        },
      });
    }
  }
}

function probe(spec: ProbeSpec, appPort: number | undefined): kplus.Probe {
  const options = {
    initialDelaySeconds: spec.initialDelaySeconds === undefined ? undefined : Duration.seconds(spec.initialDelaySeconds),
    periodSeconds: spec.periodSeconds === undefined ? undefined : Duration.seconds(spec.periodSeconds),
    timeoutSeconds: spec.timeoutSeconds === undefined ? undefined : Duration.seconds(spec.timeoutSeconds),
    failureThreshold: spec.failureThreshold,
    successThreshold: spec.successThreshold,
  };
  if (spec.exec) return kplus.Probe.fromCommand(spec.exec.command, options);
  if (spec.tcp) return kplus.Probe.fromTcpSocket({ ...options, port: spec.tcp.port ?? appPort });
  return kplus.Probe.fromHttpGet(spec.http?.path ?? '/', { ...options, port: spec.http?.port ?? appPort });
}

function resources(app: App): k8s.ResourceRequirements {
  const list = (r: { cpu?: string | number; memory?: string | number } | undefined) => {
    if (!r) return undefined;
    const out: Record<string, k8s.Quantity> = {};
    if (r.cpu !== undefined) out.cpu = k8s.Quantity.fromString(String(r.cpu));
    if (r.memory !== undefined) out.memory = k8s.Quantity.fromString(String(r.memory));
    return Object.keys(out).length > 0 ? out : undefined;
  };
  return { requests: list(app.resources?.requests), limits: list(app.resources?.limits) };
}

function envVariables(scope: Construct, app: App): Record<string, kplus.EnvValue> {
  const out: Record<string, kplus.EnvValue> = {};
  for (const [key, value] of Object.entries(app.env ?? {})) {
    if (typeof value === 'string') out[key] = kplus.EnvValue.fromValue(value);
    else if ('secretKeyRef' in value) {
      out[key] = kplus.EnvValue.fromSecretValue({
        secret: kplus.Secret.fromSecretName(scope, `secret-${key}`, value.secretKeyRef.name),
        key: value.secretKeyRef.key,
      });
    } else {
      out[key] = kplus.EnvValue.fromConfigMap(
        kplus.ConfigMap.fromConfigMapName(scope, `configmap-${key}`, value.configMapKeyRef.name),
        value.configMapKeyRef.key,
      );
    }
  }
  return out;
}

function intOrString(v: number | string): k8s.IntOrString {
  return typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);
}
