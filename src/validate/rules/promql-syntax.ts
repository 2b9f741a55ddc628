import { createRequire } from 'node:module';
import { appendPointer } from '../../json-pointer.js';
import { parser } from '@prometheus-io/lezer-promql';
import { arr, isRecord, type Resource } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** Where the first syntax error of a query is, if any (0-based offset) and what was found there. */
export interface PromqlError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly found: string;
}

/** Outcomes of queries already parsed: environments of one fleet repeat the same alerts and queries. */
const parsed = new Map<string, PromqlError | undefined>();
const PARSED_LIMIT = 10_000;

/** Parses `query` with Prometheus's own grammar (@prometheus-io/lezer-promql); undefined when it parses. */
export function promqlError(query: string): PromqlError | undefined {
  if (parsed.has(query)) return parsed.get(query);
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  const err = parse(query);
  parsed.set(query, err);
  return err;
}

function parse(query: string): PromqlError | undefined {
  let offset = -1;
  parser.parse(query).iterate({
    enter: (node) => {
      if (offset === -1 && node.type.isError) offset = node.from;
      return offset === -1;
    },
  });
  if (offset === -1 && query.trim() === '') offset = 0;
  if (offset === -1) return undefined;
  const before = query.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const rest = query.slice(offset).trimStart();
  const found = rest === '' ? 'end of query' : `"${/^(\w+|\S)/.exec(rest)![0]}"`;
  return { offset, line, column, found };
}

/**
 * prometheus-adapter queries are Go templates (`<<.Series>>`, `<<.LabelMatchers>>`, `<<.GroupBy>>`): replace each
 * placeholder by PromQL of the same length so that error columns still point into the original text.
 */
export function fillAdapterTemplate(query: string): string {
  return query.replace(/<<[^>]*>>/g, (m) =>
    m.includes('LabelMatchers') ? `a="${'x'.repeat(Math.max(m.length - 4, 0))}"` : `x${'_'.repeat(m.length - 1)}`,
  );
}

/** PromQL in KEDA prometheus triggers, PrometheusRules and prometheus-adapter rules parses. */
export const promqlSyntax: Rule = {
  id: 'promql-syntax',
  severity: 'error',
  doc:
    "Every PromQL expression parses with Prometheus's own grammar (@prometheus-io/lezer-promql): the `query` of " +
    'KEDA `prometheus` triggers (ScaledObject and ScaledJob), the `expr` of PrometheusRule rules, and the ' +
    '`seriesQuery`/`metricsQuery` of prometheus-adapter rules in a ConfigMap (template placeholders such as ' +
    '`<<.LabelMatchers>>` are filled in first). KEDA reports a broken query only at run time, as a scaler error, while ' +
    'the workload stops scaling; the problem gives the line and column of the error inside the query.',
  check(ctx) {
    const out: Problem[] = [];
    const check = (r: Resource, path: string, what: string, query: unknown, parseText = query): void => {
      if (typeof query !== 'string' || typeof parseText !== 'string') return;
      const err = promqlError(parseText);
      if (!err) return;
      out.push(
        report(
          this,
          r,
          path,
          `${what} does not parse as PromQL: unexpected ${err.found} at line ${err.line}, column ${err.column} of the query: ${excerpt(query, err)}`,
        ),
      );
    };
    for (const r of [...ctx.index.of('keda.sh', 'ScaledObject'), ...ctx.index.of('keda.sh', 'ScaledJob')]) {
      for (const [i, t] of arr(r.body.spec?.triggers).entries()) {
        if (t?.type === 'prometheus') check(r, `/spec/triggers/${i}/metadata/query`, `trigger ${i} query`, t.metadata?.query);
      }
    }
    for (const r of ctx.index.of('monitoring.coreos.com', 'PrometheusRule')) {
      for (const [g, group] of arr(r.body.spec?.groups).entries()) {
        for (const [i, rule] of arr(group?.rules).entries()) {
          const name = rule?.alert ?? rule?.record ?? `rules[${i}]`;
          check(r, `/spec/groups/${g}/rules/${i}/expr`, `rule "${name}" expr`, typeof rule?.expr === 'number' ? String(rule.expr) : rule?.expr);
        }
      }
    }
    for (const r of ctx.index.of('', 'ConfigMap')) {
      for (const [key, text] of Object.entries(isRecord(r.body.data) ? r.body.data : {})) {
        const rules = adapterRules(text);
        for (const [list, i, rule] of rules) {
          for (const field of ['seriesQuery', 'metricsQuery', 'containerQuery', 'nodeQuery'] as const) {
            const q = rule[field];
            if (typeof q === 'string') check(r, appendPointer('/data', key), `prometheus-adapter ${list}[${i}].${field}`, q, fillAdapterTemplate(q));
          }
        }
      }
    }
    return out;
  },
};

/** The rules of a prometheus-adapter config (`rules`, `externalRules`, `resourceRules.cpu|memory`), if `text` is one. */
function adapterRules(text: unknown): [string, number | string, Record<string, any>][] {
  if (typeof text !== 'string' || !/(seriesQuery|containerQuery)/.test(text)) return [];
  let doc: unknown;
  try {
    // the yaml library is loaded only when an adapter config is met (validate of rendered output never needs it)
    const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
    doc = parse(text);
  } catch {
    return [];
  }
  if (!isRecord(doc)) return [];
  const out: [string, number | string, Record<string, any>][] = [];
  for (const list of ['rules', 'externalRules'] as const) {
    for (const [i, rule] of arr(doc[list]).entries()) if (isRecord(rule)) out.push([list, i, rule]);
  }
  for (const res of ['cpu', 'memory'] as const) {
    const rule = doc.resourceRules?.[res];
    if (isRecord(rule)) out.push(['resourceRules', res, rule]);
  }
  return out;
}

/** The text around the error on its line, with ▸ where the error is. */
function excerpt(query: string, err: PromqlError): string {
  const line = query.split('\n')[err.line - 1] ?? '';
  const at = err.column - 1;
  const start = Math.max(0, at - 40);
  const end = Math.min(line.length, at + 30);
  return `${start > 0 ? '…' : ''}${line.slice(start, at)}▸${line.slice(at, end)}${end < line.length ? '…' : ''}`;
}
