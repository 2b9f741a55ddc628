import { isRecord, type Resource } from '../../manifest/object-index.js';
import { selects } from '../../manifest/label-selector.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

const MON = 'monitoring.coreos.com';

/** Namespaces a monitor's namespaceSelector admits: 'any', or a list. */
export function monitorNamespaces(m: Resource): 'any' | string[] {
  const ns = m.body.spec?.namespaceSelector;
  if (isRecord(ns) && ns.any === true) return 'any';
  if (isRecord(ns) && Array.isArray(ns.matchNames) && ns.matchNames.length > 0) return ns.matchNames.map(String);
  return [m.namespace];
}

/** PodMonitors and ServiceMonitors select at least one workload. */
export const monitorSelectsTargets: Rule = {
  id: 'monitor-selects-targets',
  severity: 'warning',
  doc:
    'Every PodMonitor selects the pods of at least one workload (pod template labels) and every ServiceMonitor at ' +
    'least one Service, in the namespaces its `namespaceSelector` admits (its own namespace by default). A monitor ' +
    'that selects nothing scrapes nothing, and autoscalers reading those metrics see no data. Checked only when the ' +
    'set holds pod templates (or Services) in those namespaces: a file of monitors alone is legitimate input to ' +
    '`validate`, and so is a namespace whose workloads are installed by other means.',
  check(ctx) {
    const out: Problem[] = [];
    const pods = ctx.podTemplates.map((t) => ({ namespace: t.owner.namespace, labels: t.labels }));
    const services = ctx.index.of('', 'Service').map((s) => ({ namespace: s.namespace, labels: s.labels }));
    const checks = [
      ['PodMonitor', pods, 'pod template'],
      ['ServiceMonitor', services, 'Service'],
    ] as const;
    for (const [kind, candidates, noun] of checks) {
      for (const m of ctx.index.of(MON, kind)) {
        const nss = monitorNamespaces(m);
        const inScope = candidates.filter((c) => nss === 'any' || nss.includes(c.namespace));
        if (inScope.length === 0) continue;
        if (inScope.some((c) => selects(m.body.spec?.selector, c.labels))) continue;
        out.push(
          report(
            this,
            m,
            '/spec/selector',
            `selector matches no ${noun} in ${nss === 'any' ? 'any namespace' : `namespace${nss.length > 1 ? 's' : ''} ${nss.join(', ')}`} (${inScope.length} ${noun}${inScope.length > 1 ? 's' : ''} there)`,
          ),
        );
      }
    }
    return out;
  },
};
