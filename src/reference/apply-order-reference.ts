// docs/reference/apply-order.md: the rendered files in their order of application (the chart registry), the folders
// the GitOps engine applies first, and the order Argo CD applies the objects of one wave in (phases, then kinds).
import { CHARTS } from '../../charts/registry.js';
import { ARGO_KIND_ORDER, SYNC_PHASES, SYNC_WAVE } from '../convergence/kind-order.js';
import { compile } from '../synth/compile.js';
import { code, table } from './markdown.js';

/**
 * The page. What each file holds is read from what the shipped environments and examples render (`dirs`): the kinds
 * found in that file, and the folders it was written to.
 */
export function applyOrderReference(dirs: readonly string[]): string {
  const kinds = new Map<string, Set<string>>();
  const folders = new Map<string, Set<string>>();
  for (const dir of dirs)
    for (const env of compile({ environmentsDir: dir }))
      for (const doc of env.docs) {
        const parts = doc.file.split('/');
        const file = (parts.at(-1) ?? '').replace(/\.yaml$/, '');
        const folder = parts.length > 2 ? `${parts.slice(1, -1).join('/')}/` : '';
        (kinds.get(file) ?? kinds.set(file, new Set()).get(file)!).add(String(doc.object.kind));
        (folders.get(file) ?? folders.set(file, new Set()).get(file)!).add(folder === '' ? '`<env>/`' : code(`<env>/${folder}`));
      }
  const sorted = (s: Set<string> | undefined) => [...(s ?? [])].sort();
  const charts = table(
    ['file', 'folder', 'kinds (as rendered by environments/ and examples/)'],
    CHARTS.map((c) => [code(`${c.file}.yaml`), sorted(folders.get(c.file)).join(', '), sorted(kinds.get(c.file)).join(', ')]),
  );
  return `# Apply order reference

## Files

\`synth\` writes one file per chart, numbered in the order of application (\`charts/registry.ts\`); a chart that renders
nothing writes no file, and numbers never change. \`kustomization.yaml\` of \`<env>/\` lists the files of that folder
only: what the GitOps engine applies on its own, and first, is in a subfolder with its own \`kustomization.yaml\`
(\`argocd/\` under Argo CD, \`operators/\` under Flux; \`karmada/\` is applied to the Karmada API server). See
[synth](../synth.md), [GitOps delivery](../gitops.md) and [multi-cluster](../multicluster.md).

${charts}

## Sync waves

Each object's Argo CD sync wave (${code(SYNC_WAVE)}) is computed from what it waits for, not fixed per file: the wave
after the latest of its dependencies, 0 when it waits for nothing ([convergence](../convergence.md),
\`src/synth/apply-plan.ts\`). Within a wave Argo CD orders by phase, then by kind.

Phases: ${SYNC_PHASES.map((p) => code(p)).join(' → ')} (objects without a hook are in ${code('Sync')}).

Kinds, in the order Argo CD applies them within a wave (gitops-engine \`pkg/sync/sync_tasks.go\`; any other kind,
custom resources included, comes after them): ${ARGO_KIND_ORDER.map((k) => code(k)).join(', ')}.
`;
}
