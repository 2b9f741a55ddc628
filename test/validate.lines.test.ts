import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { appendPointer } from '../src/json-pointer.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../src/validate/index.js';
import { readManifests } from '../src/validate/read-manifests.js';
import { REPO } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';
import { mirrorDirs } from './support/mirror.js';

const MIRRORS = mirrorDirs();
const tmp = () => tempDir('eg-lines-');

/** Every JSON pointer of a value, the root included. */
function pointers(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  return [at, ...keys.flatMap((k) => pointers((value as Record<string, unknown>)[k], appendPointer(at, k)))];
}

describe('validate: problem lines are the lines of the fields', () => {
  it('the lookup of the fast reader and the yaml library give every node of the rendered manifests the same line', () => {
    const dir = tmp();
    const files = ['dev', 'prod'].flatMap((env) =>
      readdirSync(join(REPO, 'dist', env), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(REPO, 'dist', env, f)),
    );
    let checked = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      writeFileSync(join(dir, 'lf.yaml'), text);
      // a carriage return makes the fast reader decline: the library reads the same lines
      writeFileSync(join(dir, 'crlf.yaml'), text.replace(/\n/g, '\r\n'));
      const [fast, library] = [readManifests([join(dir, 'lf.yaml')]), readManifests([join(dir, 'crlf.yaml')])];
      expect(fast.length).toBe(library.length);
      fast.forEach((doc, i) => {
        const all = pointers(doc.object);
        const got = all.map((p) => doc.lineOf!(p));
        expect(got).toEqual(all.map((p) => library[i]!.lineOf!(p)));
        expect(new Set(got).size).toBeGreaterThan(1);
        checked += all.length;
      });
    }
    expect(checked).toBeGreaterThan(2000);
  });

  it('agrees with the library on literal blocks, quoted keys, comments and lists at the indentation of their key', () => {
    const text = [
      '# leading comment',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: c',
      '  annotations:',
      '    "a/b~c": x',
      "    'q': y",
      'data:',
      '  script: |',
      '    name: not-a-key',
      '    - not-an-item',
      '  after: z',
      'list:',
      '- a',
      '-',
      '  - nested',
      '- k: 1',
      '  # comment',
      '  m:',
      '  - 2',
      'end: {}',
      '---',
      'kind: B',
      '',
    ].join('\n');
    const dir = tmp();
    writeFileSync(join(dir, 'lf.yaml'), text);
    writeFileSync(join(dir, 'crlf.yaml'), text.replace(/\n/g, '\r\n'));
    const [fast, library] = [readManifests([join(dir, 'lf.yaml')]), readManifests([join(dir, 'crlf.yaml')])];
    expect(fast).toHaveLength(2);
    const all = [...pointers(fast[0]!.object), '/data/missing/deeper', '/list/9', '/list/1/0/x'];
    expect(all.map((p) => `${p} ${fast[0]!.lineOf!(p)}`)).toEqual(all.map((p) => `${p} ${library[0]!.lineOf!(p)}`));
    expect(fast[0]!.lineOf!('/metadata/annotations/a~1b~0c')).toBe(7);
    expect(fast[1]!.lineOf!('/kind')).toBe(24);
  });

  it('reports the line of an unknown field, and of the parent of a missing one, in block-style YAML', async () => {
    const file = join(tmp(), 'bad.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: s',
        'spec:',
        '  ports:',
        '    - port: 80',
        '      targetport: 8080',
        '---',
        '# comment',
        'apiVersion: keda.sh/v1alpha1',
        'kind: ScaledObject',
        'metadata:',
        '  name: so',
        'spec:',
        '  triggers:',
        '    - type: cpu',
        '      metadata:',
        '        value: "50"',
        '',
      ].join('\n'),
    );
    const docs = readManifests([file]);
    expect(docs.map((d) => d.line)).toEqual([1, 11]);
    const report = await validateManifests(docs, { mirrors: MIRRORS });
    const at = (path: string) => report.problems.filter((p) => p.path === path).map((p) => p.line);
    expect(at('/spec/ports/0/targetport')).toEqual([8]);
    expect(at('/spec/scaleTargetRef')[0]).toBe(15);
    expect(report).toMatchObject({ resources: 2, invalid: 2 });
  });
});
