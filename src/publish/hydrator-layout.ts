// What Argo CD's Source Hydrator writes next to the manifests it commits, written by publish too, so that a deploy
// repository reads the same under either delivery: a `hydrator.metadata` at the top level and in each environment
// folder (JSON: the dry repository and commit, per folder the command that renders it) and a README naming the dry
// commit. Mirrors argo-cd commitserver/commit/hydratorhelper.go (WriteForPaths, writeMetadata, writeReadme) and the
// `manifestHydrationReadmeTemplate` of commitserver/commit/commit.go.

/** The `hydrator.metadata` file name. */
export const HYDRATOR_METADATA = 'hydrator.metadata';

/** Argo CD's hydratorMetadataFile: `repoURL`, `drySha`, `commands` (empty fields left out), as Go's json.MarshalIndent(…, "", "  ") writes it. */
export function hydratorMetadata(repoURL: string, drySha: string, commands: readonly string[] = []): string {
  return JSON.stringify({ repoURL, drySha, ...(commands.length > 0 ? { commands } : {}) }, null, 2);
}

/** The README Argo CD writes per folder ("# Manifest Hydration": clone, check out the dry commit, run the commands), then `rest`. */
export function hydrationReadme(repoURL: string, drySha: string, commands: readonly string[], rest: string): string {
  const head = [
    '# Manifest Hydration',
    '',
    'To hydrate the manifests in this repository, run the following commands:',
    '',
    '```shell',
    `git clone ${repoURL}`,
    '# cd into the cloned directory',
    `git checkout ${drySha}`,
    ...commands,
    '```',
  ];
  return `${head.join('\n')}\n${rest === '' ? '' : `\n${rest}`}`;
}
