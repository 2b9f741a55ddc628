// GitOps delivery: what Argo CD or Flux needs to apply the environment's folder, and the operators it installs.
import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { ArgocdApplicationSet } from './argocd-application-set.js';
import { ArgocdProject, WORKLOADS_LABEL, workloadsApplicationSpec } from './argocd-project.js';
import { FluxSync } from './flux-sync.js';

/** Props of GitopsChart. */
export interface GitopsChartProps extends ChartProps {
  /** The checked environment, with `gitops`. */
  readonly env: Environment;
}

/** Argo CD AppProjects + root Application (or fleet ApplicationSet), or Flux GitRepository + Kustomization. */
export class GitopsChart extends Chart {
  public constructor(scope: Construct, id: string, props: GitopsChartProps) {
    super(scope, id, props);
    const { env } = props;
    if (env.gitops!.engine === 'flux') {
      new FluxSync(this, 'flux', { env });
      return;
    }
    new ArgocdProject(this, 'argocd', { env });
    const g = env.gitops!;
    if (!g.fleet) return;
    // one workloads Application per cluster of the fleet (the root Application stays on the Argo CD cluster)
    new ArgocdApplicationSet(this, 'fleet', {
      env,
      name: `${env.envName}-fleet`,
      labels: { [WORKLOADS_LABEL]: env.envName },
      applicationSuffix: 'workloads',
      template: workloadsApplicationSpec(env, '{{.server}}'),
    });
  }
}
