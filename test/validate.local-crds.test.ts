// `validate --crd <path|url>` and CRDs in the input: custom resources of CRDs that are not pinned are checked against
// them in the same run (schema, list-map keys with their defaults, CEL), and CRDs the API server would refuse are errors.
import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crdStructureErrors } from '../src/validate/crd-structure.js';
import { validateManifests } from '../src/validate/index.js';
import { docs } from './support/manifests.js';
import { REPO, runCli } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';
import { tempDir } from './support/temp-dir.js';

const MIRRORS = mirrorDirs();
const ENV = { ELASTIC_GITOPS_MIRROR: MIRRORS.join(':') };

const crd = (sizeType = 'integer') => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
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
                - rule: self.size < 10
                  message: size must be < 10
              properties:
                size: { type: ${sizeType} }
                ports:
                  type: array
                  x-kubernetes-list-type: map
                  x-kubernetes-list-map-keys: [port, protocol]
                  items:
                    type: object
                    required: [port]
                    properties:
                      port: { type: integer }
                      protocol: { type: string, default: TCP }
`;

const widget = (name: string, spec: string) => `apiVersion: example.com/v1
kind: Widget
metadata: { name: ${name}, namespace: apps }
spec: ${spec}
`;

const WIDGETS = [
  widget('ok', '{ size: 3, ports: [{ port: 80 }, { port: 80, protocol: UDP }] }'),
  widget('typo', '{ size: 3, colour: red }'),
  widget('too-big', '{ size: 12 }'),
  widget('same-port', '{ size: 1, ports: [{ port: 80 }, { port: 80, protocol: TCP }] }'),
].join('---\n');

const EXPECTED = [
  'typo /spec/colour unknown field "colour"',
  'too-big /spec size must be < 10',
  'same-port /spec/ports/1 Duplicate value: {"port":80,"protocol":"TCP"}',
];

const dirs: string[] = [];
const tmp = (): string => {
  const d = tempDir('eg-local-crds-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const lines = (r: Awaited<ReturnType<typeof validateManifests>>): string[] => r.problems.map((p) => `${p.name} ${p.path} ${p.message}`);

describe('validate --crd', () => {
  it('checks custom resources against a CRD file: fields, CEL rules, list-map keys after defaulting', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'widgets.yaml'), crd());
    const report = await validateManifests(docs(WIDGETS), { mirrors: MIRRORS, crds: [join(dir, 'widgets.yaml')] });
    expect(lines(report)).toEqual(EXPECTED);
    expect(report).toMatchObject({ resources: 4, valid: 1, invalid: 3 });
  });

  it('without it, the kind has no schema', async () => {
    const report = await validateManifests(docs(WIDGETS), { mirrors: MIRRORS });
    expect(report.problems[0]!.message).toMatch(/^no schema for example.com\/v1 Widget/);
  });

  it('takes directories and file:// URLs', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'crds'));
    writeFileSync(join(dir, 'crds', 'widgets.yaml'), crd());
    for (const arg of [join(dir, 'crds'), pathToFileURL(join(dir, 'crds', 'widgets.yaml')).href]) {
      expect(lines(await validateManifests(docs(WIDGETS), { mirrors: MIRRORS, crds: [arg] }))).toEqual(EXPECTED);
    }
  });

  describe('over HTTP', () => {
    let server: Server;
    let url = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/widgets.yaml') res.end(crd());
        else res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('downloads a CRD from a URL', async () => {
      expect(lines(await validateManifests(docs(WIDGETS), { mirrors: MIRRORS, crds: [`${url}/widgets.yaml`] }))).toEqual(EXPECTED);
    });

    it('says so when the URL cannot be read', async () => {
      await expect(validateManifests(docs(WIDGETS), { mirrors: MIRRORS, crds: [`${url}/missing.yaml`] })).rejects.toThrow(
        `--crd ${url}/missing.yaml: cannot read (HTTP 404)`,
      );
    });
  });

  it('refuses an invalid CRD, naming the field and its line (exit 2)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'widgets.yaml'), crd('strign'));
    writeFileSync(join(dir, 'widgets-in-use.yaml'), WIDGETS);
    const r = runCli(['validate', '--crd', 'widgets.yaml', 'widgets-in-use.yaml'], dir, ENV);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'widgets.yaml:22 widgets.example.com: /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type: Unsupported value: "strign": supported values: "array", "boolean", "integer", "number", "object", "string"',
    );
  });

  it('refuses a file that holds no CRD', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'not-a-crd.yaml'), widget('x', '{}'));
    await expect(validateManifests([], { mirrors: MIRRORS, crds: [join(dir, 'not-a-crd.yaml')] })).rejects.toThrow(
      'no apiextensions.k8s.io/v1 CustomResourceDefinition in it',
    );
  });
});

describe('validate: CRDs in the input', () => {
  it('are used for the custom resources of the same run', async () => {
    const report = await validateManifests(docs(`${crd()}---\n${WIDGETS}`), { mirrors: MIRRORS });
    expect(lines(report)).toEqual(EXPECTED);
    expect(report).toMatchObject({ resources: 5, valid: 2, invalid: 3 });
  });

  it('are reported when the API server would refuse them', async () => {
    const report = await validateManifests(docs(crd('strign')), { mirrors: MIRRORS });
    expect(lines(report)).toEqual([
      'widgets.example.com /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type Unsupported value: "strign": supported values: "array", "boolean", "integer", "number", "object", "string"',
    ]);
  });
});

describe('CRD structure check', () => {
  it('finds nothing wrong with the pinned upstream CRDs', () => {
    const lock = JSON.parse(readFileSync(join(REPO, 'schemas.lock.json'), 'utf8')) as { sources: { id: string; format: string }[] };
    for (const s of lock.sources.filter((x) => x.format === 'crd')) {
      for (const d of parseAllDocuments(readFileSync(join(MIRRORS[0]!, 'crds', s.id), 'utf8'))) {
        const o = d.toJS() as Record<string, unknown> | null;
        if (o?.kind === 'CustomResourceDefinition') expect(crdStructureErrors(o), s.id).toEqual([]);
      }
    }
  });

  it('requires a type outside allOf/anyOf/oneOf/not, items on arrays, and defaulted or required list-map keys', () => {
    const errors = crdStructureErrors({
      spec: {
        versions: [
          {
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  untyped: {},
                  list: { type: 'array' },
                  either: { type: 'object', anyOf: [{ required: ['a'] }] },
                  keyed: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: { type: 'object', properties: { name: { type: 'string' } } },
                  },
                },
              },
            },
          },
        ],
      },
    });
    expect(errors.map((e) => `${e.pointer} ${e.message}`)).toEqual([
      '/spec/versions/0/schema/openAPIV3Schema/properties/untyped/type Required value: must not be empty for specified object fields',
      '/spec/versions/0/schema/openAPIV3Schema/properties/list/items Required value: must be specified',
      '/spec/versions/0/schema/openAPIV3Schema/properties/keyed/items/properties/name Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
    ]);
  });
});
