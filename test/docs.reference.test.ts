// The reference pages (docs/reference/*.md) are generated from the code: what is committed is what
// `npm run reference` writes, so a new environment key, rule, chart, command, flag or exit code cannot go undocumented.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { program } from '../src/cli/program.js';
import { EXIT_CODES } from '../src/exit-codes.js';
import { GENERATED, readmeSections, referencePages, withReadmeSections } from '../src/reference/index.js';
import { RULES } from '../src/validate/rules/index.js';
import { REPO } from './support/run-cli.js';

const pages = referencePages(REPO);
const committed = (path: string) => readFileSync(join(REPO, path), 'utf8');

describe('docs/reference', () => {
  it('holds exactly the generated pages, each as `npm run reference` writes it', () => {
    expect(readdirSync(join(REPO, 'docs', 'reference')).sort()).toEqual([...pages.keys()].map((p) => p.split('/').at(-1)).sort());
    for (const [path, text] of pages) {
      expect(text.startsWith(`${GENERATED}\n`), path).toBe(true);
      expect(committed(path), `${path} is stale: run \`npm run reference\``).toBe(text);
    }
  });

  it("holds the README's generated sections (commands, exit codes) as `npm run reference` writes them", () => {
    const readme = committed('README.md');
    expect(readme, 'README.md is stale: run `npm run reference`').toBe(withReadmeSections(readme, readmeSections()));
    expect(readme).toContain('| `diff` | render a git base and the working tree');
  });

  it('lists every environment key of the schema, with its default', () => {
    const page = pages.get('docs/reference/environment.md') ?? '';
    for (const key of ['cluster.kubernetesVersion', 'apps[].autoscaling.triggers[type=cron].timezone', 'gitops.engine', 'apps[].env.<key>'])
      expect(page).toContain(`| \`${key}\` |`);
    expect(page).toMatch(/\| `mesh\.mtls` \| `"STRICT"`, `"PERMISSIVE"`, `"DISABLE"` \| `"STRICT"` \| /);
    const undescribed = page
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .filter((line) => (line.replace(/\\\|/g, '').split('|').at(-2) ?? '').trim() === '');
    expect(undescribed).toEqual([]);
  });

  it('lists every rule, every command and every exit code', () => {
    const rules = pages.get('docs/reference/rules.md') ?? '';
    for (const r of RULES) expect(rules).toContain(`| [\`${r.id}\`](#${r.id}) | ${r.severity} |`);
    const cli = pages.get('docs/reference/cli.md') ?? '';
    for (const c of program.commands) expect(cli).toContain(`## elastic-gitops ${c.name()}\n`);
    expect(cli).toContain('## elastic-gitops schemas sync\n');
    for (const e of EXIT_CODES) expect(cli).toContain(`| \`${e.code}\` | ${e.meaning} |`);
  });

  it('lists the rendered files in their order of application', () => {
    const order = pages.get('docs/reference/apply-order.md') ?? '';
    expect(order.indexOf('`00-namespaces.yaml`')).toBeLessThan(order.indexOf('`30-workloads.yaml`'));
    expect(order).toMatch(/\| `35-autoscaling\.yaml` \| `<env>\/`, `<env>\/karmada\/` \| .*FederatedHPA.*ScaledObject/);
  });
});
