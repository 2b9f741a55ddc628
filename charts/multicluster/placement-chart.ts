// 45-multicluster: Karmada policies of every app with a placement (the environment is a Karmada control plane).
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { placementOf } from '../../src/config/placement-of.js';
import { AppPlacement } from './app-placement.js';

/** Props of PlacementChart. */
export interface PlacementChartProps extends OrderedChartProps {
  /** The checked environment (multicluster.karmada). */
  readonly env: Environment;
}

/** One AppPlacement per deployment app with a placement (its own or `multicluster.placement`). */
export class PlacementChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: PlacementChartProps) {
    super(scope, id, props);
    for (const app of props.env.apps) {
      const placement = placementOf(props.env, app);
      if (placement && app.kind === 'deployment') new AppPlacement(this, app.name, { app, placement });
    }
  }
}
