// prometheus-adapter rules derived from the apps' custom HPA metrics, so the metric an HPA asks for is the metric the
// adapter serves. Used by the autoscaling chart (rules ConfigMap) and the GitOps chart (Helm values).
import type { Environment } from '../../src/config/model/environment.js';

/** One prometheus-adapter custom metrics rule. */
export interface AdapterRule {
  readonly seriesQuery: string;
  readonly resources: { readonly overrides: Record<string, { readonly resource: string }> };
  readonly name: { readonly matches: string; readonly as: string };
  readonly metricsQuery: string;
}

const DEFAULT_METRICS_QUERY = 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)';

/**
 * The adapter rules for every `pods` trigger of the environment's HPA apps, one per metric name (the checks make
 * repeated metrics identical), sorted by metric name. Pure: the GitOps chart passes the same rules as Helm values.
 */
export function adapterRules(env: Environment): AdapterRule[] {
  const rules = new Map<string, AdapterRule>();
  for (const app of env.apps) {
    if (app.autoscaling.engine !== 'hpa') continue;
    for (const t of app.autoscaling.triggers) {
      if (t.type !== 'pods' || rules.has(t.metric)) continue;
      const series = t.seriesQuery.split('{')[0]!;
      rules.set(t.metric, {
        seriesQuery: t.seriesQuery,
        resources: { overrides: { [t.namespaceLabel]: { resource: 'namespace' }, [t.podLabel]: { resource: 'pod' } } },
        name: { matches: `^${series.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, as: t.metric },
        metricsQuery: t.metricsQuery ?? DEFAULT_METRICS_QUERY,
      });
    }
  }
  return [...rules.values()].sort((a, b) => (a.name.as < b.name.as ? -1 : 1));
}
