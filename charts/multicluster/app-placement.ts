// One app across Karmada member clusters: weighted PropagationPolicy and per-cluster OverridePolicies.
import { Construct } from 'constructs';
import {
  OverridePolicy,
  OverridePolicySpecOverrideRulesOverridersPlaintextOperator as Op,
  PropagationPolicy,
  PropagationPolicySpecPlacementReplicaSchedulingReplicaDivisionPreference as Division,
  PropagationPolicySpecPlacementReplicaSchedulingReplicaSchedulingType as Scheduling,
} from '../../imports/policy.karmada.io.js';
import type { App, Environment } from '../../src/config/model/environment.js';
import { deploymentName } from '../workloads/labels.js';
import { placedAutoscaling, propagatedResources } from './karmada-objects.js';

type Override = NonNullable<NonNullable<App['placement']>['overrides']>[number];

/** Props of AppPlacement. */
export interface AppPlacementProps {
  /** A deployment app. */
  readonly app: App;
  /** The environment (a Karmada control plane). */
  readonly env: Environment;
  /** Where it goes: the app's placement or the environment default. */
  readonly placement: NonNullable<App['placement']>;
}

/**
 * `<app>-propagation` PropagationPolicy: the app's objects go to `placement.clusters`, replicas divided by static weight
 * (seed 002: us 2 / ap 1 / eu 2); `<app>-overrides` OverridePolicy replaces image or replicas of the stable Deployment
 * per cluster, and `<app>-scaling-overrides` the bounds of the ScaledObject KEDA scales that cluster's Deployment by.
 */
export class AppPlacement extends Construct {
  public constructor(scope: Construct, id: string, props: AppPlacementProps) {
    super(scope, id);
    const { app, env, placement } = props;
    const namespace = app.namespace;
    new PropagationPolicy(this, 'propagation', {
      metadata: { name: `${app.name}-propagation`, namespace },
      spec: {
        resourceSelectors: propagatedResources(env, app),
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
    const overrides = placement.overrides ?? [];
    const deployment = overrides.filter((o) => o.image !== undefined || o.replicas !== undefined);
    if (deployment.length > 0) {
      new OverridePolicy(this, 'overrides', {
        metadata: { name: `${app.name}-overrides`, namespace },
        spec: {
          resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) }],
          overrideRules: deployment.map((o) => ({
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
    // each member's KEDA scales by its own copy of the ScaledObject: its bounds can differ per cluster
    const bounds = placedAutoscaling(env, app) === 'members' ? overrides.filter(hasBounds) : [];
    if (bounds.length > 0) {
      new OverridePolicy(this, 'scaling-overrides', {
        metadata: { name: `${app.name}-scaling-overrides`, namespace },
        spec: {
          resourceSelectors: [{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: app.name }],
          overrideRules: bounds.map((o) => ({
            targetCluster: { clusterNames: [o.cluster] },
            overriders: {
              plaintext: [
                ...(o.minReplicas !== undefined ? [{ path: '/spec/minReplicaCount', operator: Op.REPLACE, value: o.minReplicas }] : []),
                ...(o.maxReplicas !== undefined ? [{ path: '/spec/maxReplicaCount', operator: Op.REPLACE, value: o.maxReplicas }] : []),
              ],
            },
          })),
        },
      });
    }
  }
}

/** Whether an override sets the autoscaling bounds of its cluster. */
function hasBounds(o: Override): boolean {
  return o.minReplicas !== undefined || o.maxReplicas !== undefined;
}
