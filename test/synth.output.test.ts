import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { environmentJsonSchema } from '../src/config/json-schema.js';
import { compile } from '../src/synth/compile.js';
import { writeEnvironment } from '../src/synth/write-output.js';
import { envDir, MINIMAL } from './support/env-dir.js';
import { REPO, runCli, snapshotTree } from './support/run-cli.js';

describe('synth writes dist/<env>/', () => {
  it('writes one file per chart, numbered in order of application, and a kustomization listing them', () => {
    const { root } = envDir({ dev: `${MINIMAL}priorityClasses:\n  - { name: high, value: 1000 }\n` });
    const r = runCli(['synth'], root);
    expect(r.status, r.stderr).toBe(0);
    const tree = snapshotTree(join(root, 'dist'));
    expect(Object.keys(tree)).toEqual(['dev/00-namespaces.yaml', 'dev/05-priority-classes.yaml', 'dev/30-workloads.yaml', 'dev/README.md', 'dev/kustomization.yaml']);
    const kustomization = parseAllDocuments(tree['dev/kustomization.yaml']!)[0]!.toJS();
    expect(kustomization).toEqual({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: ['00-namespaces.yaml', '05-priority-classes.yaml', '30-workloads.yaml'],
    });
  });

  it('is deterministic: a second run changes no byte, whatever TZ and locale say', () => {
    const { root } = envDir({ dev: MINIMAL, prod: MINIMAL.replace('name: test', 'name: prod') });
    expect(runCli(['synth'], root).status).toBe(0);
    const first = snapshotTree(join(root, 'dist'));
    const again = runCli(['synth'], root, { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
    expect(again.stdout).toContain('(unchanged)');
    expect(snapshotTree(join(root, 'dist'))).toEqual(first);
  });

  it('never folds long strings and keeps multi-line strings as literal blocks', () => {
    const long = `sum(rate(istio_requests_total{destination_workload="web",destination_workload_namespace="web",reporter="destination",response_code!~"5.."}[1m]))`;
    const { dir } = envDir({ dev: `${MINIMAL}    env:\n      QUERY: '${long}'\n      MOTD: "line one\\nline two\\n"\n` });
    const [env] = compile({ environmentsDir: dir });
    const text = env!.files.get('30-workloads.yaml')!;
    expect(text).toContain(`value: ${long}`);
    expect(text).toMatch(/value: \|\n\s+line one\n\s+line two\n/);
  });

  it('removes the files of charts that no longer render', () => {
    const { root, dir } = envDir({ dev: `${MINIMAL}priorityClasses:\n  - { name: high, value: 1000 }\n` });
    expect(runCli(['synth'], root).status).toBe(0);
    writeFileSync(join(dir, 'dev.yaml'), MINIMAL);
    expect(runCli(['synth'], root).status).toBe(0);
    expect(existsSync(join(root, 'dist/dev/05-priority-classes.yaml'))).toBe(false);
  });

  it('removes the folder of an environment whose file was deleted, but only when rendering all environments', () => {
    const { root, dir } = envDir({ dev: MINIMAL, old: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    renameSync(join(dir, 'old.yaml'), join(root, 'old.yaml.bak'));
    expect(runCli(['synth', '--env', 'dev'], root).status).toBe(0);
    expect(existsSync(join(root, 'dist/old'))).toBe(true);
    const r = runCli(['synth'], root);
    expect(r.stdout).toContain('dist/old/: removed (no environment file)');
    expect(existsSync(join(root, 'dist/old'))).toBe(false);
  });

  it('honours --environments and --out', () => {
    const { root } = envDir({ dev: MINIMAL });
    cpSync(join(root, 'environments'), join(root, 'examples'), { recursive: true });
    expect(runCli(['synth', '--environments', 'examples', '--out', 'rendered'], root).status).toBe(0);
    expect(existsSync(join(root, 'rendered/dev/kustomization.yaml'))).toBe(true);
  });
});

describe('synth on bad input', () => {
  it('exits 2 with located errors, no stack trace, and leaves dist/ byte-for-byte as it was', () => {
    const { root, dir } = envDir({ dev: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    const before = snapshotTree(join(root, 'dist'));
    writeFileSync(join(dir, 'dev.yaml'), `${MINIMAL}    replicas: many\n`);
    const r = runCli(['synth'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: 1 problem in the environment files\n  environments/dev.yaml:7:15 apps[0].replicas: must be an integer; got string "many"\n');
    expect(snapshotTree(join(root, 'dist'))).toEqual(before);
  });

  it('renders nothing when one of several environments is bad (all or nothing)', () => {
    const { root, dir } = envDir({ a: MINIMAL, b: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    const before = snapshotTree(join(root, 'dist'));
    writeFileSync(join(dir, 'a.yaml'), MINIMAL.replace('port: 80', 'port: 81'));
    writeFileSync(join(dir, 'b.yaml'), `${MINIMAL}    port: 80\n`);
    expect(runCli(['synth'], root).status).toBe(2);
    expect(snapshotTree(join(root, 'dist'))).toEqual(before);
  });

  it('exits 2 on a usage error', () => {
    const { root } = envDir({ dev: MINIMAL });
    const r = runCli(['synth', '--no-such-flag'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
  });
});

describe('atomic writes', () => {
  it('restores the previous folder when a swap was interrupted between its two renames', () => {
    const { root } = envDir({ dev: MINIMAL });
    expect(runCli(['synth'], root).status).toBe(0);
    const before = snapshotTree(join(root, 'dist'));
    renameSync(join(root, 'dist/dev'), join(root, 'dist/.old-dev'));
    mkdirSync(join(root, 'dist/.tmp-dev-12345'));
    writeEnvironment(join(root, 'dist'), 'other', new Map([['x.yaml', 'a: 1\n']]));
    const after = snapshotTree(join(root, 'dist'));
    delete after['other/x.yaml'];
    expect(after).toEqual(before);
  });
});

describe('the committed repository', () => {
  it('environments/schema.json is the schema of the model (run `npm run schema` after changing src/config/model)', () => {
    const committed = JSON.parse(readFileSync(join(REPO, 'environments/schema.json'), 'utf8'));
    expect(committed).toEqual(environmentJsonSchema());
  });

  it('dist/ equals a fresh synth of environments/ (run `npm run synth` and commit)', () => {
    const fresh = compile({ environmentsDir: join(REPO, 'environments') });
    for (const env of fresh) {
      for (const [name, text] of env.files) {
        expect(readFileSync(join(REPO, 'dist', env.env, name), 'utf8'), `dist/${env.env}/${name}`).toBe(text);
      }
    }
  });
});
