// Synthetic inputs for `validate` benchmarks, written as YAML files the way a team's CI hands them over:
//  - `node-pools`: a tenth of the objects are Karpenter NodePools (each with its own label, half of them tainted for
//    one team), the rest Deployments that select a pool by label, tolerate a team's taint, require an instance
//    category by node affinity, or say nothing; the capacity rules match every pod against every pool.
//  - `cel`: objects whose CRDs carry many x-kubernetes-validations (EC2NodeClasses, NodePools, Istio
//    AuthorizationPolicies, Telemetries, Sidecars), so the CEL rules dominate.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MIXES = ['node-pools', 'cel'] as const;
export type Mix = (typeof MIXES)[number];

/** Writes about `resources` objects of the mix into `dir` (one file per kind); returns the number written. */
export function writeMix(dir: string, mix: Mix, resources: number): number {
  mkdirSync(dir, { recursive: true });
  const files = mix === 'node-pools' ? nodePoolMix(resources) : celMix(resources);
  let n = 0;
  for (const [name, docs] of Object.entries(files)) {
    writeFileSync(join(dir, `${name}.yaml`), docs.map((d) => `---\n${d}`).join(''));
    n += docs.length;
  }
  return n;
}

const NAMESPACES = 20;
const ns = (i: number) => `team-${i % NAMESPACES}`;
const namespaces = () => Array.from({ length: NAMESPACES }, (_, i) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns(i)}\n`);
const nodeClass = (name: string) =>
  `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata:
  name: ${name}
spec:
  amiSelectorTerms:
    - alias: al2023@latest
  role: KarpenterNodeRole-bench
  securityGroupSelectorTerms:
    - tags:
        karpenter.sh/discovery: bench
  subnetSelectorTerms:
    - tags:
        karpenter.sh/discovery: bench
        tier: ${name}
`;
const nodePool = (i: number, pools: number) =>
  `apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: pool-${i}
spec:
  limits:
    cpu: "1000"
    memory: 4000Gi
  template:
    metadata:
      labels:
        pool: pool-${i}
    spec:
      nodeClassRef:
        group: karpenter.k8s.aws
        kind: EC2NodeClass
        name: default
      requirements:
        - key: karpenter.k8s.aws/instance-category
          operator: In
          values:
            - ${['c', 'm', 'r'][i % 3]}
        - key: karpenter.sh/capacity-type
          operator: In
          values:
            - ${i % 4 === 0 ? 'spot' : 'on-demand'}
${i % 2 === 0 ? `      taints:\n        - key: team\n          value: ${ns(i % pools)}\n          effect: NoSchedule\n` : ''}  weight: ${(i % 100) + 1}
`;
const PLACEMENTS = [
  (i: number, pools: number) => `      nodeSelector:\n        pool: pool-${(i * 7) % pools}\n`,
  (i: number) => `      tolerations:\n        - key: team\n          value: ${ns(i)}\n          effect: NoSchedule\n`,
  (i: number) =>
    `      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n              - matchExpressions:\n                  - key: karpenter.k8s.aws/instance-category\n                    operator: In\n                    values:\n                      - ${['c', 'm', 'r'][i % 3]}\n`,
  () => '',
];
const deployment = (i: number, pools: number) =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${ns(i)}
spec:
  replicas: ${(i % 3) + 1}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
${PLACEMENTS[i % PLACEMENTS.length]!(i, pools)}      containers:
        - name: app
          image: ghcr.io/example/app:1.${i}.0
          resources:
            requests:
              cpu: ${100 + (i % 5) * 100}m
              memory: ${128 * ((i % 4) + 1)}Mi
            limits:
              memory: ${256 * ((i % 4) + 1)}Mi
`;

function nodePoolMix(resources: number): Record<string, string[]> {
  const pools = Math.max(1, Math.round(resources / 10));
  const apps = Math.max(0, resources - pools - NAMESPACES - 1);
  return {
    namespaces: namespaces(),
    'node-classes': [nodeClass('default')],
    'node-pools': Array.from({ length: pools }, (_, i) => nodePool(i, pools)),
    deployments: Array.from({ length: apps }, (_, i) => deployment(i, pools)),
  };
}

const authorizationPolicy = (i: number) =>
  `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-${i}
  namespace: ${ns(i)}
spec:
  selector:
    matchLabels:
      app: app-${i}
  action: ALLOW
  rules:
    - from:
        - source:
            principals:
              - cluster.local/ns/${ns(i + 1)}/sa/client-${i}
      to:
        - operation:
            methods:
              - GET
              - POST
            paths:
              - /api/${i}/*
      when:
        - key: request.headers[x-tenant]
          values:
            - tenant-${i}
`;
const telemetry = (i: number) =>
  `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata:
  name: telemetry-${i}
  namespace: ${ns(i)}
spec:
  selector:
    matchLabels:
      app: app-${i}
  accessLogging:
    - providers:
        - name: envoy
  metrics:
    - providers:
        - name: prometheus
      overrides:
        - match:
            metric: REQUEST_COUNT
          tagOverrides:
            tenant:
              value: "'tenant-${i}'"
`;
const sidecar = (i: number) =>
  `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata:
  name: sidecar-${i}
  namespace: ${ns(i)}
spec:
  workloadSelector:
    labels:
      app: app-${i}
  egress:
    - hosts:
        - ./*
        - istio-system/*
`;

function celMix(resources: number): Record<string, string[]> {
  const per = Math.max(1, Math.floor((resources - NAMESPACES) / 5));
  return {
    namespaces: namespaces(),
    'node-classes': Array.from({ length: per }, (_, i) => nodeClass(`class-${i}`)),
    'node-pools': Array.from({ length: per }, (_, i) => nodePool(i, per).replace('name: default', `name: class-${i}`)),
    'authorization-policies': Array.from({ length: per }, (_, i) => authorizationPolicy(i)),
    telemetries: Array.from({ length: per }, (_, i) => telemetry(i)),
    sidecars: Array.from({ length: per }, (_, i) => sidecar(i)),
  };
}
