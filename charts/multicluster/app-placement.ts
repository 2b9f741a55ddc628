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
    overridePolicy(
      this,
      'overrides',
      `${app.name}-overrides`,
      namespace,
      { apiVersion: 'apps/v1', kind: 'Deployment', name: deploymentName(app) },
      overrides,
      [
        ['image', '/spec/template/spec/containers/0/image'],
        ['replicas', '/spec/replicas'],
      ],
    );
    // each member's KEDA scales by its own copy of the ScaledObject: its bounds can differ per cluster
    if (placedAutoscaling(env, app) === 'members') {
      overridePolicy(
        this,
        'scaling-overrides',
        `${app.name}-scaling-overrides`,
        namespace,
        { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', name: app.name },
        overrides,
        [
          ['minReplicas', '/spec/minReplicaCount'],
          ['maxReplicas', '/spec/maxReplicaCount'],
        ],
      );
    }
  }
}

/**
 * An OverridePolicy on one resource template: in each cluster whose override sets some of `fields`, those fields
 * replace the template's at their JSON pointers; no policy when no override sets any.
 */
function overridePolicy(
  scope: Construct,
  id: string,
  name: string,
  namespace: string,
  selector: { readonly apiVersion: string; readonly kind: string; readonly name: string },
  overrides: readonly Override[],
  fields: readonly (readonly [keyof Override & ('image' | 'replicas' | 'minReplicas' | 'maxReplicas'), string])[],
): void {
  const overrideRules = overrides.flatMap((o) => {
    const plaintext = fields.flatMap(([field, path]) => (o[field] === undefined ? [] : [{ path, operator: Op.REPLACE, value: o[field] }]));
    return plaintext.length > 0 ? [{ targetCluster: { clusterNames: [o.cluster] }, overriders: { plaintext } }] : [];
  });
  if (overrideRules.length > 0)
    new OverridePolicy(scope, id, { metadata: { name, namespace }, spec: { resourceSelectors: [selector], overrideRules } });
}
