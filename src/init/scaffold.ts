// The files of a new platform repository, as `elastic-gitops init` writes them: this installation as a dependency,
// cdk8s.yaml, environments/base.yaml + dev.yaml, .gitignore, the pull-request workflow and a README stub.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../errors.js';
import { repoRoot } from '../repo-root.js';

/** The `$schema` line of every scaffolded environment file: the installed package's schema, current on upgrade. */
const SCHEMA_LINE = '# yaml-language-server: $schema=../node_modules/elastic-gitops/environments/schema.json';

/**
 * Path (relative to the new repository) → content. `dependency` is how package.json names elastic-gitops: the
 * package is not on a registry, so by default a `file:` dependency on this installation (npm links it); a team
 * points it at a URL its CI can fetch (`github:<org>/elastic-gitops#v0.1.0`, a tarball) before pushing.
 */
export function scaffoldFiles(name: string, dependency = `file:${repoRoot()}`): Map<string, string> {
  const files = new Map<string, string>();
  const pkg = {
    name: packageName(name),
    version: '0.1.0',
    private: true,
    description: 'Platform environments rendered to Kubernetes YAML by elastic-gitops',
    scripts: {
      synth: 'elastic-gitops synth',
      check: 'elastic-gitops check',
      diff: 'elastic-gitops diff',
      validate: 'elastic-gitops validate dist/',
    },
    dependencies: { 'elastic-gitops': dependency },
  };
  files.set('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  files.set(
    'cdk8s.yaml',
    `# \`cdk8s synth\` runs the same compiler as \`npm run synth\`.
language: typescript
app: npx elastic-gitops synth
output: cdk8s.out
`,
  );
  files.set('.gitignore', 'node_modules/\ncdk8s.out/\n*.log\n');
  files.set(
    'environments/base.yaml',
    `${SCHEMA_LINE}
# Shared by every environment: each environments/<env>.yaml says \`extends: base\` and overrides what differs.
abstract: true
cluster:
  name: platform
gitops:
  engine: argocd
  repo: { url: https://example.com/your-org/deploy.git, branch: main }
`,
  );
  files.set(
    'environments/dev.yaml',
    `${SCHEMA_LINE}
# The first environment: \`npm run synth\` renders it to dist/dev/.
extends: base
cluster:
  name: platform-dev
apps:
  - name: web
    image: ghcr.io/stefanprodan/podinfo:6.7.1
    port: 9898
    securityContext: { runAsUser: 100, runAsGroup: 101 }
    resources:
      requests: { cpu: 100m, memory: 64Mi }
`,
  );
  files.set('.github/workflows/pr.yml', pullRequestWorkflow());
  files.set(
    'README.md',
    `# ${name}

The platform's environments, rendered by [elastic-gitops](${dependency}) into plain Kubernetes YAML under \`dist/<env>/\`.

\`\`\`
npm install          # once (then commit package-lock.json; CI runs npm ci)
npm run synth        # render and validate every environments/<env>.yaml into dist/<env>/
npx elastic-gitops diff      # what your change renders to, resource by resource
\`\`\`

Commit \`dist/\` with the change that produced it: reviewers read the rendered diff (posted on each pull request by
\`.github/workflows/pr.yml\`), and \`elastic-gitops check\` fails when \`dist/\` is stale. Before pushing, make the
\`elastic-gitops\` dependency in package.json one your CI can fetch (a git URL or a tarball).
`,
  );
  return files;
}

/**
 * The installation's own pull-request workflow (rendered diff as a PR comment, then `check`), without its test step:
 * a platform repository has no test suite of its own.
 */
function pullRequestWorkflow(): string {
  const path = join(repoRoot(), '.github', 'workflows', 'pr.yml');
  if (!existsSync(path)) throw new InputError(`the pull-request workflow is missing from this installation (${path})`);
  const text = readFileSync(path, 'utf8');
  const withoutTests = text.replace(/\n {6}- name: Tests\n(?: {8}.*\n)+/, '\n');
  if (withoutTests === text) throw new InputError(`${path}: its "Tests" step was not found: the scaffold cannot adapt it`);
  return withoutTests.replace(/^# On pull requests: install, test, check/, '# On pull requests: install, check');
}

/** An npm package name from a folder name: lower case, `[a-z0-9-._]`. */
function packageName(name: string): string {
  return (
    basename(name)
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|-+$/g, '') || 'platform'
  );
}
