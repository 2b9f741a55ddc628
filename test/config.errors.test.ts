import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { compileErrors } from './support/compile-errors.js';
import { envDir } from './support/env-dir.js';

describe('bad environment files: each error names file, line, column and field', () => {
  it('reports YAML syntax errors with their position', () => {
    const { lines, error } = compileErrors({ dev: 'cluster:\n  name: [unclosed\n' });
    expect(error.exitCode).toBe(2);
    expect(lines[0]).toMatch(
      /^environments\/dev\.yaml:3:1 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a \]$/,
    );
  });

  it('rejects duplicate keys, naming the key, its path and the first occurrence', () => {
    const { lines } = compileErrors({ dev: 'cluster:\n  name: a\n  name: b\napps:\n  - { name: web, image: x, port: 1, port: 2 }\ncluster: {}\n' });
    expect(lines).toEqual([
      'environments/dev.yaml:3:3 cluster.name: duplicate key "name" (first at 2:3)',
      'environments/dev.yaml:5:37 apps[0].port: duplicate key "port" (first at 5:28)',
      'environments/dev.yaml:6:1 cluster: duplicate key "cluster" (first at 1:1)',
    ]);
  });

  it('rejects unknown keys at the key, suggesting the closest one', () => {
    const { lines } = compileErrors({ dev: 'cluster:\n  name: a\napps:\n  - name: web\n    image: nginx\n    replcas: 3\n' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^environments\/dev\.yaml:6:5 apps\[0\]\.replcas: unknown key "replcas" \(did you mean "replicas"\?\); allowed: name, namespace, kind, image/,
    );
  });

  it('rejects wrong types, quoting the value received', () => {
    const { lines } = compileErrors({ dev: 'cluster:\n  name: a\napps:\n  - name: web\n    image: nginx\n    port: eighty\n' });
    expect(lines).toEqual(['environments/dev.yaml:6:11 apps[0].port: must be an integer from 1 to 65535 or "none"; got string "eighty"']);
  });

  it('reports missing required fields at the parent mapping', () => {
    const { lines } = compileErrors({ dev: 'cluster:\n  name: a\napps:\n  - name: web\n' });
    expect(lines).toEqual(['environments/dev.yaml:4:5 apps[0].image: is required']);
  });

  it('names the allowed values of an enum', () => {
    const { lines } = compileErrors({ dev: 'cluster:\n  name: a\nnodes:\n  provisioner: karpentr\n' });
    expect(lines[0]).toBe(
      'environments/dev.yaml:4:16 nodes.provisioner: must be one of "karpenter", "cluster-autoscaler", "none"; got string "karpentr"',
    );
  });

  it('rejects an unknown trigger type by name', () => {
    const { lines } = compileErrors({
      dev: 'cluster: { name: a }\napps:\n  - name: web\n    image: nginx\n    autoscaling:\n      engine: keda\n      maxReplicas: 3\n      triggers:\n        - type: kafka\n',
    });
    expect(lines[0]).toMatch(
      /^environments\/dev\.yaml:9:17 apps\[0\]\.autoscaling\.triggers\[0\]\.type: type must be one of "cpu", "memory", "prometheus", "cron", "pods"; got string "kafka"$/,
    );
  });

  it('rejects an unknown extends target, listing the known environments', () => {
    const { lines } = compileErrors({ dev: 'extends: bas\ncluster: { name: a }\n', base: 'abstract: true\n' });
    expect(lines[0]).toBe('environments/dev.yaml:1:10 extends: unknown environment "bas" (known: base, dev)');
  });

  it('rejects extends cycles', () => {
    const { lines } = compileErrors({ a: 'extends: b\ncluster: { name: a }\n', b: 'extends: a\n' });
    expect(lines.some((l) => /extends cycle: a -> b -> a/.test(l))).toBe(true);
  });

  it('rejects duplicate app names', () => {
    const { lines } = compileErrors({ dev: 'cluster: { name: a }\napps:\n  - { name: web, image: x }\n  - { name: web, image: y }\n' });
    expect(lines).toEqual(['environments/dev.yaml:4:13 apps[1].name: duplicate app name "web" (also apps[0])']);
  });

  it('follows a value back through extends to the file that set it', () => {
    const { lines } = compileErrors({
      base: 'abstract: true\ncluster: { name: a }\napps:\n  - name: web\n    image: nginx\n    autoscaling:\n      engine: hpa\n      minReplicas: 12\n      maxReplicas: 10\n      triggers: [{ type: cpu, averageValue: 500m }]\n',
      prod: 'extends: base\ncluster: { name: prod }\n',
    });
    expect(lines).toEqual(['environments/base.yaml:9:20 apps[0].autoscaling.maxReplicas: maxReplicas (10) must be >= minReplicas (12)']);
  });

  it('points at the overriding file when a child sets the offending value', () => {
    const { lines } = compileErrors({
      base: 'abstract: true\ncluster: { name: a }\nmonitoring: { enabled: true, namespace: monitoring }\n',
      prod: 'extends: base\nmonitoring:\n  enabled: yes-please\n',
    });
    expect(lines).toEqual(['environments/prod.yaml:3:12 monitoring.enabled: must be true or false; got string "yes-please"']);
  });

  it('rejects secret values written inline', () => {
    const { lines } = compileErrors({ dev: 'cluster: { name: a }\napps:\n  - name: web\n    image: nginx\n    env:\n      DB_PASSWORD: hunter2\n' });
    expect(lines[0]).toMatch(/^environments\/dev\.yaml:6:20 apps\[0\]\.env\.DB_PASSWORD: "DB_PASSWORD" looks like a secret/);
  });

  it('rejects utilization scaling when the container has no requests', () => {
    const { lines } = compileErrors({
      dev: 'cluster: { name: a }\napps:\n  - name: web\n    image: nginx\n    autoscaling:\n      engine: hpa\n      minReplicas: 2\n      maxReplicas: 10\n      triggers: [{ type: cpu, utilization: 50 }]\n',
    });
    expect(lines[0]).toMatch(/apps\[0\]\.autoscaling\.triggers\[0\]: cpu utilization scaling needs resources\.requests\.cpu/);
  });

  it('reports every problem of every file at once', () => {
    const { lines } = compileErrors({
      a: 'cluster: { name: a }\napps:\n  - { name: web, image: x, port: 0 }\n',
      b: 'cluster: { name: b, provider: aws }\n',
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^environments\/a\.yaml:3:34 apps\[0\]\.port: must be an integer from 1 to 65535 or "none"; got 0$/);
    expect(lines[1]).toMatch(/^environments\/b\.yaml:1:31 cluster\.provider: must be one of/);
  });

  it('reports load problems of one file together with the checks of the others, counted once each', () => {
    const { lines, error } = compileErrors({
      base: 'abstract: true\ncluster: { name: a, name: b }\n',
      dev: 'extends: base\n',
      prod: 'extends: base\n',
      qa: 'cluster: { name: q }\napps:\n  - { name: web, image: x, port: 0 }\n',
      stage: 'extends: nope\n',
    });
    expect(lines).toEqual([
      'environments/base.yaml:2:21 cluster.name: duplicate key "name" (first at 2:12)',
      'environments/stage.yaml:1:10 extends: unknown environment "nope" (known: base, dev, prod, qa, stage)',
      'environments/qa.yaml:3:34 apps[0].port: must be an integer from 1 to 65535 or "none"; got 0',
    ]);
    expect(error.message.split('\n')[0]).toBe('3 problems in the environment files');
  });

  it('reports the semantic problems of an environment together with its schema problems', () => {
    const { lines } = compileErrors({
      dev: 'cluster: { name: a, region: 7 }\napps:\n  - name: web\n    image: nginx\n    replcas: 2\n    autoscaling:\n      engine: hpa\n      minReplicas: 12\n      maxReplicas: 10\n      triggers: [{ type: cpu, averageValue: 500m }]\n',
    });
    expect(lines).toEqual([
      'environments/dev.yaml:1:29 cluster.region: must be a string; got 7',
      expect.stringMatching(/^environments\/dev\.yaml:5:5 apps\[0\]\.replcas: unknown key "replcas"/),
      'environments/dev.yaml:9:20 apps[0].autoscaling.maxReplicas: maxReplicas (10) must be >= minReplicas (12)',
    ]);
  });

  it('drops semantic problems that a default standing in for a rejected value could cause', () => {
    const { lines } = compileErrors({
      dev: 'cluster: { name: a }\napps:\n  - name: web\n    image: nginx\n    autoscaling:\n      engine: hpa\n      minReplicas: many\n      maxReplicas: 10\n      triggers: [{ type: cpu, averageValue: 500m }]\n',
    });
    expect(lines).toEqual(['environments/dev.yaml:7:20 apps[0].autoscaling.minReplicas: must be an integer; got string "many"']);
  });

  it('rejects an unknown --env name', () => {
    const { dir } = envDir({ dev: 'cluster: { name: a }\n' });
    expect(() => compile({ environmentsDir: dir, only: ['prd'] })).toThrow(/unknown environment "prd" \(known: dev\)/);
  });
});
