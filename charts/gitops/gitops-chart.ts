// GitOps delivery: what Argo CD or Flux needs to apply the environment's folder, and the operators it installs.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import { deliveryOf, type Environment } from '../../src/config/model/environment.js';
import type { ProjectScopes } from '../../src/synth/project-scope.js';
import { ArgocdApplicationSet } from './argocd-application-set.js';
import { ArgocdProject, WORKLOADS_LABEL, workloadsApplicationSpec } from './argocd-project.js';
import { FluxSync } from './flux-sync.js';

/** Props of GitopsChart. */
export interface GitopsChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
  /** Argo CD: what the delivery and workload projects may deploy, from the apply plan. @default nothing yet */
  readonly scopes?: ProjectScopes;
}

/** Argo CD AppProjects + root Application (or fleet ApplicationSet), or Flux GitRepository + Kustomization. */
export class GitopsChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: GitopsChartProps) {
    super(scope, id, props);
    const { env } = props;
    const g = deliveryOf(env);
    if (!g) return;
    if (g.engine === 'flux') {
      new FluxSync(this, 'flux', { env, delivery: g });
      return;
    }
    new ArgocdProject(this, 'argocd', { env, delivery: g, scopes: props.scopes });
    if (!g.fleet) return;
    // one workloads Application per cluster of the fleet (the root Application stays on the Argo CD cluster)
    new ArgocdApplicationSet(this, 'fleet', {
      env,
      fleet: g.fleet,
      namespace: g.namespace,
      name: `${env.envName}-fleet`,
      labels: { [WORKLOADS_LABEL]: env.envName },
      applicationSuffix: 'workloads',
      template: workloadsApplicationSpec(env, g, '{{.server}}', props.scopes?.home),
    });
  }
}
