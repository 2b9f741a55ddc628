import type { Resource } from '../../manifest/object-index.js';
import { selects } from '../../manifest/label-selector.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

const MON = 'monitoring.coreos.com';
const FIELDS = {
  ServiceMonitor: ['serviceMonitorSelector', 'serviceMonitorNamespaceSelector'],
  PodMonitor: ['podMonitorSelector', 'podMonitorNamespaceSelector'],
  PrometheusRule: ['ruleSelector', 'ruleNamespaceSelector'],
} as const;

/** Some Prometheus object of the set picks up every monitor and rule. */
export const prometheusSelectsMonitor: Rule = {
  id: 'prometheus-selects-monitor',
  severity: 'warning',
  doc:
    'When the set holds a Prometheus object (prometheus-operator), every ServiceMonitor, PodMonitor and ' +
    'PrometheusRule is selected by one: its `serviceMonitorSelector`/`podMonitorSelector`/`ruleSelector` matches ' +
    "the object's labels (an unset selector selects nothing, `{}` everything) and the matching namespace selector " +
    "admits its namespace (unset: the Prometheus object's own namespace; labels of Namespace objects in the set " +
    'otherwise). An unselected monitor is silently ignored by the operator.',
  check(ctx) {
    const out: Problem[] = [];
    const proms = ctx.index.of(MON, 'Prometheus');
    if (proms.length === 0) return out;
    const nsLabels = new Map(ctx.index.of('', 'Namespace').map((n) => [n.name, { ...n.labels, 'kubernetes.io/metadata.name': n.name }]));
    for (const kind of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
      const [sel, nsSel] = FIELDS[kind];
      for (const m of ctx.index.of(MON, kind)) {
        if (proms.some((p) => picks(p, m, sel, nsSel, nsLabels))) continue;
        out.push(
          report(
            this,
            m,
            '/metadata/labels',
            `no Prometheus selects this ${kind}: ${proms.map((p) => `${p.namespace}/${p.name} ${sel} ${JSON.stringify(p.body.spec?.[sel] ?? null)}`).join('; ')}`,
          ),
        );
      }
    }
    return out;
  },
};

function picks(p: Resource, m: Resource, sel: string, nsSel: string, nsLabels: Map<string, Record<string, string>>): boolean {
  if (!selects(p.body.spec?.[sel], m.labels)) return false;
  const namespaceSelector = p.body.spec?.[nsSel];
  if (namespaceSelector === undefined || namespaceSelector === null) return m.namespace === p.namespace;
  return selects(namespaceSelector, nsLabels.get(m.namespace) ?? { 'kubernetes.io/metadata.name': m.namespace });
}
