import { describe, expect, it } from 'vitest';
import { errorsOf } from './support/compile-errors.js';

const app = (autoscaling: string, extra = '') => `cluster: { name: c }\napps:\n  - name: web\n    image: nginx\n${extra}    autoscaling:\n${autoscaling}`;

describe('autoscaling: invalid combinations are rejected with file, line and field', () => {
  it('min > max', () => {
    expect(errorsOf(app('      engine: keda\n      minReplicas: 5\n      maxReplicas: 3\n      triggers: [{ type: cron, start: "0 8 * * *", end: "0 9 * * *", desiredReplicas: 2 }]\n'))).toEqual([
      'environments/dev.yaml:8:20 apps[0].autoscaling.maxReplicas: maxReplicas (3) must be >= minReplicas (5)',
    ]);
  });

  it('utilization without requests', () => {
    expect(errorsOf(app('      engine: hpa\n      maxReplicas: 3\n      triggers: [{ type: memory, utilization: 80 }]\n'))[0]).toMatch(
      /^environments\/dev\.yaml:8:18 apps\[0\]\.autoscaling\.triggers\[0\]: memory utilization scaling needs resources\.requests\.memory/,
    );
  });

  it('a trigger the engine does not support', () => {
    expect(errorsOf(app('      engine: hpa\n      maxReplicas: 3\n      triggers: [{ type: prometheus, query: up, threshold: 1 }]\n'))).toEqual([
      'environments/dev.yaml:8:26 apps[0].autoscaling.triggers[0].type: trigger type "prometheus" is not supported by engine "hpa" (supported: cpu, memory, pods)',
    ]);
  });

  it('a secret value in place of a Secret name', () => {
    expect(
      errorsOf(app('      engine: keda\n      maxReplicas: 3\n      triggers: [{ type: prometheus, query: up, threshold: 1, serverAddress: "https://admin:s3cret@prom.example.com" }]\n')),
    ).toEqual(['environments/dev.yaml:8:78 apps[0].autoscaling.triggers[0].serverAddress: serverAddress must not carry credentials: put them in a Secret and name it in authSecret']);
  });

  it('KEDA settings on an HPA, and scale to zero at or above minReplicas', () => {
    const lines = errorsOf(app('      engine: hpa\n      minReplicas: 1\n      maxReplicas: 3\n      idleReplicaCount: 1\n      triggers: [{ type: cpu, averageValue: 100m }]\n'));
    expect(lines).toEqual([
      'environments/dev.yaml:9:25 apps[0].autoscaling.idleReplicaCount: idleReplicaCount is a KEDA setting; engine is "hpa"',
      'environments/dev.yaml:9:25 apps[0].autoscaling.idleReplicaCount: idleReplicaCount (1) must be < minReplicas (1)',
    ]);
  });

  it('an engine without triggers', () => {
    expect(errorsOf(app('      engine: keda\n      maxReplicas: 3\n'))).toEqual(['environments/dev.yaml:6:7 apps[0].autoscaling.triggers: engine "keda" needs at least one trigger']);
  });
});
