// The environment's Prometheus (prometheus-operator) with its service account and read-only discovery RBAC.
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import { Construct } from 'constructs';
import {
  Prometheus,
  PrometheusSpecResourcesLimits,
  PrometheusSpecResourcesRequests,
  PrometheusSpecStorageVolumeClaimTemplateSpecResourcesRequests,
} from '../../imports/monitoring.coreos.com.js';
import type { Environment } from '../../src/config/model/environment.js';

type Monitoring = Environment['monitoring'];
type ResourceList = NonNullable<NonNullable<Monitoring['prometheus']['resources']>['requests']>;

/** Props of PrometheusServer. */
export interface PrometheusServerProps {
  /** The environment's monitoring settings. */
  readonly monitoring: Monitoring;
}

/**
 * A Prometheus that picks up every ServiceMonitor and PodMonitor carrying `monitoring.selectorLabels` in any namespace,
 * and the PrometheusRules with those labels in its own namespace; its TSDB lives on a PersistentVolumeClaim by default.
 */
export class PrometheusServer extends Construct {
  public constructor(scope: Construct, id: string, props: PrometheusServerProps) {
    super(scope, id);
    const { monitoring } = props;
    const { namespace } = monitoring;
    const p = monitoring.prometheus;
    const selector = { matchLabels: { ...monitoring.selectorLabels } };
    const sa = new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: p.name, namespace } });
    const role = new k8s.KubeClusterRole(this, 'cluster-role', {
      metadata: { name: `${namespace}-${p.name}` },
      rules: [
        { apiGroups: [''], resources: ['nodes', 'nodes/metrics', 'services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
        { nonResourceUrLs: ['/metrics'], verbs: ['get'] },
      ],
    });
    new k8s.KubeClusterRoleBinding(this, 'cluster-role-binding', {
      metadata: { name: `${namespace}-${p.name}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.name },
      subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace }],
    });
    new Prometheus(this, 'prometheus', {
      metadata: { name: p.name, namespace },
      spec: {
        replicas: p.replicas,
        serviceAccountName: sa.name,
        retention: p.retention,
        scrapeInterval: p.scrapeInterval,
        evaluationInterval: p.evaluationInterval,
        serviceMonitorSelector: selector,
        serviceMonitorNamespaceSelector: {},
        podMonitorSelector: selector,
        podMonitorNamespaceSelector: {},
        ruleSelector: selector,
        securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 2000, fsGroup: 2000 },
        resources: p.resources && {
          requests: quantities(p.resources.requests, PrometheusSpecResourcesRequests.fromString),
          limits: quantities(p.resources.limits, PrometheusSpecResourcesLimits.fromString),
        },
        storage: p.storage.enabled
          ? {
              volumeClaimTemplate: {
                metadata: { name: 'prometheus-db' },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  storageClassName: p.storage.storageClassName,
                  resources: {
                    requests: { storage: PrometheusSpecStorageVolumeClaimTemplateSpecResourcesRequests.fromString(String(p.storage.size)) },
                  },
                },
              },
            }
          : undefined,
      },
    });
  }
}

function quantities<Q>(list: ResourceList | undefined, of: (v: string) => Q): Record<string, Q> | undefined {
  if (!list) return undefined;
  const out: Record<string, Q> = {};
  if (list.cpu !== undefined) out.cpu = of(String(list.cpu));
  if (list.memory !== undefined) out.memory = of(String(list.memory));
  return Object.keys(out).length > 0 ? out : undefined;
}
