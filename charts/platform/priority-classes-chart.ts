// The environment's PriorityClasses.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';

/** Props of PriorityClassesChart. */
export interface PriorityClassesChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** One PriorityClass per entry of `priorityClasses`. */
export class PriorityClassesChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: PriorityClassesChartProps) {
    super(scope, id, props);
    for (const pc of props.env.priorityClasses) {
      new k8s.KubePriorityClass(this, pc.name, {
        metadata: { name: pc.name },
        value: pc.value,
        globalDefault: pc.globalDefault ? true : undefined,
        preemptionPolicy: pc.preemptionPolicy,
        description: pc.description,
      });
    }
  }
}
