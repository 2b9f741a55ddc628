// 50-serverless: the KnativeServing that installs Knative Serving, and the Knative Services of the `kind: knative` apps.
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { podSecurityLevel } from '../../src/config/namespaces.js';
import { KnativeApp } from './knative-app.js';
import { KnativeServing } from './knative-serving.js';

/** Props of ServerlessChart. */
export interface ServerlessChartProps extends OrderedChartProps {
  /** The checked environment. */
  readonly env: Environment;
}

/** The KnativeServing, and one KnativeApp per app of kind "knative". */
export class ServerlessChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: ServerlessChartProps) {
    super(scope, id, props);
    new KnativeServing(this, 'knative-serving', { env: props.env });
    for (const app of props.env.apps)
      if (app.kind === 'knative') new KnativeApp(this, app.name, { app, podSecurity: podSecurityLevel(props.env, app) });
  }
}
