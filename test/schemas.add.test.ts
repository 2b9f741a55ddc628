// `schemas add <url>` pins a team's CRD file (or an OpenAPI v3 document) in the lock with its sha256: validate then
// checks its custom resources, and the file is cached, found in mirrors and refused when changed, like any pinned one.
import { createServer, type Server } from 'node:http';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/schemas/cache.js';
import { schemasAddCommand } from '../src/schemas/add-command.js';
import type { SchemaSource } from '../src/schemas/lock.js';
import { REPO, runCli } from './support/run-cli.js';
import { mirrorDirs } from './support/mirror.js';
import { tempDir } from './support/temp-dir.js';

const SHARED = mirrorDirs()[0]!;
const GADGETS = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: gadgets.example.com }
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Gadget, plural: gadgets }
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
              properties:
                size: { type: integer, maximum: 10 }
`;
const GADGET = 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: g, namespace: apps }\nspec: { size: 12 }\n';

const dirs: string[] = [];
const tmp = (): string => {
  const d = tempDir('eg-schemas-add-');
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the lock, an empty cache and a folder with the CRD file, as environment for the CLI. */
function workspace(): { dir: string; env: NodeJS.ProcessEnv; lock: string; crd: string } {
  const dir = tmp();
  const lock = join(dir, 'schemas.lock.json');
  copyFileSync(join(REPO, 'schemas.lock.json'), lock);
  mkdirSync(join(dir, 'team'));
  const crd = join(dir, 'team', 'gadgets.yaml');
  writeFileSync(crd, GADGETS);
  writeFileSync(join(dir, 'gadget.yaml'), GADGET);
  return { dir, lock, crd, env: { ELASTIC_GITOPS_LOCK: lock, ELASTIC_GITOPS_CACHE: join(dir, 'cache'), ELASTIC_GITOPS_MIRROR: SHARED } };
}

const pinned = (lock: string): SchemaSource[] => (JSON.parse(readFileSync(lock, 'utf8')) as { sources: SchemaSource[] }).sources;

describe('schemas add', () => {
  it('pins a CRD file with its sha256, lists it, and validate then checks its custom resources', () => {
    const w = workspace();
    const url = pathToFileURL(w.crd).href;
    const add = runCli(['schemas', 'add', url, '--as', 'team/v1/gadgets.yaml'], w.dir, w.env);
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(pinned(w.lock).at(-1)).toEqual({
      id: 'team/v1/gadgets.yaml',
      project: 'team',
      version: 'v1',
      format: 'crd',
      url,
      sha256: sha256(GADGETS),
      bytes: GADGETS.length,
    });
    expect(runCli(['schemas', 'list'], w.dir, w.env).stdout).toMatch(/^crd\s+team\/v1\/gadgets\.yaml\s+[0-9a-f]{12}\s+file:/m);
    const validate = runCli(['validate', 'gadget.yaml'], w.dir, w.env);
    expect(validate.status).toBe(1);
    expect(validate.stdout).toContain('/spec/size  must be <= 10');
  });

  it('gives the pinned file the mirror and offline behaviour: found by sha256, refused when changed', () => {
    const w = workspace();
    expect(runCli(['schemas', 'add', pathToFileURL(w.crd).href, '--as', 'team/v1/gadgets.yaml'], w.dir, w.env).status).toBe(0);
    const offline = {
      ...w.env,
      ELASTIC_GITOPS_CACHE: join(w.dir, 'fresh-cache'),
      ELASTIC_GITOPS_OFFLINE: '1',
      ELASTIC_GITOPS_MIRROR: `${SHARED}:${join(w.dir, 'team')}`,
    };
    expect(runCli(['validate', 'gadget.yaml'], w.dir, offline).stdout).toContain('must be <= 10');
    writeFileSync(w.crd, GADGETS.replace('maximum: 10', 'maximum: 20'));
    const changed = runCli(['validate', 'gadget.yaml'], w.dir, { ...offline, ELASTIC_GITOPS_CACHE: join(w.dir, 'another-cache') });
    expect(changed.status).toBe(2);
    expect(changed.stderr).toContain(`team/v1/gadgets.yaml: refused ${w.crd}: sha256`);
  });

  it('names a raw GitHub URL as the other pinned ids, and says when a file is already pinned', async () => {
    const w = workspace();
    const again = runCli(['schemas', 'add', pathToFileURL(w.crd).href, '--as', 'team/v1/gadgets.yaml'], w.dir, w.env);
    expect(again.status).toBe(0);
    const twice = runCli(['schemas', 'add', pathToFileURL(w.crd).href, '--as', 'team/v1/gadgets.yaml'], w.dir, w.env);
    expect(twice.stdout).toContain('team/v1/gadgets.yaml is already pinned');
    const other = runCli(
      ['schemas', 'add', 'https://raw.githubusercontent.com/acme/gadgets/v1.2.0/config/crd/gadgets.yaml', '--file', w.crd],
      w.dir,
      w.env,
    );
    expect(other.status).toBe(2);
    expect(other.stderr).toContain('the same file is already pinned as team/v1/gadgets.yaml');
  });

  it('takes the bytes from --file for a URL it does not download, with the id from the URL', () => {
    const w = workspace();
    const r = runCli(['schemas', 'add', 'https://raw.githubusercontent.com/acme/gadgets/v1.2.0/config/crd/gadgets.yaml', '--file', w.crd], w.dir, {
      ...w.env,
      ELASTIC_GITOPS_OFFLINE: '1',
    });
    expect(r.status).toBe(0);
    expect(pinned(w.lock).at(-1)).toMatchObject({
      id: 'gadgets/v1.2.0/gadgets.yaml',
      project: 'gadgets',
      version: 'v1.2.0',
      sha256: sha256(GADGETS),
    });
  });

  it('refuses what is not a valid CRD file or an OpenAPI v3 document', () => {
    const w = workspace();
    const write = (name: string, text: string): string => {
      writeFileSync(join(w.dir, name), text);
      return pathToFileURL(join(w.dir, name)).href;
    };
    const invalid = runCli(['schemas', 'add', write('bad.yaml', GADGETS.replace('type: integer', 'type: intger'))], w.dir, w.env);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain(
      'gadgets.example.com: /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/size/type: Unsupported value: "intger"',
    );
    const notCrd = runCli(['schemas', 'add', write('pod.yaml', GADGET)], w.dir, w.env);
    expect(notCrd.stderr).toContain('not a CustomResourceDefinition file (apiextensions.k8s.io/v1 only) nor an OpenAPI v3 document');
    const noKinds = runCli(
      ['schemas', 'add', write('api.json', JSON.stringify({ openapi: '3.0.0', components: { schemas: { X: { type: 'object' } } } }))],
      w.dir,
      w.env,
    );
    expect(noKinds.stderr).toContain('none of its components.schemas names a kind');
    expect(pinned(w.lock)).toEqual(pinned(join(REPO, 'schemas.lock.json')));
  });
});

describe('schemas add over HTTP', () => {
  let server: Server;
  let url = '';
  const saved = { ...process.env };
  beforeAll(async () => {
    server = createServer((req, res) => (req.url === '/acme/gadgets.yaml' ? res.end(GADGETS) : res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    process.env = saved;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('downloads the file and pins it', async () => {
    const w = workspace();
    Object.assign(process.env, w.env);
    await schemasAddCommand(`${url}/acme/gadgets.yaml`, {});
    expect(pinned(w.lock).at(-1)).toMatchObject({
      id: '127.0.0.1/acme/gadgets.yaml',
      format: 'crd',
      url: `${url}/acme/gadgets.yaml`,
      sha256: sha256(GADGETS),
    });
    await expect(schemasAddCommand(`${url}/acme/missing.yaml`, {})).rejects.toThrow(`cannot read ${url}/acme/missing.yaml (HTTP 404)`);
  });
});
