// The operators the environment needs, installed from pinned Helm charts by its GitOps engine.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { OperatorReleases } from './operator-releases.js';

/** Props of OperatorsChart. */
export interface OperatorsChartProps extends OrderedChartProps {
  /** The checked environment, with `gitops`. */
  readonly env: Environment;
}

export class OperatorsChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: OperatorsChartProps) {
    super(scope, id, props);
    new OperatorReleases(this, 'operators', { env: props.env });
  }
}
