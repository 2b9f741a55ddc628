// Invalid pod autoscaling input: every problem is reported with file:line:col and the field, and the CLI exits 2.
import { describe, expect, it } from 'vitest';
import { compileErrors, errorsOf } from './support/compile-errors.js';
import { find, render } from './support/render.js';

const app = (autoscaling: string, extra = '') =>
  `cluster: { name: c }\napps:\n  - name: web\n    image: nginx\n${extra}    autoscaling:\n${autoscaling}`;
const CRON = '{ type: cron, start: "0 8 * * *", end: "0 9 * * *", desiredReplicas: 2 }';

describe('autoscaling: invalid combinations are rejected with file, line and field', () => {
  it('min > max, as an InputError (exit code 2)', () => {
    const { lines, error } = compileErrors({
      dev: app(`      engine: keda\n      minReplicas: 5\n      maxReplicas: 3\n      triggers: [${CRON}]\n`),
    });
    expect(lines).toEqual(['environments/dev.yaml:8:20 apps[0].autoscaling.maxReplicas: maxReplicas (3) must be >= minReplicas (5)']);
    expect(error.exitCode).toBe(2);
  });

  it('utilization without requests', () => {
    expect(errorsOf(app('      engine: hpa\n      maxReplicas: 3\n      triggers: [{ type: memory, utilization: 80 }]\n'))).toEqual([
      'environments/dev.yaml:8:18 apps[0].autoscaling.triggers[0]: memory utilization scaling needs resources.requests.memory on the app (utilization is a percentage of the request)',
    ]);
    expect(
      errorsOf(
        app(
          '      engine: keda\n      maxReplicas: 3\n      triggers: [{ type: cpu, utilization: 80 }]\n',
          '    resources: { requests: { memory: 1Gi } }\n',
        ),
      ),
    ).toEqual([
      'environments/dev.yaml:9:18 apps[0].autoscaling.triggers[0]: cpu utilization scaling needs resources.requests.cpu on the app (utilization is a percentage of the request)',
    ]);
  });

  it('cpu or memory with both or neither of utilization and averageValue', () => {
    expect(errorsOf(app('      engine: hpa\n      maxReplicas: 3\n      triggers: [{ type: cpu }]\n'))).toEqual([
      'environments/dev.yaml:8:18 apps[0].autoscaling.triggers[0]: a cpu trigger needs exactly one of utilization or averageValue',
    ]);
  });

  it('an unknown trigger type', () => {
    expect(errorsOf(app('      engine: keda\n      maxReplicas: 3\n      triggers: [{ type: kafka, topic: orders }]\n'))).toEqual([
      'environments/dev.yaml:8:26 apps[0].autoscaling.triggers[0].type: type must be one of "cpu", "memory", "prometheus", "cron", "pods"; got string "kafka"',
    ]);
  });

  it('a trigger the engine does not support', () => {
    expect(errorsOf(app('      engine: hpa\n      maxReplicas: 3\n      triggers: [{ type: prometheus, query: up, threshold: 1 }]\n'))).toEqual([
      'environments/dev.yaml:8:26 apps[0].autoscaling.triggers[0].type: trigger type "prometheus" is not supported by engine "hpa" (supported: cpu, memory, pods)',
    ]);
    expect(
      errorsOf(
        app(
          '      engine: keda\n      maxReplicas: 3\n      triggers: [{ type: pods, metric: rps, averageValue: 1, seriesQuery: http_requests_total }]\n',
        ),
      ),
    ).toEqual([
      'environments/dev.yaml:8:26 apps[0].autoscaling.triggers[0].type: trigger type "pods" is not supported by engine "keda" (supported: cpu, memory, prometheus, cron)',
    ]);
  });

  it('scale to zero on a query reported by the destination, which has no pods to report from', () => {
    const q = 'sum(rate(istio_requests_total{destination_workload="web",reporter="destination"}[1m]))';
    const msg = (setting: string) =>
      `apps[0].autoscaling.triggers[0].query: ${setting} (0) scales to zero, but the query uses reporter="destination": with no pods nothing reports, so it never wakes up; count the requests where they are sent (reporter="source", by destination_service_name and destination_service_namespace)`;
    expect(
      errorsOf(
        app(
          `      engine: keda\n      minReplicas: 1\n      maxReplicas: 3\n      idleReplicaCount: 0\n      triggers: [{ type: prometheus, query: '${q}', threshold: 1 }]\n`,
        ),
      ),
    ).toEqual([`environments/dev.yaml:10:45 ${msg('idleReplicaCount')}`]);
    expect(
      errorsOf(
        app(
          `      engine: keda\n      minReplicas: 0\n      maxReplicas: 3\n      triggers:\n        - type: prometheus\n          query: '${q}'\n          threshold: 1\n`,
        ),
      ),
    ).toEqual([`environments/dev.yaml:11:18 ${msg('minReplicas')}`]);
    const source = 'sum(rate(istio_requests_total{reporter="source",destination_service_name="web"}[1m]))';
    // accepted: the source reporter while scaled to zero, and the destination reporter while pods always run
    expect(
      find(
        render({
          dev: app(
            `      engine: keda\n      minReplicas: 1\n      maxReplicas: 3\n      idleReplicaCount: 0\n      triggers: [{ type: prometheus, query: '${source}', threshold: 1 }]\n`,
          ),
        }),
        'ScaledObject',
        'web',
      ).spec.idleReplicaCount,
    ).toBe(0);
    expect(
      find(
        render({
          dev: app(
            `      engine: keda\n      minReplicas: 1\n      maxReplicas: 3\n      triggers: [{ type: prometheus, query: '${q}', threshold: 1 }]\n`,
          ),
        }),
        'ScaledObject',
        'web',
      ).spec.minReplicaCount,
    ).toBe(1);
  });

  it('secret values inline: credentials in serverAddress or a credential key in a trigger', () => {
    expect(
      errorsOf(
        app(
          '      engine: keda\n      maxReplicas: 3\n      triggers: [{ type: prometheus, query: up, threshold: 1, serverAddress: "https://admin:s3cret@prom.example.com" }]\n',
        ),
      ),
    ).toEqual([
      'environments/dev.yaml:8:78 apps[0].autoscaling.triggers[0].serverAddress: serverAddress must not carry credentials: put them in a Secret and name it in authSecret',
    ]);
    expect(
      errorsOf(
        app(
          '      engine: keda\n      maxReplicas: 3\n      triggers:\n        - type: prometheus\n          query: up\n          threshold: 1\n          bearerToken: eyJhbGciOiJSUzI1NiJ9\n',
        ),
      ),
    ).toEqual([
      'environments/dev.yaml:12:11 apps[0].autoscaling.triggers[0].bearerToken: "bearerToken" looks like a credential: never put secret values in environment files; keep them in a Secret and name it in authSecret',
    ]);
  });

  it('KEDA settings on an HPA, and scale to zero at or above minReplicas', () => {
    const lines = errorsOf(
      app(
        '      engine: hpa\n      minReplicas: 1\n      maxReplicas: 3\n      idleReplicaCount: 1\n      triggers: [{ type: cpu, averageValue: 100m }]\n',
      ),
    );
    expect(lines).toEqual([
      'environments/dev.yaml:9:25 apps[0].autoscaling.idleReplicaCount: idleReplicaCount is a KEDA setting; engine is "hpa"',
      'environments/dev.yaml:9:25 apps[0].autoscaling.idleReplicaCount: idleReplicaCount (1) must be < minReplicas (1)',
    ]);
  });

  it('an engine without triggers, triggers without an engine, an HPA at zero', () => {
    expect(errorsOf(app('      engine: keda\n      maxReplicas: 3\n'))).toEqual([
      'environments/dev.yaml:6:7 apps[0].autoscaling.triggers: engine "keda" needs at least one trigger',
    ]);
    expect(errorsOf(app(`      triggers: [${CRON}]\n`))).toEqual([
      'environments/dev.yaml:6:17 apps[0].autoscaling.triggers: triggers need an engine: set autoscaling.engine to "keda" or "hpa"',
    ]);
    expect(
      errorsOf(app('      engine: hpa\n      minReplicas: 0\n      maxReplicas: 3\n      triggers: [{ type: cpu, averageValue: 100m }]\n')),
    ).toEqual(['environments/dev.yaml:7:20 apps[0].autoscaling.minReplicas: minReplicas (0) needs engine "keda" (an HPA cannot scale to zero)']);
  });

  // kedacore/keda v2.20.2 CheckFallbackValid (apis/keda/v1alpha1/scaledobject_types.go): fallback needs a trigger that
  // is not cpu or memory, whatever its metricType (scaledobject_webhook_test.go "should validate the so creation when
  // the fallback is configured, and at least one trigger (besides cpu/memory) is configured.")
  it('KEDA webhook rules: scale to zero or fallback with only cpu/memory, fallback with Value accepted, repeated trigger names', () => {
    const cpuOnly = errorsOf(
      app(
        '      engine: keda\n      minReplicas: 0\n      maxReplicas: 3\n      fallback: { failureThreshold: 3, replicas: 2 }\n      triggers: [{ type: cpu, averageValue: 100m }]\n',
      ),
    );
    expect(cpuOnly).toEqual([
      'environments/dev.yaml:7:20 apps[0].autoscaling.minReplicas: minReplicas (0) needs a trigger other than cpu or memory: resource metrics come from running pods, so KEDA cannot scale up from zero',
      'environments/dev.yaml:9:17 apps[0].autoscaling.fallback: fallback needs a trigger other than cpu or memory: KEDA applies it to metrics it fails to read from an external source',
    ]);
    const prom = (name: string, extra = '') => `{ type: prometheus, name: ${name}, query: up, threshold: 1${extra} }`;
    expect(
      errorsOf(
        app(
          `      engine: keda\n      maxReplicas: 3\n      fallback: { failureThreshold: 3, replicas: 2 }\n      triggers: [${prom('a', ', metricType: Value')}, ${prom('a')}]\n`,
        ),
      ),
    ).toEqual(['environments/dev.yaml:9:119 apps[0].autoscaling.triggers[1].name: trigger name "a" is already used by triggers[0]']);
  });

  it('a KEDA app name too long for the HPA KEDA derives from it', () => {
    const name = 'a'.repeat(55);
    expect(
      errorsOf(
        `cluster: { name: c }\napps:\n  - name: ${name}\n    image: nginx\n    autoscaling:\n      engine: keda\n      maxReplicas: 2\n      triggers: [${CRON}]\n`,
      ),
    ).toEqual([
      `environments/dev.yaml:6:15 apps[0].autoscaling.engine: app name "${name}" has 55 characters: KEDA names its HPA keda-hpa-<name>, which must fit 63 (keep the name within 54)`,
    ]);
  });

  it('cron: unknown time zone, expressions that are not 5 fields, start equal to end', () => {
    const lines = errorsOf(
      app(
        '      engine: keda\n      maxReplicas: 3\n      triggers:\n        - type: cron\n          timezone: Mars/Olympus\n          start: "0 8 * *"\n          end: "0 8 * *"\n          desiredReplicas: 2\n',
      ),
    );
    expect(lines).toEqual([
      'environments/dev.yaml:10:21 apps[0].autoscaling.triggers[0].timezone: timezone "Mars/Olympus" is not an IANA time zone (e.g. Etc/UTC, Europe/Paris)',
      'environments/dev.yaml:11:18 apps[0].autoscaling.triggers[0].start: start ("0 8 * *") must be a cron expression of 5 fields: minute hour day-of-month month day-of-week',
      'environments/dev.yaml:12:16 apps[0].autoscaling.triggers[0].end: end ("0 8 * *") must be a cron expression of 5 fields: minute hour day-of-month month day-of-week',
      'environments/dev.yaml:12:16 apps[0].autoscaling.triggers[0].end: end ("0 8 * *") must differ from start',
    ]);
  });

  it('one custom metric defined two ways for prometheus-adapter', () => {
    const hpa = (name: string, series: string) =>
      `  - name: ${name}\n    image: nginx\n    autoscaling:\n      engine: hpa\n      maxReplicas: 3\n      triggers: [{ type: pods, metric: rps, averageValue: "1", seriesQuery: ${series} }]\n`;
    expect(errorsOf(`cluster: { name: c }\napps:\n${hpa('a', 'http_requests_total')}${hpa('b', 'requests_total')}`)).toEqual([
      'environments/dev.yaml:14:40 apps[1].autoscaling.triggers[0].metric: metric "rps" is already served by prometheus-adapter with another seriesQuery/metricsQuery/labels (apps[0].autoscaling.triggers[0]): use the same definition or another metric name',
    ]);
  });
});
