// Labels every rendered app carries; selectors of other charts are built from the same functions.
import type { App } from '../../src/config/model/environment.js';

/** Labels that select every pod of an app (stable and canary): Service, monitors, PDB. */
export function appSelector(app: App): Record<string, string> {
  return { 'app.kubernetes.io/name': app.name };
}

/** Labels of an app's pods for one track (`stable` or `canary`), as Istio expects them (`app`, `version`). */
export function podLabels(app: App, track: 'stable' | 'canary' = 'stable'): Record<string, string> {
  return { ...(app.labels ?? {}), ...appSelector(app), app: app.name, version: track };
}

/** Selector of the Deployment of one track. */
export function trackSelector(app: App, track: 'stable' | 'canary' = 'stable'): Record<string, string> {
  return { ...appSelector(app), version: track };
}

/** Name of the Deployment of a track. */
export function deploymentName(app: App, track: 'stable' | 'canary' = 'stable'): string {
  return track === 'stable' ? app.name : `${app.name}-canary`;
}
