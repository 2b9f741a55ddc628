// Pod specs as the API server checks them (ValidatePodSpec and the container checks; cases after TestValidateContainers,
// TestValidatePorts, TestValidateResourceRequirements, TestValidateProbe, TestValidateVolumeMounts, TestValidateVolumes,
// TestValidateEnv, TestValidateInitContainers, TestValidateTolerations and TestValidatePodSpec of
// kubernetes/pkg/apis/core/validation/validation_test.go).
import { describe, expect, it } from 'vitest';
import { apiserver, object } from './support/apiserver.js';

/** Problems of a Pod with this spec (flow YAML). */
const pod = (spec: string) => apiserver(object('v1', 'Pod', `spec: ${spec}`));
/** Problems of a Pod with one container `app` holding these extra fields. */
const container = (fields: string, podFields = '') =>
  pod(`{ containers: [{ name: app, image: nginx${fields ? `, ${fields}` : ''} }]${podFields ? `, ${podFields}` : ''} }`);

describe('apiserver: containers', () => {
  it('a pod has containers with unique DNS-label names across containers, init and ephemeral containers', () => {
    expect(container('')).toEqual([]);
    expect(pod('{ containers: [] }')).toEqual(['/spec/containers Required value']);
    expect(pod('{ containers: [{ name: App_1, image: i }] }')[0]).toMatch(
      /^\/spec\/containers\/0\/name Invalid value: "App_1": a lowercase RFC 1123 label/,
    );
    expect(pod('{ initContainers: [{ name: app, image: i }], containers: [{ name: app, image: i }] }')).toEqual([
      '/spec/initContainers/0/name Duplicate value: "app"',
    ]);
  });

  it('every container has an image', () => {
    expect(pod('{ containers: [{ name: app }] }')).toEqual(['/spec/containers/0/image Required value']);
    expect(pod('{ containers: [{ name: app, image: "" }] }')).toEqual(['/spec/containers/0/image Required value']);
  });

  it('ports: IANA names of at most 15 characters, unique; containerPort 1..65535; TCP, UDP or SCTP; hostPorts unique', () => {
    expect(container('ports: [{ name: http, containerPort: 8080 }, { name: metrics, containerPort: 9090, protocol: UDP }]')).toEqual([]);
    expect(container('ports: [{ name: metrics-endpoint-http, containerPort: 9090 }]')).toEqual([
      '/spec/containers/0/ports/0/name Invalid value: "metrics-endpoint-http": must be no more than 15 characters',
    ]);
    expect(container('ports: [{ name: http, containerPort: 80 }, { name: http, containerPort: 81 }]')).toEqual([
      '/spec/containers/0/ports/1/name Duplicate value: "http"',
    ]);
    expect(container('ports: [{ containerPort: 0 }, { containerPort: 70000 }]')).toEqual([
      '/spec/containers/0/ports/0/containerPort Required value',
      '/spec/containers/0/ports/1/containerPort Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    expect(container('ports: [{ containerPort: 80, protocol: HTTP }]')).toEqual([
      '/spec/containers/0/ports/0/protocol Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    expect(
      pod(
        '{ containers: [{ name: a, image: i, ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: b, image: i, ports: [{ containerPort: 81, hostPort: 8080 }] }] }',
      ),
    ).toEqual(['/spec/containers/1/ports/0/hostPort Duplicate value: "8080/TCP"']);
    expect(container('ports: [{ containerPort: 80, hostPort: 8080 }]', 'hostNetwork: true')).toEqual([
      '/spec/containers/0/ports/0/hostPort Invalid value: 8080: must match `containerPort` when `hostNetwork` is true',
    ]);
  });

  it('resources: requests at most the limits, quantities not negative, standard or domain-qualified names', () => {
    expect(container('resources: { requests: { cpu: 250m, memory: 64Mi }, limits: { cpu: "1", memory: 128Mi } }')).toEqual([]);
    expect(container('resources: { requests: { cpu: "2" }, limits: { cpu: 500m } }')).toEqual([
      '/spec/containers/0/resources/requests/cpu Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ]);
    expect(container('resources: { requests: { memory: 1Gi }, limits: { memory: 512Mi } }')).toEqual([
      '/spec/containers/0/resources/requests/memory Invalid value: "1Gi": must be less than or equal to memory limit of 512Mi',
    ]);
    expect(container('resources: { requests: { cpu: "-1" } }')).toEqual([
      '/spec/containers/0/resources/requests/cpu Invalid value: "-1": must be greater than or equal to 0',
    ]);
    expect(container('resources: { requests: { gpu: "1" } }')).toEqual([
      '/spec/containers/0/resources/requests/gpu Invalid value: "gpu": must be a standard resource for containers',
    ]);
  });

  it('extended resources and huge pages: requests equal to limits, extended ones whole', () => {
    expect(container('resources: { requests: { nvidia.com/gpu: "1" }, limits: { nvidia.com/gpu: "1" } }')).toEqual([]);
    expect(container('resources: { requests: { nvidia.com/gpu: "1" }, limits: { nvidia.com/gpu: "2" } }')).toEqual([
      '/spec/containers/0/resources/requests/nvidia.com~1gpu Invalid value: "1": must be equal to nvidia.com/gpu limit of 2',
    ]);
    expect(container('resources: { requests: { nvidia.com/gpu: "1" } }')).toEqual([
      '/spec/containers/0/resources/limits Required value: Limit must be set for non overcommitable resources',
    ]);
    expect(container('resources: { limits: { nvidia.com/gpu: 500m } }')).toEqual([
      '/spec/containers/0/resources/limits/nvidia.com~1gpu Invalid value: "500m": must be an integer',
    ]);
    expect(container('resources: { requests: { hugepages-2Mi: 64Mi }, limits: { hugepages-2Mi: 64Mi } }')).toEqual([]);
  });

  it('probes: exactly one handler, timings not negative, liveness and startup success threshold 1', () => {
    expect(
      container(
        'livenessProbe: { httpGet: { path: /healthz, port: http }, periodSeconds: 5 }, readinessProbe: { tcpSocket: { port: 8080 }, successThreshold: 3 }',
      ),
    ).toEqual([]);
    expect(container('livenessProbe: { periodSeconds: 5 }')).toEqual([
      '/spec/containers/0/livenessProbe Required value: must specify a handler type',
    ]);
    expect(container('readinessProbe: { exec: { command: [true] }, tcpSocket: { port: 80 } }')).toEqual([
      '/spec/containers/0/readinessProbe/tcpSocket Forbidden: may not specify more than 1 handler type',
    ]);
    expect(container('livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 }')).toEqual([
      '/spec/containers/0/livenessProbe/successThreshold Invalid value: 2: must be 1',
    ]);
    expect(container('startupProbe: { tcpSocket: { port: 80 }, periodSeconds: -1 }')).toEqual([
      '/spec/containers/0/startupProbe/periodSeconds Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(container('readinessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 10 }')).toEqual([
      '/spec/containers/0/readinessProbe/terminationGracePeriodSeconds Invalid value: 10: must not be set for readinessProbes',
    ]);
    expect(container('livenessProbe: { httpGet: { port: 0 } }')).toEqual([
      '/spec/containers/0/livenessProbe/httpGet/port Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
  });

  it('volume mounts name a volume of the pod, at a unique path, subPath inside the volume', () => {
    expect(container('volumeMounts: [{ name: data, mountPath: /data, subPath: app/cache }]', 'volumes: [{ name: data, emptyDir: {} }]')).toEqual([]);
    expect(container('volumeMounts: [{ name: data, mountPath: /data }]')).toEqual(['/spec/containers/0/volumeMounts/0/name Not found: "data"']);
    expect(container('volumeMounts: [{ name: a, mountPath: /x }, { name: a, mountPath: /x }]', 'volumes: [{ name: a }]')).toEqual([
      '/spec/containers/0/volumeMounts/1/mountPath Invalid value: "/x": must be unique',
    ]);
    expect(container('volumeMounts: [{ name: a, mountPath: /x, subPath: ../etc }]', 'volumes: [{ name: a }]')).toEqual([
      '/spec/containers/0/volumeMounts/0/subPath Invalid value: "../etc": must not contain \'..\'',
    ]);
  });

  it('volumes: unique DNS-label names, one source each, the source names what it needs', () => {
    expect(
      pod('{ containers: [{ name: a, image: i }], volumes: [{ name: cfg, configMap: { name: app, items: [{ key: k, path: conf/app.yaml }] } }] }'),
    ).toEqual([]);
    expect(pod('{ containers: [{ name: a, image: i }], volumes: [{ name: v }, { name: v }] }')).toEqual([
      '/spec/volumes/1/name Duplicate value: "v"',
    ]);
    expect(pod('{ containers: [{ name: a, image: i }], volumes: [{ name: v, emptyDir: {}, secret: { secretName: s } }] }')).toEqual([
      '/spec/volumes/0/secret Forbidden: may not specify more than 1 volume type',
    ]);
    expect(pod('{ containers: [{ name: a, image: i }], volumes: [{ name: v, secret: { defaultMode: 1000 } }] }')).toEqual([
      '/spec/volumes/0/secret/secretName Required value',
      '/spec/volumes/0/secret/defaultMode Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
    ]);
  });

  it('env: names of printable ASCII without "=", value xor one valueFrom source', () => {
    expect(container('env: [{ name: my.env-NAME_1, value: x }, { name: POD, valueFrom: { fieldRef: { fieldPath: metadata.name } } }]')).toEqual([]);
    expect(container('env: [{ name: "A=B", value: x }]')).toEqual([
      '/spec/containers/0/env/0/name Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
    ]);
    expect(container('env: [{ name: A, value: x, valueFrom: { secretKeyRef: { name: s, key: k } } }]')).toEqual([
      '/spec/containers/0/env/0/valueFrom Invalid value: "": may not be specified when `value` is not empty',
    ]);
    expect(container('env: [{ name: A, valueFrom: {} }]')).toEqual([
      '/spec/containers/0/env/0/valueFrom Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
    ]);
  });

  it('restartPolicy: only Always on an init container (a sidecar); init containers without it have no probes', () => {
    expect(
      pod(
        '{ initContainers: [{ name: proxy, image: i, restartPolicy: Always, readinessProbe: { tcpSocket: { port: 15021 } } }], containers: [{ name: a, image: i }] }',
      ),
    ).toEqual([]);
    expect(pod('{ initContainers: [{ name: init, image: i, restartPolicy: OnFailure }], containers: [{ name: a, image: i }] }')).toEqual([
      '/spec/initContainers/0/restartPolicy Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    expect(
      pod('{ initContainers: [{ name: init, image: i, livenessProbe: { tcpSocket: { port: 1 } } }], containers: [{ name: a, image: i }] }'),
    ).toEqual(['/spec/initContainers/0/livenessProbe Forbidden: may not be set for init containers without restartPolicy=Always']);
    expect(container('restartPolicy: Always')).toEqual(['/spec/containers/0/restartPolicy Forbidden: may not be set for non-init containers']);
  });

  it('securityContext: user and group ids 0..2^32-1, no privileged or CAP_SYS_ADMIN without privilege escalation', () => {
    expect(
      container('securityContext: { runAsUser: 1000, runAsGroup: 0, allowPrivilegeEscalation: false }', 'securityContext: { fsGroup: 2000 }'),
    ).toEqual([]);
    expect(container('securityContext: { runAsUser: -1 }')).toEqual([
      '/spec/containers/0/securityContext/runAsUser Invalid value: -1: must be between 0 and 4294967295, inclusive',
    ]);
    expect(container('securityContext: { privileged: true, allowPrivilegeEscalation: false }')).toEqual([
      '/spec/containers/0/securityContext Invalid value: {"privileged":true,"allowPrivilegeEscalation":false}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    ]);
  });
});

describe('apiserver: pod spec', () => {
  it('restartPolicy, dnsPolicy (None needs dnsConfig), activeDeadlineSeconds ≥ 1, grace period ≥ 0', () => {
    expect(
      container(
        '',
        'restartPolicy: Never, dnsPolicy: None, dnsConfig: { nameservers: [1.1.1.1] }, activeDeadlineSeconds: 60, terminationGracePeriodSeconds: 0',
      ),
    ).toEqual([]);
    expect(container('', 'restartPolicy: Sometimes')).toEqual([
      '/spec/restartPolicy Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
    expect(container('', 'dnsPolicy: None')).toEqual(['/spec/dnsConfig Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
    expect(container('', 'activeDeadlineSeconds: 0')).toEqual([
      '/spec/activeDeadlineSeconds Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ]);
    expect(container('', 'terminationGracePeriodSeconds: -5')).toEqual([
      '/spec/terminationGracePeriodSeconds Invalid value: -5: must be greater than or equal to 0',
    ]);
  });

  it('names it refers to: serviceAccountName and priorityClassName are DNS subdomains, hostname a DNS label', () => {
    expect(container('', 'serviceAccountName: Web_SA')[0]).toMatch(/^\/spec\/serviceAccountName Invalid value: "Web_SA"/);
    expect(container('', 'hostname: web.1')).toEqual(['/spec/hostname Invalid value: "web.1": must not contain dots']);
  });

  it('nodeSelector, tolerations and topology spread constraints', () => {
    expect(
      container(
        '',
        'nodeSelector: { kubernetes.io/os: linux }, tolerations: [{ operator: Exists }, { key: spot, operator: Equal, value: "true", effect: NoSchedule }]',
      ),
    ).toEqual([]);
    expect(container('', 'nodeSelector: { pool: "spot-" }')[0]).toMatch(/^\/spec\/nodeSelector Invalid value: "spot-"/);
    expect(container('', 'tolerations: [{ key: spot, operator: Exists, value: "true" }]')).toEqual([
      '/spec/tolerations/0/operator Invalid value: "true": value must be empty when `operator` is \'Exists\'',
    ]);
    expect(container('', 'tolerations: [{ key: spot, tolerationSeconds: 30, effect: NoSchedule }]')).toEqual([
      '/spec/tolerations/0/effect Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
    ]);
    expect(container('', 'topologySpreadConstraints: [{ maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule }]')).toEqual([
      '/spec/topologySpreadConstraints/0/maxSkew Invalid value: 0: must be greater than zero',
    ]);
  });
});
