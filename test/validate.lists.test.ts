// `kind: List` and `*List` documents (what `kubectl get -o yaml` prints) are expanded into their items: each item is
// validated and counted, its problems at paths inside the item and at the item's line, from files and from stdin.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifests } from '../src/validate/read-manifests.js';
import { REPO, runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const LIST = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: settings
    namespace: shop
  data: { mode: strict }
- apiVersion: v1
  kind: Service
  metadata:
    name: web
    namespace: shop
  spec:
    ports:
    - port: 70000
---
apiVersion: apps/v1
kind: DeploymentList
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: { name: cart, namespace: shop }
  spec:
    selector: { matchLabels: { app: cart } }
    template:
      metadata: { labels: { app: checkout } }
      spec: { containers: [{ name: app, image: nginx }] }
`;

const dir = tempDir('eg-lists-');
const file = join(dir, 'list.yaml');
writeFileSync(file, LIST);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validate: kind: List', () => {
  it('reads the items of List and *List documents as objects, each at its own line', () => {
    const docs = readManifests([file]);
    expect(docs.map((d) => `${String(d.object.kind)} ${d.line}`)).toEqual(['ConfigMap 6', 'Service 12', 'Deployment 24']);
    expect(docs[1]!.lineOf!('/spec/ports/0/port')).toBe(19);
  });

  it('validates and counts each item, its problems inside the item (file and stdin)', () => {
    const expected = [
      ':19  Service shop/web  /spec/ports/0/port  Invalid value: 70000: must be between 1 and 65535, inclusive [apiserver]',
      ':30  Deployment shop/cart  /spec/template/metadata/labels  Invalid value: {"app":"checkout"}: `selector` does not match template `labels` [apiserver]',
      'Summary: 3 resources found in 1 file - Valid: 1, Invalid: 2, Errors: 0, Skipped: 0',
    ];
    const r = runCli(['validate', file], REPO);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual(expected.map((l) => (l.startsWith(':') ? `${file}${l}` : l)));
    const stdin = spawnSync(process.execPath, [join(REPO, 'build', 'cli.js'), 'validate', '-'], { cwd: REPO, encoding: 'utf8', input: LIST });
    expect(stdin.status).toBe(1);
    expect(stdin.stdout.trim().split('\n')).toEqual(
      expected.map((l) => (l.startsWith(':') ? `<stdin>${l}` : l.replace('in 1 file', 'parsing stdin'))),
    );
  });

  it('reads a JSON List (kubectl get -o json) and reports items that are not objects', () => {
    writeFileSync(
      join(dir, 'list.json.yaml'),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] }, null, 2),
    );
    expect(readManifests([join(dir, 'list.json.yaml')]).map((d) => d.object.kind)).toEqual(['Namespace']);
    writeFileSync(join(dir, 'bad-list.yaml'), 'apiVersion: v1\nkind: List\nitems:\n- just a string\n');
    expect(() => readManifests([join(dir, 'bad-list.yaml')])).toThrow(/cannot read the input/);
  });
});
