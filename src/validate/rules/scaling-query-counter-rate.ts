import { parser } from '@prometheus-io/lezer-promql';
import { arr, type Resource } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** Series names Prometheus's naming conventions give counters (and the counters of histograms and summaries). */
const COUNTER_SUFFIX = /_(total|count|sum|bucket)$/;

/** Functions that turn a counter into something that falls when the load does. */
const COUNTER_FUNCTIONS = new Set(['rate', 'irate', 'increase']);

/** The counters `query` reads outside rate/irate/increase (parsed with @prometheus-io/lezer-promql). */
export function rawCounters(query: string): string[] {
  const out: string[] = [];
  parser.parse(query).iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const node = ref.node;
      const id = node.getChild('Identifier');
      const name = id ? query.slice(id.from, id.to) : '';
      if (COUNTER_SUFFIX.test(name) && !insideCounterFunction(node, query)) out.push(name);
      return false;
    },
  });
  return [...new Set(out)];
}

function insideCounterFunction(node: SyntaxNode, query: string): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.name !== 'FunctionCall') continue;
    const fn = p.getChild('FunctionIdentifier');
    if (fn && COUNTER_FUNCTIONS.has(query.slice(fn.from, fn.to))) return true;
  }
  return false;
}

/** A scaling query over a counter reads it through rate(), irate() or increase(). */
export const scalingQueryCounterRate: Rule = {
  id: 'scaling-query-counter-rate',
  severity: 'warning',
  doc:
    'A KEDA `prometheus` trigger whose query reads a counter (a series named `*_total`, `*_count`, `*_sum` or ' +
    '`*_bucket`) reads it through `rate()`, `irate()` or `increase()`. A counter only grows: scaled on its raw ' +
    'value, the workload climbs to maxReplicas and never scales back down (seed 000 scales on ' +
    '`sum(istio_requests_total{...})`).',
  check(ctx) {
    const out: Problem[] = [];
    const scaled: Resource[] = [...ctx.index.of('keda.sh', 'ScaledObject'), ...ctx.index.of('keda.sh', 'ScaledJob')];
    for (const r of scaled) {
      for (const [i, t] of arr(r.body.spec?.triggers).entries()) {
        const query = t?.type === 'prometheus' ? t.metadata?.query : undefined;
        if (typeof query !== 'string') continue;
        const counters = rawCounters(query);
        if (counters.length === 0) continue;
        out.push(
          report(
            this,
            r,
            `/spec/triggers/${i}/metadata/query`,
            `trigger ${i} query reads the counter${counters.length > 1 ? 's' : ''} ${counters.join(', ')} without rate(), irate() or increase(): a counter only grows, so the workload scales to maxReplicas and never back (e.g. sum(rate(${counters[0]}{...}[1m])))`,
          ),
        );
      }
    }
    return out;
  },
};
