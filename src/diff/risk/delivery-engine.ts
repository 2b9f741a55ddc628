// Which GitOps engine applies an environment's output, read from the rendered objects, so that advice names its knob.
import type { ManifestDoc } from '../../validate/types.js';

export type DeliveryEngine = 'argocd' | 'flux' | 'kubectl';

/** `argocd` when the output holds an Argo CD Application, `flux` when a Flux Kustomization, else `kubectl`. */
export function deliveryEngine(docs: readonly ManifestDoc[]): DeliveryEngine {
  const apiVersions = new Set(docs.map((d) => String(d.object.apiVersion ?? '').split('/')[0]));
  if (apiVersions.has('argoproj.io')) return 'argocd';
  if (apiVersions.has('kustomize.toolkit.fluxcd.io')) return 'flux';
  return 'kubectl';
}

/** What fails, as the engine's reviewer will see it: `Argo CD will fail to sync`. */
export function failsToSync(engine: DeliveryEngine): string {
  return { argocd: 'Argo CD will fail to sync', flux: 'Flux will fail to apply', kubectl: 'kubectl apply will fail' }[engine];
}

/**
 * How to get an immutable change applied: delete and recreate the object. Argo CD: the `Force=true,Replace=true` sync
 * options (a plain `Replace=true` is a PUT, refused as well); Flux: the Kustomization's `spec.force: true`.
 */
export function recreateAdvice(engine: DeliveryEngine): string {
  return {
    argocd:
      'add the sync options `Force=true,Replace=true` (annotation `argocd.argoproj.io/sync-options`) to this object, or delete it before the sync',
    flux: 'set `spec.force: true` on the Flux Kustomization (it recreates objects whose immutable fields change), or delete the object before the sync',
    kubectl: 'delete the object before applying (`kubectl replace --force`)',
  }[engine];
}
