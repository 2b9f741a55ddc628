// diff says, per environment and before the resources, what a person would say of the changes: scaling old → new,
// objects added and removed, Karpenter limits, what rolls. One real git repository, one PR's worth of edits.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffWorkingTree, type DiffResult } from '../src/diff/diff-command.js';
import { formatMarkdown } from '../src/diff/format-markdown.js';
import { formatText } from '../src/diff/format-text.js';
import { repoWith, writeFiles } from './support/git-repo.js';

const ENV = (o: { max: number; cpu: number; gpu: boolean; logLevel?: string }) => `cluster: { name: shop, provider: eks }
nodes:
  provisioner: karpenter
  karpenter:
    nodeRole: KarpenterNodeRole-shop
    pools:
      - { name: default, instanceCategories: [c, m], limits: { cpu: "${o.cpu}" } }
${o.gpu ? '      - { name: gpu, instanceCategories: [g] }\n' : ''}apps:
${['orders', 'web', 'api']
  .map(
    (name) => `  - name: ${name}
    image: ghcr.io/example/${name}:1.0
    resources: { requests: { cpu: 100m } }${o.logLevel ? `\n    env: { LOG_LEVEL: ${o.logLevel} }` : ''}
    autoscaling: { engine: hpa, maxReplicas: ${name === 'orders' ? o.max : 5}, triggers: [{ type: cpu, utilization: 60 }] }
`,
  )
  .join('')}`;

let dir: string;
let result: DiffResult;
beforeAll(async () => {
  dir = repoWith({ 'environments/prod.yaml': ENV({ max: 10, cpu: 100, gpu: false }) });
  writeFiles(dir, { 'environments/prod.yaml': ENV({ max: 17, cpu: 200, gpu: true, logLevel: 'debug' }) });
  result = await diffWorkingTree({ environments: 'environments' }, dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SUMMARY = 'orders: max replicas 10 → 17; +1 NodePool `gpu`; Karpenter limit cpu 100 → 200 (`default`); 3 Deployments roll';

describe('diff: the semantic summary of an environment', () => {
  it('says what changes as a person would: scaling, added objects, Karpenter limits, what rolls', () => {
    expect(result.environments.map((e) => [e.env, e.summary])).toEqual([['prod', SUMMARY]]);
  });

  it('markdown: a paragraph under the environment heading, before the resources', () => {
    const md = formatMarkdown(result.environments, result.base);
    expect(md).toContain(`\n\n#### prod\n\n${SUMMARY}.\n\n<details>`);
  });

  it('text: a line under the environment counts', () => {
    expect(formatText(result.environments, result.base)).toContain(`\nprod: 1 added, 5 changed, 0 removed\n  ${SUMMARY}\n  ~ `);
  });

  it('an edit that changes nothing rendered has no summary', async () => {
    writeFiles(dir, { 'environments/prod.yaml': `# a comment only\n${ENV({ max: 10, cpu: 100, gpu: false })}` });
    const [prod] = (await diffWorkingTree({ environments: 'environments' }, dir)).environments;
    expect(prod).toMatchObject({ changes: [], summary: '' });
    expect(formatMarkdown([prod!], result.base)).not.toContain('#### prod');
  });
});
