// Flux: the GitRepository of the deploy repo and the Kustomization applying the environment's folder.
import { Construct } from 'constructs';
import { Kustomization, KustomizationSpecSourceRefKind } from '../../imports/kustomize.toolkit.fluxcd.io.js';
import { GitRepository } from '../../imports/source.toolkit.fluxcd.io.js';
import type { Environment } from '../../src/config/model/environment.js';
import { deployPath, gitopsNamespace } from './gitops-naming.js';
import { operatorReleases } from './operators.js';

/** Props of FluxSync. */
export interface FluxSyncProps {
  /** The environment (`gitops.engine: flux`). */
  readonly env: Environment;
}

export class FluxSync extends Construct {
  public constructor(scope: Construct, id: string, props: FluxSyncProps) {
    super(scope, id);
    const { env } = props;
    const g = env.gitops!;
    const namespace = gitopsNamespace(env);
    new GitRepository(this, 'source', {
      metadata: { name: env.envName, namespace },
      spec: { interval: '1m', url: g.repo.url, ref: { branch: g.repo.branch } },
    });
    new Kustomization(this, 'kustomization', {
      metadata: { name: env.envName, namespace },
      spec: {
        interval: '10m',
        retryInterval: '1m',
        timeout: '5m',
        path: `./${deployPath(env)}`,
        prune: env.gitops!.sync === 'automated',
        suspend: env.gitops!.sync === 'manual' ? undefined : false,
        wait: true,
        sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: env.envName },
        // custom resources wait for the operators' CRDs: report healthy only once the HelmReleases are
        healthChecks: operatorReleases(env).map((o) => ({ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: o.name, namespace })),
      },
    });
  }
}
