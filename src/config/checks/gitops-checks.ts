// GitOps delivery rules: the Source Hydrator is an Argo CD feature and needs its settings.
import type { Environment } from '../model/environment.js';
import type { DiagnosticList } from '../diagnostic.js';

/** Checks `gitops.delivery` against `gitops.engine` and `gitops.hydrator`. */
export function checkGitops(env: Environment, out: DiagnosticList): void {
  const g = env.gitops;
  if (!g) return;
  if (g.delivery === 'hydrator') {
    if (g.engine !== 'argocd')
      out.add('/gitops/delivery', `delivery "hydrator" is Argo CD's Source Hydrator: it needs engine "argocd", got "${g.engine}"`);
    if (!g.hydrator) out.add('/gitops/delivery', 'delivery "hydrator" needs gitops.hydrator: { dryRepo, image }');
  } else if (g.hydrator) {
    out.add('/gitops/hydrator', `hydrator settings need delivery "hydrator", got "${g.delivery}"`);
  }
}
