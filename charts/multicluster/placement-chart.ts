// 45-multicluster: Karmada policies of every app with a placement (the environment is a Karmada control plane), and
// the CRDs the Karmada API server needs for the custom resources among their resource templates.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { placementOf } from '../../src/config/placement-of.js';
import { AppPlacement } from './app-placement.js';
import { KarmadaCrds } from './karmada-crds.js';
import { isPlaced, templateCrds } from './karmada-objects.js';

/** Props of PlacementChart. */
export interface PlacementChartProps extends OrderedChartProps {
  /** The checked environment (multicluster.karmada). */
  readonly env: Environment;
}

/** One AppPlacement per placed app (its own placement or `multicluster.placement`), and KarmadaCrds. */
export class PlacementChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: PlacementChartProps) {
    super(scope, id, props);
    const { env } = props;
    for (const app of env.apps) {
      const placement = placementOf(env, app);
      if (placement && isPlaced(env, app)) new AppPlacement(this, app.name, { app, env, placement });
    }
    new KarmadaCrds(this, 'crds', { kinds: templateCrds(env) });
  }
}
