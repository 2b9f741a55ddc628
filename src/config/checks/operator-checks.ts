// The cluster's Kubernetes version against the range each operator the environment uses runs on: the operator's row
// of src/convergence/operator-installs.ts (its pinned chart version and the compatibility page it comes from).
import { operatorReleases } from '../../../charts/gitops/operators.js';
import { installOf, unsupportedRange } from '../../convergence/operator-installs.js';
import type { DiagnosticList } from '../diagnostic.js';
import type { Environment } from '../model/environment.js';

/**
 * Rejects a `cluster.kubernetesVersion` outside the range of an operator the environment renders for, naming both;
 * the charts of one release of one project (Istio's base, istiod, gateway) share one line.
 */
export function checkOperators(env: Environment, out: DiagnosticList): void {
  const version = env.cluster.kubernetesVersion;
  const titles = new Map<string, string[]>();
  for (const { chart } of operatorReleases(env)) {
    const range = unsupportedRange(installOf(chart), version);
    if (!range) continue;
    const key = `${chart.version}'s supported range ${range}`;
    const list = titles.get(key) ?? [];
    if (!list.includes(chart.title)) list.push(chart.title);
    titles.set(key, list);
  }
  for (const [what, names] of titles)
    out.add('/cluster/kubernetesVersion', `cluster.kubernetesVersion (${version}) is outside ${names.join(', ')} ${what}`);
}
