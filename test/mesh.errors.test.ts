// A multi-cluster mesh described by several environment files: each file's own mistakes, and those only the files
// together show (one mesh, one trust domain, one cluster name each), reported with both files and fields, exit 2.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/synth/compile.js';
import { compileErrors, errorsOf } from './support/compile-errors.js';
import { envDir } from './support/env-dir.js';
import { runCli } from './support/run-cli.js';

/** An environment of cluster `name` in a multi-cluster mesh (`multiCluster` lines indented by 4). */
const member = (name: string, multiCluster: string) => `cluster: { name: ${name} }
mesh:
  enabled: true
  multiCluster:
${multiCluster}
apps:
  - { name: hello, image: podinfo:6 }
`;

describe('mesh.multiCluster: one environment', () => {
  it('rejects a remote secret of the cluster itself', () => {
    expect(errorsOf(member('us', '    meshId: m\n    network: n1\n    remoteSecrets: [{ cluster: us }]'))).toEqual([
      `environments/dev.yaml:7:32 mesh.multiCluster.remoteSecrets[0].cluster: "us" is this cluster's own clusterName: a remote secret names another cluster of the mesh`,
    ]);
  });

  it('rejects the same remote secret twice', () => {
    expect(
      errorsOf(member('us', '    meshId: m\n    network: n1\n    remoteSecrets: [{ cluster: ap }, { cluster: eu, name: istio-remote-secret-ap }]')),
    ).toEqual([
      'environments/dev.yaml:7:38 mesh.multiCluster.remoteSecrets[1]: duplicate remote secret "istio-remote-secret-ap" (also remoteSecrets[0])',
    ]);
  });

  it('rejects a default cluster name that is no DNS label, and takes an explicit clusterName', () => {
    expect(errorsOf(member('Shop_Prod', '    meshId: m\n    network: n1'))).toEqual([
      `environments/dev.yaml:1:18 cluster.name: "Shop_Prod" is istiod's global.multiCluster.clusterName by default, which must be a DNS label: set mesh.multiCluster.clusterName`,
    ]);
    expect(
      compile({ environmentsDir: envDir({ dev: member('Shop_Prod', '    meshId: m\n    network: n1\n    clusterName: shop-prod') }).dir }),
    ).toHaveLength(1);
  });
});

describe('mesh.multiCluster: environments of one mesh, checked together', () => {
  const us = member('us', '    meshId: shop\n    network: n1\n    remoteSecrets: [{ cluster: ap }]');

  it('accepts clusters of one mesh with their own names, on their own or a shared network', () => {
    const files = {
      ap: member('ap', '    meshId: shop\n    network: n2\n    remoteSecrets: [{ cluster: us }]'),
      us,
      eu: member('eu', '    meshId: shop\n    network: n1'),
    };
    expect(compile({ environmentsDir: envDir(files).dir }).map((e) => e.env)).toEqual(['ap', 'eu', 'us']);
  });

  it('rejects two trust domains in one mesh, naming both files and fields', () => {
    const { lines, error } = compileErrors({ ap: member('ap', '    meshId: shop\n    network: n2\n    trustDomain: ap.example.org'), us });
    expect(lines).toEqual([
      'environments/us.yaml:5:5 mesh.multiCluster.trustDomain: trust domain "cluster.local" differs from "ap.example.org" (environments/ap.yaml:7:18 mesh.multiCluster.trustDomain) in the same mesh "shop": the clusters of one mesh share one trust domain',
    ]);
    expect(error.exitCode).toBe(2);
  });

  it('rejects two clusters of one name in one mesh, even on distinct networks', () => {
    expect(compileErrors({ a: member('us', '    meshId: shop\n    network: n2'), us }).lines).toEqual([
      'environments/us.yaml:1:18 cluster.name: cluster name "us" is also that of environments/a.yaml:1:18 cluster.name in the same mesh "shop": every cluster of a mesh needs its own istiod global.multiCluster.clusterName (set mesh.multiCluster.clusterName)',
    ]);
  });

  it('accepts one cluster name in two meshes that do not meet, and takes a remote secret for the one of its own mesh', () => {
    const files = { a: member('ap', '    meshId: other\n    network: n2'), b: member('ap', '    meshId: shop\n    network: n2'), us };
    expect(compile({ environmentsDir: envDir(files).dir })).toHaveLength(3);
  });

  it("rejects a remote secret of a cluster in another mesh: clusters that read each other's secrets are one mesh", () => {
    expect(compileErrors({ ap: member('ap', '    meshId: apac\n    network: n2'), us }).lines).toEqual([
      `environments/us.yaml:7:32 mesh.multiCluster.remoteSecrets[0].cluster: cluster "ap" (environments/ap.yaml:1:18 cluster.name) is in mesh "apac" (environments/ap.yaml:5:13 mesh.multiCluster.meshId), not this environment's "shop": clusters that read each other's remote secrets are one mesh and share one meshID`,
    ]);
  });

  it('checks an environment the synth cache takes unchanged against a peer that changed (exit 2)', () => {
    const ap = member('ap', '    meshId: shop\n    network: n2');
    const { root, dir } = envDir({ ap, us });
    const env = { ELASTIC_GITOPS_SYNTH_CACHE: join(root, '.cache') };
    expect(runCli(['synth'], root, env).status).toBe(0);
    writeFileSync(join(dir, 'ap.yaml'), ap.replace('network: n2', 'network: n2\n    clusterName: us'));
    const again = runCli(['synth'], root, env);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('environments/us.yaml:1:18 cluster.name: cluster name "us" is also that of environments/ap.yaml:');
    rmSync(root, { recursive: true, force: true });
  });

  it('checks the peers of a selected environment even when they are not selected', () => {
    const { dir } = envDir({ ap: member('ap', '    meshId: shop\n    network: n2\n    trustDomain: other'), us });
    expect(() => compile({ environmentsDir: dir, only: ['ap'] })).toThrow(/problem/);
  });
});
