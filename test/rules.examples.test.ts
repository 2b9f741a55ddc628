// The example environments pass every rule without errors, and the rules stay linear on large sets.
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { RULES, runRules } from '../src/validate/rules/index.js';
import { REPO } from './support/run-cli.js';
import { RULE_EXAMPLES_DIR } from '../src/reference/rule-examples.js';
import { readManifests } from '../src/validate/read-manifests.js';
import { validateManifests } from '../src/validate/index.js';
import { deployment, docs } from './support/manifests.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('rules on the example environments', () => {
  it('report no errors', () => {
    for (const env of compile({ environmentsDir: join(REPO, 'environments') })) {
      const errors = runRules(env.docs).filter((p) => p.severity === 'error');
      expect(errors, env.env).toEqual([]);
    }
  });
});

describe('rule set', () => {
  it('has unique kebab-case ids and a doc paragraph for each rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.doc.length).toBeGreaterThan(80);
    }
  });

  it('is documented in docs/reference/rules.md, one paragraph per rule', () => {
    const page = readFileSync(join(REPO, 'docs', 'reference', 'rules.md'), 'utf8');
    for (const r of RULES) expect(page, r.id).toContain(`## ${r.id}\n\n*${r.severity}.* ${r.doc}\n`);
  });

  it('has one example per rule (src/validate/rules/examples/<id>.yaml) that the rule reports, and no other rule fails', () => {
    expect(readdirSync(RULE_EXAMPLES_DIR).sort()).toEqual(RULES.map((r) => `${r.id}.yaml`).sort());
    for (const r of RULES) {
      const problems = runRules(readManifests([join(RULE_EXAMPLES_DIR, `${r.id}.yaml`)]));
      expect(
        problems.filter((p) => p.rule === r.id),
        r.id,
      ).not.toEqual([]);
      expect(
        problems.filter((p) => p.rule !== r.id && p.severity === 'error'),
        r.id,
      ).toEqual([]);
    }
  });

  it("has examples whose objects are otherwise valid against the pinned schemas (the mistake is the rule's only)", async () => {
    const report = await validateManifests(readManifests([RULE_EXAMPLES_DIR]));
    expect(report.problems.filter((p) => p.rule === undefined && p.severity === 'error')).toEqual([]);
  });

  it('checks each directory as its own cluster (dist/<env>/), the objects of one directory together', () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: web, namespace: web }
spec:
  hosts: [web.example.com]
  http: [{ route: [{ destination: { host: web } }] }]`;
    const conflicts = (files: string[]): number =>
      runRules(files.flatMap((f) => docs(vs, f))).filter((p) => p.rule === 'istio-conflicting-hosts').length;
    expect(conflicts(['dist/dev/40-routing.yaml', 'dist/prod/40-routing.yaml'])).toBe(0);
    expect(conflicts(['dist/dev/40-routing.yaml', 'dist/dev/41-more-routing.yaml'])).toBe(1);
  });

  it('checks 3,000 objects (1,000 apps with Service and HPA) and finds the one broken app', () => {
    const parts: string[] = [];
    for (let i = 0; i < 1000; i++) {
      parts.push(deployment({ name: `app${i}`, namespace: `ns${i % 50}`, cpu: '100m', memory: '64Mi' }));
      parts.push(
        `apiVersion: v1\nkind: Service\nmetadata: { name: app${i}, namespace: ns${i % 50} }\nspec: { selector: { app: app${i} }, ports: [{ port: 80 }] }`,
      );
      parts.push(
        `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: app${i}, namespace: ns${i % 50} }\nspec:\n  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: app${i === 999 ? 'missing' : i} }\n  minReplicas: 1\n  maxReplicas: 5\n  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }]`,
      );
    }
    const problems = runRules(docs(parts.join('\n---\n')));
    expect(problems.map((p) => `${p.rule} ${p.name}`)).toEqual(['scale-target-exists app999']);
  });
});
