// The operators the environment needs, installed from pinned Helm charts by its GitOps engine.
import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { OperatorReleases } from './operator-releases.js';

/** Props of OperatorsChart. */
export interface OperatorsChartProps extends ChartProps {
  /** The checked environment, with `gitops`. */
  readonly env: Environment;
}

export class OperatorsChart extends Chart {
  public constructor(scope: Construct, id: string, props: OperatorsChartProps) {
    super(scope, id, props);
    new OperatorReleases(this, 'operators', { env: props.env });
  }
}
