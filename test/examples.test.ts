// The five seed articles' clusters, each from one environment file in examples/: rendered, validated, and holding the
// key values each article writes by hand.
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import type { SerializedEnvironment } from '../src/synth/serialize.js';
import { validateManifests } from '../src/validate/index.js';
import { REPO } from './support/run-cli.js';
import { find, type K8sObject } from './support/render.js';
import { mirrorDirs } from './support/mirror.js';

let rendered: SerializedEnvironment[];
const objectsOf = (env: string): K8sObject[] => rendered.find((e) => e.env === env)!.docs.map((d) => d.object as K8sObject);

/** `label op "value"` matchers of every vector selector in a PromQL query, parsed with Prometheus's grammar. */
function matchers(query: string): { label: string; op: string; value: string }[] {
  const out: { label: string; op: string; value: string }[] = [];
  parser.parse(query).iterate({
    enter: (n) => {
      if (n.type.name !== 'UnquotedLabelMatcher') return;
      const [label, op, value] = [n.node.getChild('LabelName')!, n.node.getChild('MatchOp')!, n.node.getChild('StringLiteral')!].map((c) =>
        query.slice(c.from, c.to),
      );
      out.push({ label: label!, op: op!, value: JSON.parse(value!) as string });
    },
  });
  return out;
}

/**
 * The target labels Prometheus puts on every series scraped from one pod of `deployment` by `monitor` (values that
 * vary per pod are `undefined`): namespace, pod, container, endpoint, job, instance, service (ServiceMonitor), and the
 * monitor's podTargetLabels copied from the pod.
 */
function seriesLabels(monitor: K8sObject, deployment: K8sObject): Record<string, string | undefined> {
  const pod = deployment.spec.template.metadata.labels as Record<string, string>;
  const out: Record<string, string | undefined> = {
    namespace: deployment.metadata.namespace,
    pod: undefined,
    container: undefined,
    endpoint: undefined,
    job: undefined,
    instance: undefined,
  };
  if (monitor.kind === 'ServiceMonitor') out.service = undefined;
  for (const l of monitor.spec.podTargetLabels ?? []) if (pod[l] !== undefined) out[l] = pod[l];
  return out;
}

/** Problems of a KEDA query against the series of the app's monitor: matchers on labels it lacks or values it never has. */
function unmatched(objects: K8sObject[], app: string): string[] {
  const so = find(objects, 'ScaledObject', app);
  const deployment = find(objects, 'Deployment', app);
  const monitor = objects.find(
    (o) => (o.kind === 'ServiceMonitor' || o.kind === 'PodMonitor') && o.metadata.name === app && o.metadata.namespace === so.metadata.namespace,
  );
  if (!monitor) return [`no ServiceMonitor or PodMonitor scrapes ${app}`];
  const labels = seriesLabels(monitor, deployment);
  return matchers(so.spec.triggers[0].metadata.query)
    .filter((m) => !(m.label in labels) || (m.op === '=' && labels[m.label] !== undefined && labels[m.label] !== m.value))
    .map((m) => `${m.label}${m.op}"${m.value}" (series have ${m.label in labels ? `${m.label}="${labels[m.label]}"` : `no ${m.label}`})`);
}

const securityContextOf = (objects: K8sObject[], app: string) => find(objects, 'Deployment', app).spec.template.spec.securityContext;

beforeAll(() => {
  rendered = compile({ environmentsDir: join(REPO, 'examples') });
});

describe('examples/', () => {
  it('renders one environment per seed article', () => {
    expect(rendered.map((e) => e.env)).toEqual(['000-chris', '001-myipv4cluster', '002-lke-multiregion', '003-kind-flask', '004-karpenter-spot']);
  });

  it('every rendered object passes validation with no errors', async () => {
    const report = await validateManifests(
      rendered.flatMap((e) => e.docs),
      { mirrors: mirrorDirs() },
    );
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

  it('scales nginx with KEDA on the rate of istio_requests_total (the seed sums the raw counter): threshold 10, 1..10 replicas, cooldown 30', () => {
    const so = find(objectsOf('000-chris'), 'ScaledObject', 'nginx');
    expect(so.spec).toMatchObject({ minReplicaCount: 1, maxReplicaCount: 10, cooldownPeriod: 30, scaleTargetRef: { name: 'nginx' } });
    expect(so.spec.triggers[0]).toMatchObject({
      type: 'prometheus',
      metadata: { query: 'sum(rate(istio_requests_total{destination_app="nginx"}[1m]))', threshold: '10' },
    });
  });

  it("finds subnets and security groups by the kubernetes.io/cluster/chris tag the article's Terraform sets", () => {
    const t = objectsOf('000-chris').find((o) => o.kind === 'AWSNodeTemplate')!;
    expect(t.spec.subnetSelector).toEqual({ 'kubernetes.io/cluster/chris': '*' });
    expect(t.spec.securityGroupSelector).toEqual({ 'kubernetes.io/cluster/chris': '*' });
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
    expect(p.spec.requirements).toContainEqual({
      key: 'node.kubernetes.io/instance-type',
      operator: 'In',
      values: ['c5.large', 'm5.large', 'm5.xlarge'],
    });
    expect(p.spec.labels).toMatchObject({ type: 'karpenter' });
    expect(p.spec.limits.resources).toEqual({ cpu: '1000', memory: '1000Gi' });
    expect(objects.find((o) => o.kind === 'AWSNodeTemplate')!.spec.subnetSelector).toEqual({ 'karpenter.sh/discovery': 'myipv4cluster' });
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

  it('scrapes podinfo so that the KEDA query on http_requests_total{namespace="podinfo",app="podinfo"} finds series', () => {
    const objects = objectsOf('001-myipv4cluster');
    expect(find(objects, 'ScaledObject', 'podinfo').spec.triggers[0].metadata.query).toContain('app="podinfo"');
    expect(unmatched(objects, 'podinfo')).toEqual([]);
  });

  it('runs podinfo as its image user app by number (uid 100, gid 101): runAsNonRoot cannot check a user name', () => {
    const objects = objectsOf('001-myipv4cluster');
    for (const app of ['podinfo', 'podinfo-adapter'])
      expect(securityContextOf(objects, app)).toMatchObject({ runAsNonRoot: true, runAsUser: 100, runAsGroup: 101 });
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
    const objects = objectsOf('002-lke-multiregion');
    expect(find(objects, 'ScaledObject', 'podinfo').spec.triggers[0].type).toBe('prometheus');
    expect(unmatched(objects, 'podinfo')).toEqual([]);
    expect(securityContextOf(objects, 'podinfo')).toMatchObject({ runAsUser: 100, runAsGroup: 101 });
  });

  it('divides podinfo over us/ap/eu weighted 2/1/2 with Karmada', () => {
    const pp = objectsOf('002-lke-multiregion').find((o) => o.kind === 'PropagationPolicy' && o.metadata.namespace === 'podinfo')!;
    const weights = pp.spec.placement.replicaScheduling.weightPreference.staticWeightList.map((w: any) => [
      w.targetCluster.clusterNames[0],
      w.weight,
    ]);
    expect(weights).toEqual([
      ['us', 2],
      ['ap', 1],
      ['eu', 2],
    ]);
  });

  it('opens the east-west gateway: AUTO_PASSTHROUGH on 15443', () => {
    const gw = find(objectsOf('002-lke-multiregion'), 'Gateway', 'cross-network-gateway');
    expect(gw.spec.servers[0]).toMatchObject({ port: { number: 15443 }, tls: { mode: 'AUTO_PASSTHROUGH' } });
  });

  it('serves hello as a scale-to-zero Knative Service', () => {
    const ksvc = objectsOf('002-lke-multiregion').find((o) => o.apiVersion === 'serving.knative.dev/v1' && o.metadata.name === 'hello')!;
    expect(ksvc.spec.template.metadata.annotations).toMatchObject({
      'autoscaling.knative.dev/min-scale': '0',
      'autoscaling.knative.dev/max-scale': '10',
    });
  });
});

describe('003: kind cluster with the flask app, self-healing probes and a CPU HPA', () => {
  it('deploys hello-world-flask with requests 100m/100Mi and liveness/readiness probes, exposed on 5000 with an Ingress on /', () => {
    const objects = objectsOf('003-kind-flask');
    const c = find(objects, 'Deployment', 'hello-world-flask').spec.template.spec.containers[0];
    expect(c.image).toBe('lyzhang1999/hello-world-flask:latest');
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

  it('gives inflate no port and no probe (pause listens on nothing) and stops it at once, as the article', () => {
    const objects = objectsOf('004-karpenter-spot');
    const pod = find(objects, 'Deployment', 'inflate').spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(0);
    for (const key of ['ports', 'startupProbe', 'livenessProbe', 'readinessProbe']) expect(pod.containers[0]).not.toHaveProperty(key);
    expect(objects.filter((o) => o.kind === 'Service')).toEqual([]);
  });
});

describe('examples gallery (docs/examples.md)', () => {
  it('shows the current line and object counts and flow diagrams of every example (run `npm run gallery`)', async () => {
    const { readFileSync } = await import('node:fs');
    const { GALLERY_PAGE, renderGallery } = await import('../src/gallery.js');
    expect(readFileSync(join(REPO, GALLERY_PAGE), 'utf8')).toContain(renderGallery(join(REPO, 'examples')));
  });
});
