// Every rendered folder builds with the real `kubectl kustomize` (what Argo CD and Flux run on the folder): the
// committed dist/ of every environment and the output of every example, each folder with its own kustomization.yaml.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractLayerBinary } from '../scripts/layer-binary.js';
import { compile } from '../src/synth/compile.js';
import { REPO } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

let work: string;
let kubectl: string;

/** The objects `kubectl kustomize <folder>` prints, as kind/namespace/name. */
function build(folder: string): string[] {
  const out = execFileSync(kubectl, ['kustomize', folder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return parseAllDocuments(out)
    .map((d) => d.toJS())
    .filter(Boolean)
    .map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)
    .sort();
}

/** The folders of one environment's output that have a kustomization.yaml (the folder and its argocd/ or operators/). */
function folders(root: string): string[] {
  return [
    root,
    ...readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(root, e.name)),
  ].filter((f) => existsSync(join(f, 'kustomization.yaml')));
}

/** The objects of the YAML files a folder's kustomization lists, as kind/namespace/name. */
function listed(folder: string): string[] {
  const resources = parseAllDocuments(readFileSync(join(folder, 'kustomization.yaml'), 'utf8'))[0]!.toJS().resources as string[];
  return resources
    .flatMap((r) =>
      parseAllDocuments(readFileSync(join(folder, r), 'utf8'))
        .map((d) => d.toJS())
        .filter(Boolean),
    )
    .map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)
    .sort();
}

beforeAll(() => {
  work = tempDir('eg-kustomize-');
  kubectl = extractLayerBinary('kubectl', work);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('kubectl kustomize', () => {
  it('builds every folder of the committed dist/, each with exactly the objects its files hold', () => {
    const envs = readdirSync(join(REPO, 'dist'));
    expect(envs.length).toBeGreaterThanOrEqual(4);
    for (const env of envs) {
      const all = folders(join(REPO, 'dist', env));
      // the environment folder, argocd/ (Argo CD) or operators/ (Flux), and karmada/ where Karmada places apps
      expect(all.length, env).toBeGreaterThanOrEqual(2);
      for (const folder of all) expect(build(folder), folder).toEqual(listed(folder));
    }
  });

  it('builds every folder of every example', () => {
    const out = join(work, 'examples');
    for (const e of compile({ environmentsDir: join(REPO, 'examples') })) {
      for (const [name, text] of e.files) {
        mkdirSync(dirname(join(out, e.env, name)), { recursive: true });
        writeFileSync(join(out, e.env, name), text);
      }
      for (const folder of folders(join(out, e.env))) {
        const objects = build(folder);
        expect(objects.length, folder).toBeGreaterThan(0);
        expect(objects, folder).toEqual(listed(folder));
      }
    }
  });
});
