import { arr, isRecord, groupOf } from '../../manifest/object-index.js';
import { selects } from '../../manifest/label-selector.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** Karmada PropagationPolicy resource selectors match objects of the set. */
export const karmadaSelectorMatches: Rule = {
  id: 'karmada-selector-matches',
  severity: 'warning',
  doc:
    'Every `resourceSelectors` entry of a Karmada PropagationPolicy (in its own namespace) or ' +
    'ClusterPropagationPolicy matches at least one object of the set by apiVersion, kind, and name or ' +
    'labelSelector (and namespace when given). A selector that matches nothing propagates nothing, and the ' +
    'workload silently stays on the host cluster only.',
  check(ctx) {
    const out: Problem[] = [];
    const policies = [...ctx.index.of('policy.karmada.io', 'PropagationPolicy'), ...ctx.index.of('policy.karmada.io', 'ClusterPropagationPolicy')];
    for (const p of policies) {
      for (const [i, s] of arr(p.body.spec?.resourceSelectors).entries()) {
        if (!isRecord(s)) continue;
        const ns = p.kind === 'PropagationPolicy' ? p.namespace : typeof s.namespace === 'string' ? s.namespace : undefined;
        const matched = ctx.index
          .of(groupOf(s.apiVersion), String(s.kind))
          .some(
            (r) =>
              r.body.apiVersion === s.apiVersion &&
              (ns === undefined || r.namespace === ns) &&
              (typeof s.name !== 'string' || s.name === '' || r.name === s.name) &&
              (!isRecord(s.labelSelector) || selects(s.labelSelector, r.labels)),
          );
        if (!matched) {
          out.push(
            report(
              this,
              p,
              `/spec/resourceSelectors/${i}`,
              `resourceSelectors[${i}] (${s.apiVersion} ${s.kind}${s.name ? ` "${s.name}"` : ''}${ns ? ` in ${ns}` : ''}) matches no object in the set`,
            ),
          );
        }
      }
    }
    return out;
  },
};
