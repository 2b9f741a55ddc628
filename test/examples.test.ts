// The five seed articles' clusters, each from one environment file in examples/: rendered, validated, and holding the
// key values each article writes by hand.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import type { SerializedEnvironment } from '../src/synth/serialize.js';
import { validateManifests } from '../src/validate/index.js';
import { REPO } from './support/run-cli.js';
import { find, type K8sObject } from './support/render.js';

let rendered: SerializedEnvironment[];
const objectsOf = (env: string): K8sObject[] => rendered.find((e) => e.env === env)!.docs.map((d) => d.object as K8sObject);

beforeAll(() => {
  rendered = compile({ environmentsDir: join(REPO, 'examples') });
});

describe('examples/', () => {
  it('renders one environment per seed article', () => {
    expect(rendered.map((e) => e.env)).toEqual(['000-chris', '001-myipv4cluster', '002-lke-multiregion', '003-kind-flask', '004-karpenter-spot']);
  });

  it('every rendered object passes validation with no errors', async () => {
    const report = await validateManifests(rendered.flatMap((e) => e.docs), { mirrors: [join(REPO, '..', 'shared')] });
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('000: EKS "chris" with Istio, KEDA on istio_requests_total and a Karpenter Provisioner', () => {
  it('scrapes Envoy sidecars and istiod with prometheus-operator', () => {
    const objects = objectsOf('000-chris');
    expect(objects.some((o) => o.kind === 'Prometheus')).toBe(true);
    const envoy = objects.find((o) => o.kind === 'PodMonitor' && JSON.stringify(o).includes('/stats/prometheus'));
    expect(envoy).toBeDefined();
    const istiod = find(objects, 'ServiceMonitor', 'istio-component-monitor');
    expect(istiod.spec.selector.matchExpressions).toContainEqual({ key: 'istio', operator: 'In', values: ['pilot'] });
  });

  it('routes chris.somecompany.com through the Gateway to nginx in web', () => {
    const objects = objectsOf('000-chris');
    expect(find(objects, 'Gateway', 'public').spec.servers[0].hosts).toEqual(['chris.somecompany.com']);
    const vs = find(objects, 'VirtualService', 'nginx');
    expect(vs.metadata.namespace).toBe('web');
    expect(vs.spec.hosts).toEqual(['chris.somecompany.com']);
    expect(vs.spec.http[0].route[0].destination).toEqual({ host: 'nginx.web.svc.cluster.local', port: { number: 80 } });
  });

  it('scales nginx with KEDA on istio_requests_total: threshold 10, 1..10 replicas, cooldown 30', () => {
    const so = find(objectsOf('000-chris'), 'ScaledObject', 'nginx');
    expect(so.spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 10, cooldownPeriod: 30, scaleTargetRef: { name: 'nginx' } });
    expect(so.spec.triggers[0]).toMatchObject({ type: 'prometheus', metadata: { query: 'sum(istio_requests_total{destination_app="nginx"})', threshold: '10' } });
  });

  it('provisions on-demand nodes with a v1alpha5 Provisioner: cpu 1000, memory 1000Gi, empty for 30 s', () => {
    const p = objectsOf('000-chris').find((o) => o.kind === 'Provisioner')!;
    expect(p.apiVersion).toBe('karpenter.sh/v1alpha5');
    expect(p.spec.requirements).toContainEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] });
    expect(p.spec.limits.resources).toEqual({ cpu: '1000', memory: '1000Gi' });
    expect(p.spec.ttlSecondsAfterEmpty).toBe(30);
  });
});

describe('001: EKS "myipv4cluster" with Cluster Autoscaler, Karpenter, HPAs and KEDA', () => {
  it('runs Cluster Autoscaler with ASG auto-discovery and balanced node groups', () => {
    const ca = objectsOf('001-myipv4cluster').find((o) => o.kind === 'Deployment' && o.metadata.name === 'cluster-autoscaler')!;
    const command = [...(ca.spec.template.spec.containers[0].command ?? []), ...(ca.spec.template.spec.containers[0].args ?? [])].join(' ');
    expect(command).toContain('--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/myipv4cluster');
    expect(command).toContain('--balance-similar-node-groups');
  });

  it('adds a Karpenter Provisioner for c5.large/m5.large/m5.xlarge labelled type=karpenter, with an AWSNodeTemplate', () => {
    const objects = objectsOf('001-myipv4cluster');
    const p = objects.find((o) => o.kind === 'Provisioner')!;
    expect(p.spec.requirements).toContainEqual({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['c5.large', 'm5.large', 'm5.xlarge'] });
    expect(p.spec.labels).toMatchObject({ type: 'karpenter' });
    expect(objects.some((o) => o.kind === 'AWSNodeTemplate')).toBe(true);
  });

  it('scales php-apache with a CPU HPA at 50% from 1 to 10', () => {
    const hpa = find(objectsOf('001-myipv4cluster'), 'HorizontalPodAutoscaler', 'php-apache');
    expect(hpa.spec).toMatchObject({ minReplicas: 1, maxReplicas: 10 });
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
  });

  it('serves http_requests_per_second through prometheus-adapter to the podinfo HPA', () => {
    const objects = objectsOf('001-myipv4cluster');
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'podinfo-adapter');
    expect(hpa.spec.metrics[0]).toMatchObject({ type: 'Pods', pods: { metric: { name: 'http_requests_per_second' } } });
    expect(JSON.stringify(objects.filter((o) => o.kind === 'ConfigMap'))).toContain('http_requests_per_second');
  });

  it('scales podinfo with KEDA between 2 and 10 with a fallback', () => {
    const so = find(objectsOf('001-myipv4cluster'), 'ScaledObject', 'podinfo');
    expect(so.spec).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 10, fallback: { failureThreshold: 3, replicas: 2 } });
  });
});

describe('002: LKE in three regions with overprovisioning, KEDA, Karmada, an east-west gateway and Knative', () => {
  it('holds spare capacity with a pause pod (900m / 3.8G) at priority -1', () => {
    const objects = objectsOf('002-lke-multiregion');
    expect(find(objects, 'PriorityClass', 'overprovisioning').value).toBe(-1);
    const pause = find(objects, 'Deployment', 'overprovisioning').spec.template.spec;
    expect(pause.containers[0].resources.requests).toEqual({ cpu: '900m', memory: '3.8G' });
    expect(pause.priorityClassName).toBe('overprovisioning');
  });

  it('scales podinfo with KEDA on a Prometheus query', () => {
    const so = find(objectsOf('002-lke-multiregion'), 'ScaledObject', 'podinfo');
    expect(so.spec.triggers[0].type).toBe('prometheus');
  });

  it('divides podinfo over us/ap/eu weighted 2/1/2 with Karmada', () => {
    const pp = objectsOf('002-lke-multiregion').find((o) => o.kind === 'PropagationPolicy' && o.metadata.namespace === 'podinfo')!;
    const weights = pp.spec.placement.replicaScheduling.weightPreference.staticWeightList.map((w: any) => [w.targetCluster.clusterNames[0], w.weight]);
    expect(weights).toEqual([['us', 2], ['ap', 1], ['eu', 2]]);
  });

  it('opens the east-west gateway: AUTO_PASSTHROUGH on 15443', () => {
    const gw = find(objectsOf('002-lke-multiregion'), 'Gateway', 'cross-network-gateway');
    expect(gw.spec.servers[0]).toMatchObject({ port: { number: 15443 }, tls: { mode: 'AUTO_PASSTHROUGH' } });
  });

  it('serves hello as a scale-to-zero Knative Service', () => {
    const ksvc = objectsOf('002-lke-multiregion').find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === 'hello')!;
    expect(ksvc.spec.template.metadata.annotations).toMatchObject({ 'autoscaling.knative.dev/min-scale': '0', 'autoscaling.knative.dev/max-scale': '10' });
  });
});

describe('003: kind cluster with the flask app, self-healing probes and a CPU HPA', () => {
  it('deploys hello-world-flask with requests 100m/100Mi and liveness/readiness probes, exposed on 5000 with an Ingress on /', () => {
    const objects = objectsOf('003-kind-flask');
    const c = find(objects, 'Deployment', 'hello-world-flask').spec.template.spec.containers[0];
    expect(c.resources.requests).toEqual({ cpu: '100m', memory: '100Mi' });
    expect(c.livenessProbe.httpGet).toMatchObject({ path: '/', port: 5000 });
    expect(c.readinessProbe.httpGet).toMatchObject({ path: '/', port: 5000 });
    expect(find(objects, 'Service', 'hello-world-flask').spec.ports[0].port).toBe(5000);
    expect(find(objects, 'Ingress', 'hello-world-flask').spec.rules[0].http.paths[0].path).toBe('/');
  });

  it('scales it with a CPU HPA at 50% from 2 to 10 (the Deployment leaves replicas to the HPA)', () => {
    const objects = objectsOf('003-kind-flask');
    expect(find(objects, 'Deployment', 'hello-world-flask').spec.replicas).toBeUndefined();
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'hello-world-flask');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(50);
  });
});

describe('004: Karpenter on spot and the inflate Deployment', () => {
  it('provisions spot nodes and removes them 30 s after they empty', () => {
    const p = objectsOf('004-karpenter-spot').find((o) => o.kind === 'Provisioner')!;
    expect(p.spec.requirements).toContainEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] });
    expect(p.spec.ttlSecondsAfterEmpty).toBe(30);
  });

  it('renders inflate: pause pods of 1 cpu, 0 replicas until scaled', () => {
    const d = find(objectsOf('004-karpenter-spot'), 'Deployment', 'inflate');
    expect(d.spec.replicas).toBe(0);
    expect(d.spec.template.spec.containers[0].resources.requests).toEqual({ cpu: '1' });
  });
});

describe('README gallery', () => {
  it('shows the current line and object counts and flow diagrams of every example (run `npm run gallery`)', async () => {
    const { readFileSync } = await import('node:fs');
    const { renderGallery } = await import('../src/gallery.js');
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain(renderGallery(join(REPO, 'examples')));
  });
});
