// PromQL parses with Prometheus's grammar wherever the manifests carry a query.
import { describe, expect, it } from 'vitest';
import { fillAdapterTemplate, promqlError } from '../src/validate/rules/promql-syntax.js';
import { problems } from './support/manifests.js';

const so = (query: string): string => `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: web, namespace: apps }
spec:
  scaleTargetRef: { name: web }
  triggers:
    - type: prometheus
      metadata:
        serverAddress: http://prometheus-operated.monitoring:9090
        query: '${query}'
        threshold: "50"
`;

const rule = (expr: string): string => `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: alerts, namespace: monitoring }
spec:
  groups:
    - name: autoscaling
      rules:
        - alert: Busy
          expr: |-
${expr
  .split('\n')
  .map((l) => `            ${l}`)
  .join('\n')}
`;

const adapter = (metricsQuery: string): string => `apiVersion: v1
kind: ConfigMap
metadata: { name: adapter-config, namespace: monitoring }
data:
  config.yaml: |
    rules:
      - seriesQuery: 'http_requests_total{namespace!="",pod!=""}'
        resources:
          overrides: { namespace: { resource: namespace }, pod: { resource: pod } }
        name: { matches: "^(.*)_total$", as: "\${1}_per_second" }
        metricsQuery: '${metricsQuery}'
`;

describe('promql-syntax', () => {
  it('reports a KEDA trigger query that does not parse, with the column of the error', () => {
    const p = problems('promql-syntax', so('sum(rate(http_requests_total{app="web"}[1m])'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ severity: 'error', path: '/spec/triggers/0/metadata/query' });
    expect(p[0]!.message).toContain('unexpected end of query at line 1, column 45');
  });
  it('reports a PrometheusRule expr error on its line', () => {
    const p = problems('promql-syntax', rule('sum by (namespace) (\n  rate(keda_scaler_errors_total[5m)\n) > 0'));
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toBe('/spec/groups/0/rules/0/expr');
    expect(p[0]!.message).toMatch(/rule "Busy" expr does not parse as PromQL: unexpected .* at line 2, column 35/);
  });
  it('reports a prometheus-adapter metricsQuery error, placeholders filled in', () => {
    const p = problems('promql-syntax', adapter('sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m]) by (<<.GroupBy>>)'));
    expect(p).toHaveLength(1);
    expect(p[0]!.message).toContain('prometheus-adapter rules[0].metricsQuery');
  });
  it('accepts valid queries in all three places', () => {
    expect(
      problems(
        'promql-syntax',
        so('sum(rate(istio_requests_total{destination_workload="web",reporter="destination"}[1m]))'),
        rule(
          'kube_horizontalpodautoscaler_status_current_replicas >= kube_horizontalpodautoscaler_spec_max_replicas\nand on (namespace, horizontalpodautoscaler)\nkube_horizontalpodautoscaler_spec_min_replicas < kube_horizontalpodautoscaler_spec_max_replicas',
        ),
        adapter('sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'),
      ),
    ).toEqual([]);
  });
  it('keeps offsets when filling adapter templates', () => {
    const q = 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)';
    expect(fillAdapterTemplate(q)).toHaveLength(q.length);
    expect(promqlError(fillAdapterTemplate(q))).toBeUndefined();
    expect(promqlError('up ==')).toMatchObject({ line: 1, column: 6, found: 'end of query' });
    expect(promqlError('foo bar')).toMatchObject({ column: 5, found: '"bar"' });
  });
});

describe('scaling-query-counter-rate', () => {
  it('warns on a scaling query that sums a counter without rate() (seed 000), naming the counter', () => {
    const [p, ...rest] = problems('scaling-query-counter-rate', so('sum(istio_requests_total{destination_app="nginx"})'));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ severity: 'warning', kind: 'ScaledObject', name: 'web', path: '/spec/triggers/0/metadata/query' });
    expect(p!.message).toContain('reads the counter istio_requests_total without rate(), irate() or increase()');
    for (const q of [
      'http_server_requests_seconds_count',
      'sum(latency_seconds_sum) / sum(rate(latency_seconds_count[1m]))',
      'max(latency_seconds_bucket)',
    ]) {
      expect(problems('scaling-query-counter-rate', so(q)), q).toHaveLength(1);
    }
  });

  it('accepts counters read through rate, irate or increase, and gauges as they are', () => {
    for (const q of [
      'sum(rate(istio_requests_total{destination_app="nginx"}[1m]))',
      'sum(irate(http_requests_total[2m]))',
      'sum(increase(jobs_processed_total[5m]))',
      'histogram_quantile(0.9, sum(rate(latency_seconds_bucket[5m])) by (le))',
      'sum(queue_depth)',
    ]) {
      expect(problems('scaling-query-counter-rate', so(q)), q).toEqual([]);
    }
  });
});
