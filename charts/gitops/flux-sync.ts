// Flux: the GitRepository of the deploy repo, the Kustomization of the operators' subfolder, and the Kustomization
// applying the environment's folder once the operators (and so their CRDs) are ready.
import { Construct } from 'constructs';
import { Kustomization, KustomizationSpecSourceRefKind } from '../../imports/kustomize.toolkit.fluxcd.io.js';
import { GitRepository } from '../../imports/source.toolkit.fluxcd.io.js';
import type { Delivery, Environment } from '../../src/config/model/environment.js';
import { KARMADA_API_SERVER_LABEL } from '../../src/convergence/delivery.js';
import { placesObjects } from '../multicluster/karmada-objects.js';
import { deployPath, FLUX_OPERATORS_FOLDER, KARMADA_FOLDER } from './gitops-naming.js';
import { operatorReleases } from './operators.js';

/** Props of FluxSync. */
export interface FluxSyncProps {
  /** The environment. */
  readonly env: Environment;
  /** Its `gitops` (engine flux). */
  readonly delivery: Delivery;
}

export class FluxSync extends Construct {
  public constructor(scope: Construct, id: string, props: FluxSyncProps) {
    super(scope, id);
    const { env, delivery: g } = props;
    const namespace = g.namespace;
    new GitRepository(this, 'source', {
      metadata: { name: env.envName, namespace },
      spec: { interval: '1m', url: g.repo.url, ref: { branch: g.repo.branch } },
    });
    const operators = operatorReleases(env).length > 0;
    if (operators) this.kustomization(env, g, `${env.envName}-operators`, `${deployPath(env)}/${FLUX_OPERATORS_FOLDER}`, []);
    this.kustomization(env, g, env.envName, deployPath(env), operators ? [`${env.envName}-operators`] : []);
    // what Karmada places goes to the Karmada API server (kubeConfig), once the karmada HelmRelease is Ready
    if (placesObjects(env)) {
      this.kustomization(
        env,
        g,
        `${env.envName}-placement`,
        `${deployPath(env)}/${KARMADA_FOLDER}`,
        operators ? [`${env.envName}-operators`] : [],
        env.multicluster.kubeConfigSecret,
      );
    }
  }

  /**
   * One Kustomization applying `path`. `wait: true` health-checks every object it applies (Flux then ignores
   * `healthChecks`): the operators one is Ready only once its HelmReleases are, i.e. the charts and their CRDs are
   * installed, and the environment one, which depends on it, only then dry-runs its custom resources. With
   * `kubeConfigSecret` it applies to the cluster of that kubeconfig (the Karmada API server) instead of its own.
   */
  private kustomization(env: Environment, g: Delivery, name: string, path: string, dependsOn: readonly string[], kubeConfigSecret?: string): void {
    new Kustomization(this, name, {
      metadata: { name, namespace: g.namespace, ...(kubeConfigSecret ? { labels: { [KARMADA_API_SERVER_LABEL]: env.envName } } : {}) },
      spec: {
        interval: '10m',
        retryInterval: '1m',
        timeout: '5m',
        path: `./${path}`,
        prune: g.sync === 'automated',
        suspend: g.sync === 'manual',
        wait: true,
        sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: env.envName },
        dependsOn: dependsOn.length > 0 ? dependsOn.map((d) => ({ name: d })) : undefined,
        // the Secret (created outside the repository) holds the Karmada API server's kubeconfig in `value` or `value.yaml`
        kubeConfig: kubeConfigSecret ? { secretRef: { name: kubeConfigSecret } } : undefined,
      },
    });
  }
}
