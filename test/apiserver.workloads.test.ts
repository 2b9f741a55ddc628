// Workload controllers as the API server checks them (cases after TestValidateDeployment, TestValidateDeploymentStrategy,
// TestValidateReplicaSet, TestValidateDaemonSet, TestValidateDaemonSetUpdateStrategy and TestValidateStatefulSet of
// kubernetes/pkg/apis/apps/validation/validation_test.go, TestValidateReplicationController of core's).
import { describe, expect, it } from 'vitest';
import { apiserver, deploymentWith, object, podSpec } from './support/apiserver.js';

const POD = podSpec();
const workload = (apiVersion: string, kind: string, spec: string) => apiserver(object(apiVersion, kind, `spec:\n${spec}`));
const template = (labels = '{ app: web }', spec = POD) => `  template:\n    metadata: { labels: ${labels} }\n    spec: ${spec}`;

describe('apiserver: Deployments', () => {
  it('the selector must match the template labels (matchLabels and matchExpressions)', () => {
    expect(apiserver(deploymentWith(POD))).toEqual([]);
    expect(workload('apps/v1', 'Deployment', `  selector: { matchLabels: { app: cart } }\n${template('{ app: checkout }')}`)).toEqual([
      '/spec/template/metadata/labels Invalid value: {"app":"checkout"}: `selector` does not match template `labels`',
    ]);
    expect(
      workload('apps/v1', 'Deployment', `  selector: { matchExpressions: [{ key: app, operator: In, values: [web, api] }] }\n${template()}`),
    ).toEqual([]);
    expect(workload('apps/v1', 'Deployment', `  selector: { matchExpressions: [{ key: tier, operator: Exists }] }\n${template()}`)).toEqual([
      '/spec/template/metadata/labels Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('the selector is required, not empty, and valid', () => {
    expect(workload('apps/v1', 'Deployment', template())).toEqual(['/spec/selector Required value']);
    expect(workload('apps/v1', 'Deployment', `  selector: {}\n${template()}`)).toEqual([
      '/spec/selector Invalid value: {}: empty selector is invalid for deployment',
    ]);
    expect(workload('apps/v1', 'Deployment', `  selector: { matchExpressions: [{ key: app, operator: In }] }\n${template()}`)).toEqual([
      "/spec/selector/matchExpressions/0/values Required value: must be specified when `operator` is 'In' or 'NotIn'",
      '/spec/template/metadata/labels Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('strategy: Recreate has no rollingUpdate; maxSurge and maxUnavailable not both 0; at most 100%', () => {
    expect(apiserver(deploymentWith(POD, '  strategy: { type: Recreate }'))).toEqual([]);
    expect(apiserver(deploymentWith(POD, '  strategy: { rollingUpdate: { maxSurge: 0 } }'))).toEqual([]);
    expect(apiserver(deploymentWith(POD, '  strategy: { type: Recreate, rollingUpdate: { maxSurge: 1 } }'))).toEqual([
      "/spec/strategy/rollingUpdate Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ]);
    expect(apiserver(deploymentWith(POD, '  strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: "0%" } }'))).toEqual([
      '/spec/strategy/rollingUpdate/maxUnavailable Invalid value: "0%": may not be 0 when `maxSurge` is 0',
    ]);
    expect(apiserver(deploymentWith(POD, '  strategy: { rollingUpdate: { maxUnavailable: 110% } }'))).toEqual([
      '/spec/strategy/rollingUpdate/maxUnavailable Invalid value: "110%": must not be greater than 100%',
    ]);
    expect(apiserver(deploymentWith(POD, '  strategy: { rollingUpdate: { maxSurge: "1.5" } }'))[0]).toMatch(
      /^\/spec\/strategy\/rollingUpdate\/maxSurge Invalid value: "1.5": a valid percent string/,
    );
    expect(apiserver(deploymentWith(POD, '  strategy: { type: BlueGreen }'))).toEqual([
      '/spec/strategy/type Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"',
    ]);
  });

  it('replicas, minReadySeconds and revisionHistoryLimit ≥ 0; progressDeadlineSeconds (600 by default) > minReadySeconds', () => {
    expect(apiserver(deploymentWith(POD, '  replicas: 0\n  revisionHistoryLimit: 0\n  minReadySeconds: 30\n  progressDeadlineSeconds: 60'))).toEqual(
      [],
    );
    expect(apiserver(deploymentWith(POD, '  replicas: -1\n  revisionHistoryLimit: -1'))).toEqual([
      '/spec/replicas Invalid value: -1: must be greater than or equal to 0',
      '/spec/revisionHistoryLimit Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(apiserver(deploymentWith(POD, '  minReadySeconds: 60\n  progressDeadlineSeconds: 60'))).toEqual([
      '/spec/progressDeadlineSeconds Invalid value: 60: must be greater than minReadySeconds',
    ]);
    expect(apiserver(deploymentWith(POD, '  minReadySeconds: 900'))).toEqual([
      '/spec/progressDeadlineSeconds Invalid value: 600: must be greater than minReadySeconds',
    ]);
  });

  it('the template restarts Always and has no activeDeadlineSeconds; its pod spec is checked', () => {
    expect(apiserver(deploymentWith(podSpec('', 'restartPolicy: OnFailure')))).toEqual([
      '/spec/template/spec/restartPolicy Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    expect(apiserver(deploymentWith(podSpec('', 'activeDeadlineSeconds: 30')))).toEqual([
      '/spec/template/spec/activeDeadlineSeconds Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported',
    ]);
    expect(apiserver(deploymentWith(podSpec('ports: [{ name: http_port, containerPort: 80 }]')))[0]).toMatch(
      /^\/spec\/template\/spec\/containers\/0\/ports\/0\/name Invalid value: "http_port"/,
    );
  });
});

describe('apiserver: ReplicaSets, DaemonSets, StatefulSets, ReplicationControllers', () => {
  it('ReplicaSet: as a Deployment, selector and template', () => {
    expect(workload('apps/v1', 'ReplicaSet', `  selector: { matchLabels: { app: web } }\n${template()}`)).toEqual([]);
    expect(workload('apps/v1', 'ReplicaSet', `  selector: { matchLabels: { app: api } }\n${template()}`)).toEqual([
      '/spec/template/metadata/labels Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('DaemonSet: selector matches, rolling update with exactly one of maxSurge and maxUnavailable (1 by default)', () => {
    expect(
      workload(
        'apps/v1',
        'DaemonSet',
        `  selector: { matchLabels: { app: web } }\n${template()}\n  updateStrategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }`,
      ),
    ).toEqual([]);
    expect(
      workload(
        'apps/v1',
        'DaemonSet',
        `  selector: { matchLabels: { app: web } }\n${template()}\n  updateStrategy: { rollingUpdate: { maxSurge: 1 } }`,
      ),
    ).toEqual(['/spec/updateStrategy/rollingUpdate/maxSurge Invalid value: 1: may not be set when maxUnavailable is non-zero']);
    expect(
      workload(
        'apps/v1',
        'DaemonSet',
        `  selector: { matchLabels: { app: web } }\n${template()}\n  updateStrategy: { rollingUpdate: { maxUnavailable: 0 } }`,
      ),
    ).toEqual(['/spec/updateStrategy/rollingUpdate/maxUnavailable Required value: cannot be 0 when maxSurge is 0']);
    expect(workload('apps/v1', 'DaemonSet', `  selector: { matchLabels: { app: node } }\n${template()}`)).toEqual([
      '/spec/template/metadata/labels Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });

  it('StatefulSet: policies, maxUnavailable not 0, and mounts of volumeClaimTemplates are volumes', () => {
    const claims =
      '  volumeClaimTemplates: [{ metadata: { name: data }, spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } } }]';
    const mounting = podSpec('volumeMounts: [{ name: data, mountPath: /var/lib/db }]');
    expect(
      workload(
        'apps/v1',
        'StatefulSet',
        `  serviceName: db\n  selector: { matchLabels: { app: web } }\n${template('{ app: web }', mounting)}\n${claims}`,
      ),
    ).toEqual([]);
    expect(
      workload('apps/v1', 'StatefulSet', `  serviceName: db\n  selector: { matchLabels: { app: web } }\n${template('{ app: web }', mounting)}`),
    ).toEqual(['/spec/template/spec/containers/0/volumeMounts/0/name Not found: "data"']);
    expect(
      workload(
        'apps/v1',
        'StatefulSet',
        `  podManagementPolicy: Random\n  updateStrategy: { rollingUpdate: { maxUnavailable: 0 } }\n  selector: { matchLabels: { app: web } }\n${template()}`,
      ),
    ).toEqual([
      "/spec/podManagementPolicy Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
      '/spec/updateStrategy/rollingUpdate/maxUnavailable Invalid value: 0: cannot be 0',
    ]);
    expect(
      workload(
        'apps/v1',
        'StatefulSet',
        `  updateStrategy: { type: OnDelete, rollingUpdate: { partition: 1 } }\n  selector: { matchLabels: { app: web } }\n${template()}`,
      ),
    ).toEqual(['/spec/updateStrategy/rollingUpdate Invalid value: {"partition":1}: only allowed for updateStrategy \'RollingUpdate\'']);
  });

  it('ReplicationController: a map selector, or none (it defaults to the template labels)', () => {
    expect(workload('v1', 'ReplicationController', template())).toEqual([]);
    expect(workload('v1', 'ReplicationController', `  selector: { app: api }\n${template()}`)).toEqual([
      '/spec/template/metadata/labels Invalid value: {"app":"web"}: `selector` does not match template `labels`',
    ]);
  });
});
