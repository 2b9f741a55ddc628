import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../src/validate/index.js';
import { readManifests } from '../src/validate/read-manifests.js';
import { REPO } from './support/run-cli.js';

const MIRRORS = [join(REPO, '..', 'shared')];
const tmp = () => mkdtempSync(join(tmpdir(), 'eg-lines-'));

/** Every JSON pointer of a value, the root included. */
function pointers(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  return [at, ...keys.flatMap((k) => pointers((value as Record<string, unknown>)[k], `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))];
}

describe('validate: problem lines are the lines of the fields', () => {
  it('the fast reader and the yaml library give every node of the rendered manifests the same line', () => {
    const dir = tmp();
    const files = readdirSync(join(REPO, 'dist', 'prod')).filter((f) => f.endsWith('.yaml')).slice(0, 6);
    let checked = 0;
    for (const f of files) {
      const text = readFileSync(join(REPO, 'dist', 'prod', f), 'utf8');
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
    expect(checked).toBeGreaterThan(500);
  });

  it('reports the line of an unknown field, and of the parent of a missing one, in block-style YAML', async () => {
    const file = join(tmp(), 'bad.yaml');
    writeFileSync(file, [
      'apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', 'spec:', '  ports:', '    - port: 80', '      targetport: 8080', '---',
      '# comment', 'apiVersion: keda.sh/v1alpha1', 'kind: ScaledObject', 'metadata:', '  name: so', 'spec:', '  triggers:', '    - type: cpu',
      '      metadata:', '        value: "50"', '',
    ].join('\n'));
    const docs = readManifests([file]);
    expect(docs.map((d) => d.line)).toEqual([1, 11]);
    const report = await validateManifests(docs, { mirrors: MIRRORS });
    const at = (path: string) => report.problems.filter((p) => p.path === path).map((p) => p.line);
    expect(at('/spec/ports/0/targetport')).toEqual([8]);
    expect(at('/spec/scaleTargetRef')[0]).toBe(15);
    expect(report).toMatchObject({ resources: 2, invalid: 2 });
  });
});
