// Positions of values in environment files, found on demand by JSON pointer, through the extends chain.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DocumentOrigins, originOf } from '../src/config/source-map.js';
import { envDir } from './support/env-dir.js';
import { runCli } from './support/run-cli.js';

function origins(text: string, file = 'env.yaml'): DocumentOrigins {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return new DocumentOrigins(doc.contents, file, lines);
}

const TEXT = ['apps:', '  - name: web', '    port: 80', '  - name: "a/b~c"', 'empty:', 'base: &b { x: 1 }', 'copy: *b', ''].join('\n');

describe('origins', () => {
  it('locates values, keys, list items and empty values', () => {
    const o = origins(TEXT);
    expect(o.get('/apps/0/port')).toEqual({ file: 'env.yaml', line: 3, col: 11 });
    expect(o.get('/apps/0/port#key')).toEqual({ file: 'env.yaml', line: 3, col: 5 });
    expect(o.get('/apps/1')).toEqual({ file: 'env.yaml', line: 4, col: 5 });
    // an empty value is located where it would start, right after the key
    expect(o.get('/empty')).toEqual({ file: 'env.yaml', line: 5, col: 7 });
    expect(o.get('/base/x')).toEqual({ file: 'env.yaml', line: 6, col: 15 });
  });

  it('answers nothing for what is not in the file, through aliases, or for non-canonical indexes', () => {
    const o = origins(TEXT);
    for (const p of ['/nope', '/apps/2', '/apps/01', '/apps/0/port/deeper', '/copy/x', '/copy', '/apps/0#key']) expect(o.get(p), p).toBeUndefined();
    // the nearest ancestor answers instead
    expect(originOf(o, '/apps/0/image')).toEqual({ file: 'env.yaml', line: 2, col: 5 });
  });

  it('reads escaped pointer segments', () => {
    const o = origins('"a/b~c": 1\n');
    expect(o.get('/a~1b~0c')).toEqual({ file: 'env.yaml', line: 1, col: 10 });
  });
});

describe('problems of rendered objects are reported at the environment value that produced them', () => {
  it('a bad PromQL trigger query: the env file line and field first, the rendered file:line as a note', () => {
    const { root } = envDir({
      base: 'abstract: true\ncluster: { name: c }\napps:\n  - name: web\n    image: nginx:1.27\n    port: 80\n',
      dev: [
        'extends: base',
        'apps:',
        '  - name: web',
        '    autoscaling:',
        '      engine: keda',
        '      maxReplicas: 5',
        '      triggers:',
        '        - type: prometheus',
        '          query: sum(rate(http_requests_total[1m])',
        '          threshold: 10',
        '',
      ].join('\n'),
    });
    try {
      const r = runCli(['synth'], root);
      expect(r.status, r.stderr).toBe(1);
      const lines = r.stderr.split('\n');
      const at = lines.findIndex((l) => l.startsWith('environments/dev.yaml:9:18 apps[0].autoscaling.triggers[0].query: '));
      expect(at, r.stderr).toBeGreaterThanOrEqual(0);
      expect(lines[at + 1]).toMatch(
        /^ {4}rendered: dist\/dev\/[0-9]+-autoscaling\.yaml:[0-9]+ {2}ScaledObject web\/web {2}\/spec\/triggers\/0\/metadata\/query$/,
      );
      expect(existsSync(join(root, 'dist'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
