// Knative rules: the autoscaler class supports the chosen metric, and the scale bounds are ordered.
import type { Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';

const METRICS_OF_CLASS: Record<string, readonly string[]> = {
  'kpa.autoscaling.knative.dev': ['concurrency', 'rps'],
  'hpa.autoscaling.knative.dev': ['cpu', 'memory'],
};

/** Checks `kind: knative` apps and their `knative` settings. */
export function checkServerless(env: Environment, out: DiagnosticList): void {
  env.apps.forEach((app, i) => {
    const at = `/apps/${i}`;
    if (app.knative && app.kind !== 'knative') out.add(`${at}/knative`, `knative settings need kind "knative", got "${app.kind}"`);
    if (app.kind !== 'knative') return;
    if (app.autoscaling.engine !== 'none') {
      out.add(
        `${at}/autoscaling/engine`,
        `a knative app scales itself (knative.minScale/maxScale); autoscaling.engine must be "none", got "${app.autoscaling.engine}"`,
      );
    }
    const k = app.knative;
    if (!k) return;
    const metrics = METRICS_OF_CLASS[k.class]!;
    if (!metrics.includes(k.metric)) {
      out.add(`${at}/knative/metric`, `metric "${k.metric}" is not supported by class "${k.class}" (supported: ${metrics.join(', ')})`);
    }
    if (k.maxScale > 0 && k.minScale > k.maxScale) {
      out.add(`${at}/knative/maxScale`, `maxScale (${k.maxScale}) must be >= minScale (${k.minScale}) (0 = unlimited)`);
    }
  });
}
