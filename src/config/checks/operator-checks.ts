// The cluster's Kubernetes version against the range each operator the environment uses supports
// (charts/gitops/operator-versions.ts: the pinned chart and its compatibility matrix).
import { operatorReleases } from '../../../charts/gitops/operators.js';
import type { DiagnosticList } from '../diagnostic.js';
import type { Environment } from '../model/environment.js';

/** Rejects a `cluster.kubernetesVersion` outside the supported range of an operator the environment renders for. */
export function checkOperators(env: Environment, out: DiagnosticList): void {
  const version = env.cluster.kubernetesVersion;
  const seen = new Set<string>();
  for (const { chart } of operatorReleases(env)) {
    const range = chart.kubernetes;
    if (!range || seen.has(chart.title + chart.version)) continue;
    seen.add(chart.title + chart.version);
    if (minor(version) < minor(range.min) || (range.max !== undefined && minor(version) > minor(range.max))) {
      const supported = range.max === undefined ? `${range.min} and later` : `${range.min}–${range.max}`;
      out.add(
        '/cluster/kubernetesVersion',
        `cluster.kubernetesVersion (${version}) is outside ${chart.title} ${chart.version}'s supported range ${supported}`,
      );
    }
  }
}

/** The minor of `1.<minor>` (the schema admits no other form). */
function minor(version: string): number {
  return Number(version.split('.')[1]);
}
