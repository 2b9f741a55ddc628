// The environment's PriorityClasses.
import { Chart, type ChartProps } from 'cdk8s';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';

/** Props of PriorityClassesChart. */
export interface PriorityClassesChartProps extends ChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** One PriorityClass per entry of `priorityClasses`. */
export class PriorityClassesChart extends Chart {
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
