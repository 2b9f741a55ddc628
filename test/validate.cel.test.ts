import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir, ensureSchemas, sha256 } from '../src/schemas/cache.js';
import { readLock, sourcesFor, type SchemaSource } from '../src/schemas/lock.js';
import { compileError, evaluateRules, isTransitionRule, ruleTree, type CelOutcome } from '../src/validate/cel-rules.js';
import { parseRequestUri } from '../src/validate/cel-url.js';
import { goRegExp } from '../src/validate/go-regexp.js';
import { formatReportText } from '../src/validate/format.js';
import { SchemaCatalog } from '../src/validate/schema-catalog.js';
import { SchemaChecker } from '../src/validate/schema-check.js';
import type { ManifestDoc, ValidationReport } from '../src/validate/types.js';
import type { CelRule } from '../src/validate/strict-schema.js';
import { tempDir } from './support/temp-dir.js';
import { mirrorDirs } from './support/mirror.js';

const { version, sources } = sourcesFor(readLock());
const catalog = SchemaCatalog.open(cacheDir(), await ensureSchemas(sources, { mirrors: mirrorDirs() }), version);
const kinds = catalog.keys().map((k) => {
  const parts = k.split('/');
  const kind = parts.pop()!;
  const apiVersion = parts[0] === 'core' ? parts[1]! : parts.join('/');
  return { key: k, schema: catalog.schema(apiVersion, kind) };
});

function outcomes(rule: CelRule, object: unknown): CelOutcome[] {
  const out: CelOutcome[] = [];
  evaluateRules(ruleTree([rule]), object, (_r, o) => out.push(o));
  return out;
}

describe('CEL rules of the pinned CRDs', () => {
  it('compiles every rule that applies to a new object (none is left unevaluated for want of a function)', () => {
    const rules = kinds.flatMap((k) => k.schema.rules.filter((r) => !isTransitionRule(r)).map((r) => [k.key, r.rule] as const));
    expect(rules.length).toBeGreaterThan(300);
    expect(rules.filter(([, r]) => compileError(r) !== undefined)).toEqual([]);
  });

  it('compiles every schema pattern as a JavaScript RegExp (Go inline flags translated)', () => {
    const patterns = new Set<string>();
    const walk = (n: unknown): void => {
      if (n === null || typeof n !== 'object') return;
      const o = n as Record<string, unknown>;
      if (typeof o.pattern === 'string') patterns.add(o.pattern);
      Object.values(o).forEach(walk);
    };
    kinds.forEach((k) => walk(k.schema.schema));
    walk(catalog.k8sDefinitions());
    expect(patterns.size).toBeGreaterThan(30);
    for (const p of patterns) expect(() => goRegExp(p), p).not.toThrow();
    expect(goRegExp('^(?i)(abort|warn)?$').test('WARN')).toBe(true);
  });
});

describe('CEL evaluation', () => {
  const rule = (r: string, path: string[] = [], message = 'the message'): CelRule => ({ path, rule: r, message });

  it('reports a false rule at the node it sits on, with its message, for every list item it applies to', () => {
    const r = rule("self.all(x, x != 'kubernetes.io/hostname')", ['spec', 'labels']);
    expect(outcomes(r, { spec: { labels: ['a'] } })).toEqual([{ status: 'pass' }]);
    const items = rule('self.size() < 3', ['spec', 'items', '*', 'name']);
    expect(outcomes(items, { spec: { items: [{ name: 'ab' }, { name: 'abcd' }, {}] } })).toEqual([
      { status: 'pass' },
      { status: 'fail', pointer: '/spec/items/1/name', message: 'the message' },
    ]);
  });

  it('points at fieldPath when the rule names one, and words a rule without message as the API server does', () => {
    expect(outcomes({ path: ['spec'], rule: 'self.a < self.b', fieldPath: '.a' }, { spec: { a: 2, b: 1 } })).toEqual([
      { status: 'fail', pointer: '/spec/a', message: 'failed rule: self.a < self.b' },
    ]);
  });

  it('rejects an object on which the rule fails at run time (missing key, bad conversion), as the API server does', () => {
    expect(outcomes(rule('self.x == 1'), {})).toEqual([{ status: 'fail', pointer: '', message: 'the message: No such key: x' }]);
    expect(outcomes(rule('int(self) > 0'), 'many')).toEqual([
      { status: 'fail', pointer: '', message: 'the message: int() type error: cannot convert to int' },
    ]);
  });

  it('lists a rule it cannot evaluate as not evaluated, never as passed', () => {
    expect(outcomes(rule('[1, 2].sum() == 3'), {})).toEqual([{ status: 'not-evaluated', reason: "found no matching overload for 'list.sum()'" }]);
    expect(compileError('self.a ==')).toMatch(/./);
  });

  it('evaluates the Kubernetes regex library with Go syntax', () => {
    expect(outcomes(rule('self.find("^([^/]+)") == "karpenter.sh"'), 'karpenter.sh/nodepool')).toEqual([{ status: 'pass' }]);
    expect(outcomes(rule('self.find("(?i)^abc") == "ABC"'), 'ABCdef')).toEqual([{ status: 'pass' }]);
    expect(outcomes(rule('self.findAll("[0-9]+") == ["1", "22"]'), 'a1b22')).toEqual([{ status: 'pass' }]);
  });

  it('treats JSON integers as CEL ints and map keys as strings', () => {
    expect(outcomes(rule('self.all(key, 0 < int(key) && int(key) <= 65535)'), { '8080': {} })).toEqual([{ status: 'pass' }]);
    expect(outcomes(rule('self.min <= self.max'), { min: 1, max: 10 })).toEqual([{ status: 'pass' }]);
  });
});

describe('CEL URL library (Go url.ParseRequestURI)', () => {
  it('parses absolute URLs and absolute paths, and nothing else', () => {
    expect(parseRequestUri('https://user@example.com:8443/a/b?x=1&x=2')).toMatchObject({
      scheme: 'https',
      host: 'example.com:8443',
      path: '/a/b',
      query: 'x=1&x=2',
    });
    expect(parseRequestUri('/just/a/path')).toMatchObject({ scheme: '', host: '', path: '/just/a/path' });
    expect(parseRequestUri('oci://ghcr.io/org/filter:1.0')).toMatchObject({ scheme: 'oci', host: 'ghcr.io', path: '/org/filter:1.0' });
    for (const bad of ['', 'example.com/x', 'relative/path', 'http://exa mple.com/', 'http://host:port/', 'http://x/\u0001'])
      expect(parseRequestUri(bad), bad).toBeUndefined();
  });

  it('gives the accessors of the library', () => {
    const get = (expr: string, s: string) => outcomes(rule(expr), s)[0];
    const rule = (r: string): CelRule => ({ path: [], rule: r });
    expect(get('url(self).getHostname() == "::1" && url(self).getPort() == "80"', 'http://[::1]:80/')).toEqual({ status: 'pass' });
    expect(
      get(
        'url(self).getHost() == "example.com" && url(self).getEscapedPath() == "/p" && url(self).getQuery()["a"] == ["1", "2"]',
        'https://example.com/p?a=1&a=2',
      ),
    ).toEqual({ status: 'pass' });
    expect(get('isURL(self)', 'example.com/filter.wasm')).toMatchObject({ status: 'fail' });
    expect(get('url(self).getScheme() == "http"', 'not a url')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('URL parse error'),
    });
  });
});

describe('CEL rules of a CRD, end to end through the schema check and the report', () => {
  const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations:
                - rule: self.size == oldSelf.size
                  message: size is immutable
                - rule: "[1, 2].sum() == 3"
                  message: needs sum
                - rule: self.size < 10
                  message: size must be < 10
              properties:
                size: { type: integer }
`;

  it('skips transition rules, lists a rule it cannot evaluate in the summary, and reports a false rule', async () => {
    const dir = tempDir('eg-cel-');
    const path = join(dir, 'widgets.yaml');
    writeFileSync(path, CRD);
    const source: SchemaSource = {
      id: 'example/v1/widgets.yaml',
      project: 'example',
      version: 'v1',
      format: 'crd',
      url: 'file:///none',
      sha256: sha256(CRD),
      bytes: CRD.length,
    };
    const k8s = await ensureSchemas(
      sources.filter((s) => s.format !== 'crd'),
      { mirrors: mirrorDirs() },
    );
    const checker = new SchemaChecker(SchemaCatalog.open(dir, [...k8s, { source, path, from: 'cache' }], version));
    const widget = (name: string, size: number): ManifestDoc => ({
      object: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { size } },
      file: 'w.yaml',
      line: 1,
    });
    const result = checker.check([widget('small', 3), widget('big', 12)], false);
    expect(result.problems.map((p) => `${p.name} ${p.path} ${p.message}`)).toEqual(['big /spec size must be < 10']);
    expect([...result.notEvaluated]).toEqual([['[1, 2].sum() == 3', { reason: "found no matching overload for 'list.sum()'", count: 2 }]]);
    const report: ValidationReport = {
      resources: 2,
      files: 1,
      valid: 1,
      invalid: 1,
      errors: 0,
      skipped: 0,
      problems: result.problems,
      notEvaluated: [...result.notEvaluated].map(([rule, n]) => ({ rule, reason: n.reason, count: n.count })),
    };
    expect(formatReportText(report).split('\n').slice(-4)).toEqual([
      "not evaluated (2x): CEL rule `[1, 2].sum() == 3`: found no matching overload for 'list.sum()'",
      '1 CEL rules not evaluated',
      'Summary: 2 resources found in 1 file - Valid: 1, Invalid: 1, Errors: 0, Skipped: 0',
      '',
    ]);
  });
});
