// One app across Karmada member clusters: weighted PropagationPolicy and per-cluster OverridePolicy.
import { Construct } from 'constructs';
import {
  OverridePolicy,
  OverridePolicySpecOverrideRulesOverridersPlaintextOperator as Op,
  PropagationPolicy,
  PropagationPolicySpecPlacementReplicaSchedulingReplicaDivisionPreference as Division,
  PropagationPolicySpecPlacementReplicaSchedulingReplicaSchedulingType as Scheduling,
} from '../../imports/policy.karmada.io.js';
import type { App } from '../../src/config/model/environment.js';
import { deploymentName } from '../workloads/labels.js';

/** Props of AppPlacement. */
export interface AppPlacementProps {
  /** A deployment app. */
  readonly app: App;
  /** Where it goes: the app's placement or the environment default. */
  readonly placement: NonNullable<App['placement']>;
}

/** The objects of an app that Karmada propagates: its Deployments (stable, canary) and its Service. */
export function propagatedResources(app: App): { apiVersion: string; kind: string; name: string }[] {
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) },
    ...(app.routing?.canary ? [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app, 'canary') }] : []),
    ...(app.service.enabled ? [{ apiVersion: 'v1', kind: 'Service', name: app.name }] : []),
  ];
}

/**
 * `<app>-propagation` PropagationPolicy: the app's objects go to `placement.clusters`, replicas divided by static weight
 * (seed 002: us 2 / ap 1 / eu 2); `<app>-overrides` OverridePolicy replaces image or replicas of the stable Deployment per cluster.
 */
export class AppPlacement extends Construct {
  public constructor(scope: Construct, id: string, props: AppPlacementProps) {
    super(scope, id);
    const { app, placement } = props;
    const namespace = app.namespace;
    new PropagationPolicy(this, 'propagation', {
      metadata: { name: `${app.name}-propagation`, namespace },
      spec: {
        resourceSelectors: propagatedResources(app),
        placement: {
          clusterAffinity: { clusterNames: placement.clusters.map((c) => c.name) },
          replicaScheduling: {
            replicaSchedulingType: Scheduling.DIVIDED,
            replicaDivisionPreference: Division.WEIGHTED,
            weightPreference: { staticWeightList: placement.clusters.map((c) => ({ targetCluster: { clusterNames: [c.name] }, weight: c.weight })) },
          },
        },
      },
    });
    if (!placement.overrides) return;
    new OverridePolicy(this, 'overrides', {
      metadata: { name: `${app.name}-overrides`, namespace },
      spec: {
        resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) }],
        overrideRules: placement.overrides.map((o) => ({
          targetCluster: { clusterNames: [o.cluster] },
          overriders: {
            plaintext: [
              ...(o.image !== undefined ? [{ path: '/spec/template/spec/containers/0/image', operator: Op.REPLACE, value: o.image }] : []),
              ...(o.replicas !== undefined ? [{ path: '/spec/replicas', operator: Op.REPLACE, value: o.replicas }] : []),
            ],
          },
        })),
      },
    });
  }
}
