// Positions of values in environment files, found on demand by JSON pointer, through the extends chain.
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DocumentOrigins, originOf } from '../src/config/source-map.js';

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
