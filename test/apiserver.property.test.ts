// Property: pod templates built only of valid parts (names, port names and numbers, labels, resources with requests
// at most their limits, probes, mounts of declared volumes) pass the API server checks, in every workload kind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiServerProblems } from '../src/validate/apiserver/index.js';

const lower = 'abcdefghijklmnopqrstuvwxyz';
const alnum = `${lower}0123456789`;
const chars = (set: string) => fc.constantFrom(...set.split(''));
/** A DNS-1123 label of 1..20 characters. */
const dnsLabel = fc
  .tuple(chars(alnum), fc.array(fc.oneof(chars(alnum), fc.constant('-')), { maxLength: 18 }), chars(alnum))
  .map(([a, mid, z]) => `${a}${mid.join('')}${z}`);
/** An IANA service name: ≤ 15 of [a-z0-9-], a letter, no leading, trailing or double dash. */
const portName = fc
  .tuple(chars(lower), fc.array(fc.tuple(fc.boolean(), chars(alnum)), { maxLength: 6 }))
  .map(([first, rest]) => first + rest.map(([dash, c]) => (dash ? `-${c}` : c)).join(''));
const labelValue = fc.oneof(
  fc.constant(''),
  dnsLabel,
  dnsLabel.map((l) => `${l.toUpperCase()}_1.0`),
);
const port = fc.integer({ min: 1, max: 65535 });
/** A cpu request ≤ limit, in millicores, and a memory request ≤ limit, in Mi. */
const resources = fc
  .tuple(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 1, max: 8192 }), fc.integer({ min: 0, max: 8192 }))
  .map(([cpu, extraCpu, mem, extraMem]) => ({
    requests: { cpu: `${cpu}m`, memory: `${mem}Mi` },
    limits: { cpu: `${cpu + extraCpu}m`, memory: `${mem + extraMem}Mi` },
  }));
const probe = fc.oneof(
  port.map((p) => ({ tcpSocket: { port: p } })),
  portName.map((n) => ({ httpGet: { path: '/healthz', port: n } })),
  fc.constant({ exec: { command: ['true'] } }),
);

const podTemplate = fc
  .record({
    names: fc.uniqueArray(dnsLabel, { minLength: 1, maxLength: 4 }),
    volumes: fc.uniqueArray(dnsLabel, { maxLength: 3 }),
    portNames: fc.uniqueArray(portName, { maxLength: 3 }),
    ports: fc.array(port, { minLength: 3, maxLength: 3 }),
    resources,
    probe,
    labels: fc.dictionary(dnsLabel, labelValue, { maxKeys: 3 }),
  })
  .map(({ names, volumes, portNames, ports, resources: res, probe: handler, labels }) => ({
    metadata: { labels: { ...labels, app: 'web' } },
    spec: {
      volumes: volumes.map((name) => ({ name, emptyDir: {} })),
      containers: names.map((name, i) => ({
        name,
        image: `registry.example.com/${name}:1.${i}`,
        ports: portNames.map((n, j) => ({ name: n, containerPort: ports[j]! })),
        resources: res,
        livenessProbe: { ...handler, periodSeconds: 10, successThreshold: 1 },
        readinessProbe: { ...handler, successThreshold: 2 },
        volumeMounts: volumes.map((v) => ({ name: v, mountPath: `/mnt/${v}` })),
        env: [{ name: `VAR_${i}`, value: 'x' }],
      })),
    },
  }));

const workloads = (template: Record<string, any>) => [
  { apiVersion: 'apps/v1', kind: 'Deployment', spec: { selector: { matchLabels: { app: 'web' } }, template } },
  { apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { serviceName: 'web', selector: { matchLabels: { app: 'web' } }, template } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', spec: { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, template } },
  { apiVersion: 'batch/v1', kind: 'Job', spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } } },
];

describe('apiserver: property', () => {
  it('valid pod templates stay valid, in Deployments, StatefulSets, DaemonSets and Jobs', () => {
    fc.assert(
      fc.property(podTemplate, dnsLabel, (template, name) => {
        const docs = workloads(template).map((o, i) => ({ object: { ...o, metadata: { name, namespace: 'apps' } }, file: 'gen.yaml', line: i + 1 }));
        expect(apiServerProblems(docs)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
