// Which member clusters an app goes to: its own placement, else the environment default (Karmada control planes only).
import type { App, Environment } from './model/environment.js';

/** The placement Karmada policies are rendered from, or undefined when the app stays in this cluster. */
export function placementOf(env: Environment, app: App): App['placement'] {
  if (app.kind !== 'deployment') return app.placement;
  return app.placement ?? (env.multicluster.karmada ? env.multicluster.placement : undefined);
}
