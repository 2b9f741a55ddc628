// "null means unset": the API server reads a null field as absent (Go structs for built-in kinds; CRDs prune nulls of
// non-nullable fields), so `kubectl create --dry-run=client -o yaml` output validates; a required field null is missing.
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../src/validate/index.js';
import { docs } from './support/manifests.js';
import { mirrorDirs } from './support/mirror.js';

const MIRRORS = mirrorDirs();
const problems = async (yaml: string) =>
  (await validateManifests(docs(yaml), { mirrors: MIRRORS })).problems.map((p) => `${p.kind} ${p.path} ${p.message}`);

/** `kubectl create deployment x --image=nginx --dry-run=client -o yaml`, as kubectl 1.31 prints it. */
const KUBECTL_CREATE_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: x
  name: x
spec:
  replicas: 1
  selector:
    matchLabels:
      app: x
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: x
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`;

/** `kubectl create service clusterip web --tcp=80:8080 --dry-run=client -o yaml`. */
const KUBECTL_CREATE_SERVICE = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
`;

describe('validate: null means unset', () => {
  it('accepts kubectl --dry-run=client -o yaml output (creationTimestamp: null, resources: {}, status: {})', async () => {
    expect(await problems(KUBECTL_CREATE_DEPLOYMENT)).toEqual([]);
    expect(await problems(KUBECTL_CREATE_SERVICE)).toEqual([]);
  });

  it('accepts null on optional fields of built-in kinds (a NetworkPolicy rule with from: null)', async () => {
    expect(
      await problems(
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: np, namespace: a }\nspec: { podSelector: {}, ingress: [{ from: null, ports: null }] }',
      ),
    ).toEqual([]);
  });

  it('reports a required field given as null as missing', async () => {
    expect(await problems('apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: a }\nspec: { containers: null }')).toEqual([
      'Pod /spec/containers missing required field "containers"',
    ]);
  });

  it("prunes nulls of a custom resource's non-nullable fields, keeps those its schema calls nullable", async () => {
    // Istio's CRDs mark optional wrapper values nullable: null stays, and passes
    expect(
      await problems(
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: { name: d, namespace: a, creationTimestamp: null }\nspec: { host: web, trafficPolicy: { connectionPool: { http: { maxRetries: null } } } }',
      ),
    ).toEqual([]);
    // a non-nullable field of a CRD: pruned, as if absent
    expect(
      await problems(
        'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: { name: s, namespace: a }\nspec: { scaleTargetRef: { name: web }, minReplicaCount: 1, pollingInterval: null, triggers: [{ type: cpu, metricType: Utilization, metadata: { value: "50" } }] }',
      ),
    ).toEqual([]);
    expect(
      await problems(
        'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: { name: s, namespace: a }\nspec: { scaleTargetRef: null, minReplicaCount: 1, triggers: [{ type: cpu, metricType: Utilization, metadata: { value: "50" } }] }',
      ),
    ).toEqual(['ScaledObject /spec/scaleTargetRef missing required field "scaleTargetRef"']);
  });
});
