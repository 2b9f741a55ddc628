import { problemAt } from '../../manifest/object-index.js';
import { simulate } from '../../convergence/simulate.js';
import type { Rule } from './rule.js';

/** The convergence simulation (src/convergence/) as a rule: what the apply engine can never make Healthy. */
export const converges: Rule = {
  id: 'converges',
  severity: 'error',
  doc:
    'Simulates how Argo CD (sync waves, then its kind order, Applications by their waves in the parent) or Flux ' +
    '(Kustomizations and HelmReleases by `dependsOn`) applies the set, and reports what can never become Healthy: an ' +
    'object whose namespace, CRD (rendered, installed by an operator chart that comes earlier, or built in) or ' +
    'AppProject permission is missing or comes later; pods that need a NodePool or Provisioner label, a PriorityClass, ' +
    'a ServiceAccount, a ConfigMap or Secret, or the Istio injection webhook that a later wave brings (Argo CD waits for ' +
    'a wave to be Healthy before the next, so the later wave is never applied); operator charts that need a kind or ' +
    'webhook of a chart applied at the same time or later. Secrets not in the set are warnings (notes when declared ' +
    'with the `elastic-gitops.dev/external-secrets` annotation). A set with no Application or Flux object goes to a ' +
    'cluster we do not know: then only its own order is checked.',
  check(ctx) {
    return simulate(ctx.index).findings.map((f) => problemAt(f.resource, this.id, f.severity, f.path, f.message));
  },
};
