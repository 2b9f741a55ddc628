// The operators as Argo CD Applications with a pinned Helm source, or as Flux HelmRepository + HelmRelease.
import { Construct } from 'constructs';
import { Application, type ApplicationSpec } from '../../imports/argoproj.io.js';
import {
  HelmRelease,
  HelmReleaseSpecChartSpecSourceRefKind,
  HelmReleaseSpecInstallCrds,
  HelmReleaseSpecUpgradeCrds,
} from '../../imports/helm.toolkit.fluxcd.io.js';
import { HelmRepository, HelmRepositorySpecType } from '../../imports/source.toolkit.fluxcd.io.js';
import { deliveryOf, type Delivery, type Environment } from '../../src/config/model/environment.js';
import { ArgocdApplicationSet } from './argocd-application-set.js';
import { OPERATOR_LABEL, projectNames } from './argocd-project.js';
import { argoRepoUrl } from './gitops-naming.js';
import { operatorReleases, type OperatorRelease } from './operators.js';

/** Props of OperatorReleases. */
export interface OperatorReleasesProps {
  /** The environment. */
  readonly env: Environment;
}

export class OperatorReleases extends Construct {
  public constructor(scope: Construct, id: string, props: OperatorReleasesProps) {
    super(scope, id);
    const { env } = props;
    const g = deliveryOf(env);
    if (!g) return;
    const releases = operatorReleases(env);
    if (g.engine === 'flux') this.flux(g, releases);
    else this.argocd(env, g, releases);
  }

  /** One Application per operator; the apply plan orders them by OperatorRelease.dependsOn (sync waves). */
  private argocd(env: Environment, g: Delivery, releases: readonly OperatorRelease[]): void {
    for (const r of releases) {
      const labels = { [OPERATOR_LABEL]: r.name };
      const spec = (server: string): ApplicationSpec => ({
        project: projectNames(env).operators,
        source: {
          repoUrl: argoRepoUrl(r.chart.repo),
          chart: r.chart.chart,
          targetRevision: r.chart.version,
          helm: { releaseName: r.releaseName ?? r.name, valuesObject: r.values },
        },
        destination: { server, namespace: r.chart.namespace },
        syncPolicy: {
          automated: g.sync === 'automated' ? { prune: true, selfHeal: true } : undefined,
          // large CRDs (prometheus-operator's) exceed the client-side apply annotation limit; a sync must not revert
          // what the ignored differences leave to the operator
          syncOptions: ['CreateNamespace=true', 'ServerSideApply=true', ...(r.ignoreDifferences ? ['RespectIgnoreDifferences=true'] : [])],
          managedNamespaceMetadata: r.namespaceLabels ? { labels: { ...r.namespaceLabels } } : undefined,
          retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
        },
        ignoreDifferences: r.ignoreDifferences?.map((d) => ({ ...d, jqPathExpressions: [...d.jqPathExpressions] })),
      });
      if (g.fleet) {
        // every cluster of the fleet gets the operator
        new ArgocdApplicationSet(this, r.name, {
          env,
          fleet: g.fleet,
          namespace: g.namespace,
          name: `${env.envName}-${r.name}`,
          labels,
          applicationSuffix: r.name,
          template: spec('{{.server}}'),
        });
      } else {
        new Application(this, r.name, { metadata: { name: `${env.envName}-${r.name}`, namespace: g.namespace, labels }, spec: spec(g.destination) });
      }
    }
  }

  private flux(g: Delivery, releases: readonly OperatorRelease[]): void {
    const namespace = g.namespace;
    const repos = new Map<string, string>();
    for (const r of releases) if (!repos.has(r.chart.repo)) repos.set(r.chart.repo, repoName(r.chart.repo));
    for (const [url, name] of [...repos].sort(([, a], [, b]) => (a < b ? -1 : 1))) {
      new HelmRepository(this, `repo-${name}`, {
        metadata: { name, namespace },
        spec: { interval: '1h', url, type: url.startsWith('oci://') ? HelmRepositorySpecType.OCI : undefined },
      });
    }
    const names = new Set(releases.map((r) => r.name));
    for (const r of releases) {
      new HelmRelease(this, r.name, {
        metadata: { name: r.name, namespace },
        spec: {
          interval: '10m',
          releaseName: r.releaseName ?? r.name,
          targetNamespace: r.chart.namespace,
          storageNamespace: r.chart.namespace,
          chart: {
            spec: {
              chart: r.chart.chart,
              version: r.chart.version,
              sourceRef: { kind: HelmReleaseSpecChartSpecSourceRefKind.HELM_REPOSITORY, name: repos.get(r.chart.repo)!, namespace },
            },
          },
          install: { createNamespace: true, crds: HelmReleaseSpecInstallCrds.CREATE_REPLACE, remediation: { retries: 3 } },
          upgrade: { crds: HelmReleaseSpecUpgradeCrds.CREATE_REPLACE, remediation: { retries: 3 } },
          dependsOn: r.dependsOn.filter((d) => names.has(d)).map((d) => ({ name: d })),
          values: r.values,
        },
      });
    }
  }
}

/** A DNS-label name for a Helm repository URL. */
function repoName(url: string): string {
  const host = url.replace(/^[a-z]+:\/\//, '').split('/');
  const name = (host[0]!.split('.')[0] === 'raw' ? host[1]! : host.slice(0, 2).join('-')).toLowerCase();
  return name
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
