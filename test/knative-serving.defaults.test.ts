// Apps of kind knative bring the KnativeServing that makes the Knative operator install Knative Serving: Istio's
// ingress with the mesh, Kourier's without, applied after the operator and before the Knative Services.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { find, render } from './support/render.js';
import { REPO, runCli } from './support/run-cli.js';

const WAVE = 'argocd.argoproj.io/sync-wave';
const env = (mesh: boolean, gitops = '') =>
  `cluster: { name: c }\nmesh: { enabled: ${mesh} }\n${gitops}apps:\n  - { name: fn, kind: knative, image: nginx, port: 8080 }\n`;
const ARGOCD = 'gitops: { engine: argocd, repo: { url: "https://github.com/example/deploy.git" } }\n';

describe('KnativeServing: defaults', () => {
  it('with the mesh on, asks for the Istio ingress, in namespace knative-serving (rendered too)', () => {
    const objects = render({ dev: env(true) });
    const serving = find(objects, 'KnativeServing', 'knative-serving');
    expect(serving.apiVersion).toBe('operator.knative.dev/v1beta1');
    expect(serving.metadata.namespace).toBe('knative-serving');
    expect(serving.spec).toEqual({
      ingress: { istio: { enabled: true } },
      config: { network: { 'ingress-class': 'istio.ingress.networking.knative.dev' } },
    });
    expect(find(objects, 'Namespace', 'knative-serving')).toBeDefined();
  });

  it('with the mesh off, asks for Kourier', () => {
    const serving = find(render({ dev: env(false) }), 'KnativeServing', 'knative-serving');
    expect(serving.spec).toEqual({
      ingress: { kourier: { enabled: true } },
      config: { network: { 'ingress-class': 'kourier.ingress.networking.knative.dev' } },
    });
  });

  it('is not rendered without knative apps', () => {
    const objects = render({ dev: 'cluster: { name: c }\napps:\n  - { name: web, image: nginx }\n' });
    expect(objects.filter((o) => o.kind === 'KnativeServing' || o.metadata?.name === 'knative-serving')).toEqual([]);
  });

  it('under Argo CD is in a sync wave before the Knative Service, and skips the dry run while its CRD is missing', () => {
    const objects = render({ dev: env(true, ARGOCD) });
    const serving = find(objects, 'KnativeServing', 'knative-serving').metadata.annotations;
    const service = find(objects, 'Service', 'fn').metadata.annotations;
    expect(Number(serving[WAVE])).toBeLessThan(Number(service[WAVE]));
    expect(serving['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
  });
});

describe('KnativeServing: the shipped dev environment', () => {
  let out: string | undefined;
  afterEach(() => {
    if (out) rmSync(out, { recursive: true, force: true });
    out = undefined;
  });

  it('synthesizes with no converges finding about serving.knative.dev (the KnativeServing provides its CRDs)', () => {
    out = mkdtempSync(join(tmpdir(), 'eg-knative-'));
    const r = runCli(['synth', '--env', 'dev', '--out', out, '--no-cache'], REPO);
    expect(r.stderr).not.toMatch(/serving\.knative\.dev/);
    expect(r.status, r.stderr).toBe(0);
  });
});
