// The capacity plan: numbers per app and pool, the flow diagram's edges, and the `plan` command.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan, mermaid, renderPlanMarkdown, renderPlanText } from '../src/plan/index.js';
import { compile } from '../src/synth/compile.js';
import { REPO, runCli } from './support/run-cli.js';
import { deployment, docs } from './support/manifests.js';

const manifests = [
  `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: public, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*.shop.example.com"] }]`,
  `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: web }
spec:
  hosts: [web.shop.example.com]
  gateways: [istio-system/public]
  http: [{ route: [{ destination: { host: web.web.svc.cluster.local, port: { number: 9898 } } }] }]`,
  `apiVersion: v1
kind: Service
metadata: { name: web, namespace: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 9898 }]`,
  deployment({ name: 'web', namespace: 'web', cpu: '250m', memory: '128Mi' }).replace(
    'memory: 128Mi',
    'memory: 128Mi\n            limits:\n              memory: 256Mi',
  ),
  `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: web, namespace: web }
spec:
  scaleTargetRef: { name: web }
  minReplicaCount: 2
  maxReplicaCount: 20
  triggers:
    - type: prometheus
      metadata: { serverAddress: "http://prometheus-operated.monitoring:9090", query: "sum(rate(istio_requests_total{destination_workload=\\"web\\"}[1m]))", threshold: "50" }
    - type: cpu
      metricType: Utilization
      metadata: { value: "70" }`,
  deployment({ name: 'overprovisioning', namespace: 'overprovisioning', replicas: 3, cpu: '2', memory: '4Gi', image: 'registry.k8s.io/pause:3.9' }),
  `apiVersion: karpenter.sh/v1
kind: NodePool
metadata: { name: on-demand }
spec:
  template:
    spec:
      nodeClassRef: { group: karpenter.k8s.aws, kind: EC2NodeClass, name: default }
      requirements: [{ key: karpenter.k8s.aws/instance-category, operator: In, values: [c, m, r] }]
  limits: { cpu: "100", memory: 400Gi }`,
].join('\n---\n');

const GiB = 2 ** 30;

describe('plan model', () => {
  const plan = buildPlan(docs(manifests));

  it('gives per-app replicas, requests, limits, worst case and signal', () => {
    const web = plan.apps.find((a) => a.name === 'web')!;
    expect(web).toMatchObject({ kind: 'Deployment', namespace: 'web', minReplicas: 2, maxReplicas: 20, pools: ['on-demand'], placeholder: false });
    expect(web.requests).toEqual({ cpu: 0.25, memory: 128 * 2 ** 20 });
    expect(web.limits).toEqual({ cpu: 0, memory: 256 * 2 ** 20 });
    expect(web.worstCase).toEqual({ cpu: 5, memory: 2.5 * GiB });
    expect(web.signal).toBe('ScaledObject: prometheus 50/replica, cpu 70%');
  });

  it('gives per-pool limits, demand, overprovisioning and headroom', () => {
    expect(plan.pools).toHaveLength(1);
    const pool = plan.pools[0]!;
    expect(pool).toMatchObject({ kind: 'NodePool', name: 'on-demand', limits: { cpu: 100, memory: 400 * GiB } });
    expect(pool.demand).toEqual({ cpu: 5, memory: 2.5 * GiB });
    expect(pool.overprovisioning).toEqual({ cpu: 6, memory: 12 * GiB });
    expect(pool.headroom).toEqual({ cpu: 89, memory: 385.5 * GiB });
  });

  it('draws Gateway → VirtualService → Service → Deployment ← ScaledObject ← query, and Deployment → NodePool', () => {
    const label = (id: string): string => plan.nodes.find((n) => n.id === id)!.label;
    const edges = plan.edges.map((e) => `${label(e.from)} -> ${label(e.to)}`);
    expect(edges).toEqual([
      'Gateway istio-system/public -> VirtualService web/web',
      'VirtualService web/web -> Service web/web',
      'Service web/web -> Deployment web/web',
      'ScaledObject web/web -> Deployment web/web',
      'sum(rate(istio_requests_total{destination_workload="web"}[1m])) -> ScaledObject web/web',
      'Deployment web/web -> NodePool on-demand',
    ]);
    const text = mermaid(plan);
    expect(text.split('\n')[0]).toBe('flowchart LR');
    expect(text).toContain('  Gateway_istio_system_public --> VirtualService_web_web');
    expect(text).toContain('  ScaledObject_web_web -->|2..20| Deployment_web_web');
    expect(text).toContain('#quot;web#quot;');
    expect(text).toContain('  Deployment_web_web --> NodePool__on_demand');
  });
});

describe('plan output', () => {
  it('markdown has both tables and a mermaid block', () => {
    const md = renderPlanMarkdown(docs(manifests), { env: 'prod' });
    expect(md).toMatch(/^# Capacity plan: prod\n/);
    expect(md).toContain(
      '| Deployment web/web | 2 | 20 | 250m / 128Mi | none / 256Mi | 5 / 2.5Gi | ScaledObject: prometheus 50/replica, cpu 70% | on-demand |',
    );
    expect(md).toContain('| NodePool on-demand | 100 / 400Gi | 5 / 2.5Gi | 6 / 12Gi | 89 / 385.5Gi |');
    expect(md).toContain('```mermaid\nflowchart LR\n');
  });
  it('text has aligned tables', () => {
    const text = renderPlanText(docs(manifests));
    expect(text).toMatch(/^Apps \(cpu \/ memory[^\n]*\napp +min +max/);
    expect(text).toMatch(/Deployment web\/web +2 +20 +250m \/ 128Mi/);
    expect(text).toMatch(/NodePool on-demand +100 \/ 400Gi +5 \/ 2.5Gi +6 \/ 12Gi +89 \/ 385.5Gi/);
  });
  it('shows the apply order and what each step waits for, in both formats', () => {
    const waves = [
      `apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: { name: critical, annotations: { argocd.argoproj.io/sync-wave: "-10" } }\nvalue: 1000`,
      deployment({ name: 'web', namespace: 'default', podSpec: '      priorityClassName: critical' }),
    ].join('\n---\n');
    expect(buildPlan(docs(waves)).order).toEqual([
      { step: 'wave -10', applies: '1 PriorityClass', waitsFor: [] },
      { step: 'wave 0', applies: '1 Deployment', waitsFor: ['wave -10 Healthy'] },
    ]);
    expect(renderPlanText(docs(waves))).toMatch(
      /Apply order\n# +step +applies +waits for\n[- ]+\n1 +wave -10 +1 PriorityClass +-\n2 +wave 0 +1 Deployment +wave -10 Healthy\n/,
    );
    expect(renderPlanMarkdown(docs(waves))).toContain('## Apply order\n\nSteps in the order Argo CD');
    expect(renderPlanMarkdown(docs(waves))).toContain('| 2 | wave 0 | 1 Deployment | wave -10 Healthy |');
  });
  it("prints prod's apply order within 100 columns, wrapping (never cutting) each step and what it waits for", () => {
    const prod = compile({ environmentsDir: join(REPO, 'environments') }).find((e) => e.env === 'prod')!;
    const text = renderPlanText(prod.docs);
    const order = text.slice(text.indexOf('Apply order\n'));
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(order).not.toContain('…');
    // the text of the waits-for column, wrapped lines and all (whitespace aside)
    const lines = order.split('\n');
    const column = lines[1]!.indexOf('waits for');
    const flat = lines
      .slice(3)
      .map((l) => l.slice(column))
      .join('')
      .replace(/\s+/g, '');
    const steps = buildPlan(prod.docs).order;
    const workloads = steps.find((s) => s.step === 'wave 0 of Application argocd/prod-workloads')!;
    // the engine's wait (its parent's wave), and what its objects need from earlier steps (the NodePool and EC2NodeClass CRDs)
    expect(workloads.waitsFor).toEqual([
      'applied in wave 4 of Application argocd/prod',
      'Application argocd/prod-karpenter (chart karpenter 1.14.1)',
    ]);
    for (const s of steps) for (const w of s.waitsFor) expect(flat).toContain(w.replace(/\s+/g, ''));
  });
  it('`plan` prints an example environment, and rejects an unknown format with exit 2', () => {
    const ok = runCli(['plan', '--env', 'prod', '--output', 'markdown'], REPO);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('# Capacity plan: prod');
    expect(ok.stdout).toContain('Deployment web/web');
    const bad = runCli(['plan', '--env', 'prod', '--output', 'html'], REPO);
    expect(bad.status).toBe(2);
  });
});
