// Renaming an app leaves queries that name the old app or namespace: synth warns (exit 0), naming the query's line.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { envDir } from './support/env-dir.js';
import { runCli } from './support/run-cli.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const env = (app: string, query: string) => `cluster: { name: c }
apps:
  - name: ${app}
    image: nginx:1.27
    autoscaling:
      engine: keda
      maxReplicas: 5
      triggers:
        - type: prometheus
          query: '${query}'
          threshold: 10
`;
const QUERY = 'sum(rate(istio_requests_total{destination_workload="web",destination_workload_namespace="web",reporter="source"}[1m]))';

function synth(text: string) {
  const { root } = envDir({ dev: text });
  roots.push(root);
  return runCli(['synth', '--no-validate'], root);
}

describe('queries naming a renamed app', () => {
  it('warns for each matcher naming an app or namespace the environment does not have, and still renders', () => {
    const r = synth(env('storefront', QUERY));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'warning: environments/dev.yaml:10:18 apps[0].autoscaling.triggers[0].query: destination_workload="web" names no app of this environment (apps: storefront): renamed or removed? The query would match nothing',
      'warning: environments/dev.yaml:10:18 apps[0].autoscaling.triggers[0].query: destination_workload_namespace="web" names no namespace of this environment (namespaces: storefront): renamed or removed? The query would match nothing',
    ]);
  });

  it('says nothing when the names match, or a matcher is a regex or another label', () => {
    expect(synth(env('web', QUERY)).stderr).toBe('');
    expect(synth(env('storefront', 'sum(rate(http_requests_total{app=~"web|api",code="500"}[1m]))')).stderr).toBe('');
  });
});
