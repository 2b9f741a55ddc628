// Hand-written sets whose sync waves (or Flux dependsOn) can never converge, run through the real CLI: `validate`
// exits 1 naming the wave and the dependency, and the same objects in a workable order pass (exit 0).
//
// Argo CD applies a wave only once every object of the previous one is Healthy (argo-cd docs/user-guide/sync-waves.md;
// gitops-engine pkg/sync/sync_context.go), so an object that needs one of a later wave waits forever. A Namespace or
// CRD of the same Application is no such case: gitops-engine moves it into the wave of the first object that needs it
// (pkg/sync/sync_tasks.go adjustDeps), which is why those two rows put the provider in another Application.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mirrorDirs } from './support/mirror.js';
import { REPO, runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

/** Files of one set (path in the folder → YAML), given the consumer's and the provider's wave. */
type SetOf = (consumer: number, provider: number) => Record<string, string>;

interface Case {
  readonly what: string;
  readonly set: SetOf;
  /** The waves that never converge, and a workable order of the same objects. */
  readonly never: readonly [number, number];
  readonly workable: readonly [number, number];
  /** The report's line (without the file prefix). */
  readonly message: string;
}

const at = (w: number): string => `argocd.argoproj.io/sync-wave: "${w}"`;

const pod = (w: number, podSpec: string, namespace = 'default', extra = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${namespace}
  annotations: { ${at(w)} }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
${podSpec}      containers:
        - name: web
          image: nginx:1.27${extra}
`;

const root = (path = '.'): string => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: root, namespace: argocd }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: ${path} }
  destination: { server: https://kubernetes.default.svc, namespace: default }
`;

const child = (name: string, w: number, namespace: string, options = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: ${name}, namespace: argocd, annotations: { ${at(w)} } }
spec:
  project: default
  source: { repoURL: https://example.com/deploy.git, path: ${name} }
  destination: { server: https://kubernetes.default.svc, namespace: ${namespace} }${options ? `\n  syncPolicy: { syncOptions: [${options}] }` : ''}
`;

const docs = (...d: string[]): string => d.join('---\n');

const CASES: readonly Case[] = [
  {
    what: 'pods need the NodePool whose label their nodeSelector asks for (prod defect 1)',
    set: (c, p) => ({
      'set.yaml': docs(
        pod(c, '      nodeSelector: { karpenter.sh/nodepool: spot }\n'),
        `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: spot, annotations: { ${at(p)} } }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [spot] }]
`,
      ),
    }),
    never: [0, 10],
    workable: [10, 0],
    message:
      'Deployment default/web (wave 0) needs NodePool spot (wave 10, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 10',
  },
  {
    what: "pods need a label that only a pool's nodes carry, by required node affinity",
    set: (c, p) => ({
      'set.yaml': docs(
        pod(
          c,
          `      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms: [{ matchExpressions: [{ key: team, operator: In, values: [batch] }] }]
`,
        ),
        `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: batch, annotations: { ${at(p)} } }
spec:
  template:
    metadata: { labels: { team: batch } }
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: kubernetes.io/arch, operator: In, values: [amd64] }]
`,
      ),
    }),
    never: [-1, 3],
    workable: [3, -1],
    message:
      'Deployment default/web (wave -1) needs NodePool batch (wave 3, applied later): Argo CD waits for wave -1 to be Healthy before applying wave 3',
  },
  {
    what: 'pods need the v1alpha5 Provisioner named by karpenter.sh/provisioner-name',
    set: (c, p) => ({
      'set.yaml': docs(
        pod(c, '      nodeSelector: { karpenter.sh/provisioner-name: default }\n'),
        `apiVersion: karpenter.sh/v1alpha5
kind: Provisioner
metadata: { name: default, annotations: { ${at(p)} } }
spec:
  providerRef: { name: default }
  requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [on-demand] }]
`,
      ),
    }),
    never: [0, 1],
    workable: [1, 0],
    message:
      'Deployment default/web (wave 0) needs Provisioner default (wave 1, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 1',
  },
  {
    what: 'a NodePool needs its EC2NodeClass (Karpenter launches no node for it until NodeClassReady)',
    set: (c, p) => ({
      'set.yaml': docs(
        `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: spot, annotations: { ${at(c)} } }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: karpenter.sh/capacity-type, operator: In, values: [spot] }]
`,
        `apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: { name: default, annotations: { ${at(p)} } }
spec:
  role: KarpenterNodeRole-shop
  amiSelectorTerms: [{ alias: al2023@latest }]
  subnetSelectorTerms: [{ tags: { karpenter.sh/discovery: shop } }]
  securityGroupSelectorTerms: [{ tags: { karpenter.sh/discovery: shop } }]
`,
      ),
    }),
    never: [0, 1],
    workable: [1, 0],
    message:
      'NodePool spot (wave 0) needs EC2NodeClass default (wave 1, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 1',
  },
  {
    what: 'an HPA needs the Deployment it scales (AbleToScale false until it exists)',
    set: (c, p) => ({
      'set.yaml': docs(
        `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: default, annotations: { ${at(c)} } }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 5
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }]
`,
        pod(
          p,
          '',
          'default',
          `
          resources: { requests: { cpu: 100m, memory: 64Mi } }`,
        ),
      ),
    }),
    never: [0, 3],
    workable: [3, 0],
    message:
      'HorizontalPodAutoscaler default/web (wave 0) needs Deployment default/web (wave 3, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 3',
  },
  {
    what: 'pods need their PriorityClass',
    set: (c, p) => ({
      'set.yaml': docs(
        pod(c, '      priorityClassName: business-critical\n'),
        `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: { name: business-critical, annotations: { ${at(p)} } }
value: 1000
`,
      ),
    }),
    never: [0, 5],
    workable: [5, 0],
    message:
      'Deployment default/web (wave 0) needs PriorityClass business-critical (wave 5, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 5',
  },
  {
    what: 'pods need their ServiceAccount',
    set: (c, p) => ({
      'set.yaml': docs(
        pod(c, '      serviceAccountName: web\n'),
        `apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: default, annotations: { ${at(p)} } }
`,
      ),
    }),
    never: [0, 2],
    workable: [2, 2],
    message:
      'Deployment default/web (wave 0) needs ServiceAccount default/web (wave 2, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 2',
  },
  {
    what: 'pods need the ConfigMap they mount',
    set: (c, p) => ({
      'set.yaml': docs(
        pod(c, '      volumes: [{ name: config, configMap: { name: web-config } }]\n'),
        `apiVersion: v1
kind: ConfigMap
metadata: { name: web-config, namespace: default, annotations: { ${at(p)} } }
data: { nginx.conf: "" }
`,
      ),
    }),
    never: [0, 1],
    workable: [0, -1],
    message:
      'Deployment default/web (wave 0) needs ConfigMap default/web-config (wave 1, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 1',
  },
  {
    what: 'pods need the Secret an env var reads',
    set: (c, p) => ({
      'set.yaml': docs(
        pod(
          c,
          '',
          'default',
          `
          env: [{ name: PASSWORD, valueFrom: { secretKeyRef: { name: web-db, key: password } } }]`,
        ),
        `apiVersion: v1
kind: Secret
metadata: { name: web-db, namespace: default, annotations: { ${at(p)} } }
type: Opaque
stringData: { password: x }
`,
      ),
    }),
    never: [1, 2],
    workable: [2, 1],
    message:
      'Deployment default/web (wave 1) needs Secret default/web-db (wave 2, applied later): Argo CD waits for wave 1 to be Healthy before applying wave 2',
  },
  {
    what: 'pods of an injected namespace need the sidecar injector webhook when they are created',
    set: (c, p) => ({
      'set.yaml': docs(
        `apiVersion: v1
kind: Namespace
metadata: { name: web, labels: { istio-injection: enabled } }
`,
        pod(c, '', 'web'),
        `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: { name: istio-sidecar-injector, annotations: { ${at(p)} } }
webhooks:
  - name: namespace.sidecar-injector.istio.io
    admissionReviewVersions: [v1]
    sideEffects: None
    clientConfig: { service: { name: istiod, namespace: istio-system, path: /inject } }
    namespaceSelector: { matchLabels: { istio-injection: enabled } }
    rules: [{ operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods] }]
`,
      ),
    }),
    never: [0, 4],
    workable: [4, 0],
    message:
      'Deployment web/web (wave 0) needs the Istio sidecar injector (namespace web labelled istio-injection=enabled) (MutatingWebhookConfiguration istio-sidecar-injector, wave 4, applied later): Argo CD waits for wave 0 to be Healthy before applying wave 4',
  },
  {
    what: 'an Application needs the namespace that a later wave of its parent creates',
    set: (c, p) => ({
      'root.yaml': docs(
        root(),
        child('web', c, 'web'),
        `apiVersion: v1
kind: Namespace
metadata: { name: web, annotations: { ${at(p)} } }
`,
      ),
      'web/web.yaml': pod(0, '', 'web'),
    }),
    never: [0, 5],
    workable: [5, 0],
    message:
      'Deployment web/web (wave 0 of Application argocd/web) needs Namespace web (wave 5 of Application argocd/root, applied later): Argo CD waits for wave 0 of Application argocd/root to be Healthy before applying wave 5',
  },
  {
    what: 'a custom resource needs the CRD that a later wave of its parent applies',
    set: (c, p) => ({
      'root.yaml': docs(
        root(),
        child('widgets', c, 'default'),
        `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com, annotations: { ${at(p)} } }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  versions: [{ name: v1, served: true, storage: true, schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } } }]
`,
      ),
      'widgets/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: default }\n',
    }),
    never: [0, 5],
    workable: [0, -5],
    message:
      'Widget default/w (wave 0 of Application argocd/widgets) needs the CRD of example.com/Widget (CustomResourceDefinition widgets.example.com, wave 5 of Application argocd/root, applied later): Argo CD waits for wave 0 of Application argocd/root to be Healthy before applying wave 5',
  },
  {
    what: "a custom resource needs the CRD that an operator's chart installs in a later wave (KEDA)",
    set: (c, p) => ({
      'root.yaml': docs(
        root(),
        child('web', c, 'default'),
        `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: keda, namespace: argocd, annotations: { ${at(p)} } }
spec:
  project: default
  source: { repoURL: https://kedacore.github.io/charts, chart: keda, targetRevision: 2.20.2 }
  destination: { server: https://kubernetes.default.svc, namespace: keda }
  syncPolicy: { syncOptions: [CreateNamespace=true] }
`,
      ),
      'web/scaledobject.yaml': `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: web, namespace: default }
spec: { scaleTargetRef: { name: web }, minReplicaCount: 1, triggers: [{ type: cpu, metricType: Utilization, metadata: { value: "70" } }] }
`,
    }),
    never: [0, 10],
    workable: [0, -10],
    message:
      'ScaledObject default/web (wave 0 of Application argocd/web) needs the CRD of keda.sh/ScaledObject (Application argocd/keda (chart keda 2.20.2), applied later): Argo CD waits for wave 0 of Application argocd/root to be Healthy before applying wave 10',
  },
  {
    what: 'Flux: Kustomizations whose dependsOn is a cycle',
    set: (c) => ({
      'flux.yaml': docs(
        ...['a', 'b'].map(
          (name) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: ${name}, namespace: flux-system }
spec:
  interval: 10m
  path: ./${name}
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
${name === 'a' ? (c === 0 ? '  dependsOn: [{ name: b }]\n' : '') : '  dependsOn: [{ name: a }]\n'}`,
        ),
      ),
      'a/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: default }\ndata: { a: b }\n',
      'b/config.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b, namespace: default }\ndata: { a: b }\n',
    }),
    never: [0, 0],
    workable: [1, 0],
    message:
      'Kustomization flux-system/a never becomes Ready: its dependsOn is a cycle (Kustomization flux-system/a → Kustomization flux-system/b → Kustomization flux-system/a), and Flux applies a unit only once every unit it depends on is Ready',
  },
  {
    what: 'Flux: pods need a PriorityClass of a Kustomization that depends on theirs',
    set: (c) => ({
      'flux.yaml': docs(
        ...['apps', 'platform'].map(
          (name) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: ${name}, namespace: flux-system }
spec:
  interval: 10m
  path: ./${name}
  prune: true
  wait: true
  sourceRef: { kind: GitRepository, name: flux-system }
${(name === 'platform') === (c === 0) ? `  dependsOn: [{ name: ${name === 'apps' ? 'platform' : 'apps'} }]\n` : ''}`,
        ),
      ),
      'apps/web.yaml': pod(0, '      priorityClassName: business-critical\n'),
      'platform/priority.yaml': 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: business-critical }\nvalue: 1000\n',
    }),
    never: [0, 0],
    workable: [1, 0],
    message:
      'Deployment default/web (Kustomization flux-system/apps) needs PriorityClass business-critical (Kustomization flux-system/platform, applied later): Flux applies Kustomization flux-system/platform only once Kustomization flux-system/apps is Ready (dependsOn), and that needs it',
  },
];

describe('validate: sets whose order can never converge, and the same objects in a workable order', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const validate = (files: Record<string, string>) => {
    const dir = tempDir('eg-waves-');
    dirs.push(dir);
    for (const [name, yaml] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), yaml);
    }
    return runCli(['validate', dir], REPO, { ELASTIC_GITOPS_MIRROR: mirrorDirs().join(':') });
  };
  it.each(CASES)('$what', (c) => {
    const never = validate(c.set(...c.never));
    expect(never.stdout).toContain(`${c.message} [converges]`);
    expect(never.status).toBe(1);
    const workable = validate(c.set(...c.workable));
    expect(workable.stdout, workable.stdout).not.toContain('[converges]');
    expect(workable.status, workable.stdout + workable.stderr).toBe(0);
  });
});
