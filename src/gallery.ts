// The gallery of docs/examples.md: one row per example environment (seed article), with how much YAML a few lines of config
// become, and each example's request and scaling flow. `npm run gallery` rewrites it; a test keeps it current.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPlan, mermaid } from './plan/index.js';
import { compile } from './synth/compile.js';

export const GALLERY_START = '<!-- gallery:start (npm run gallery) -->';
export const GALLERY_END = '<!-- gallery:end -->';

const ARTICLES: Readonly<Record<string, string>> = {
  '000-chris': 'EKS + kube-prometheus-stack + Istio + KEDA on `istio_requests_total` + Karpenter v1alpha5',
  '001-myipv4cluster': 'EKS: Cluster Autoscaler, Karpenter, CPU HPA, prometheus-adapter HPA, KEDA with fallback',
  '002-lke-multiregion': 'LKE × 3 regions: overprovisioning, KEDA, Karmada 2/1/2, east-west gateway, Knative',
  '003-kind-flask': 'kind: flask app, probes, Ingress, CPU HPA 50% 2..10',
  '004-karpenter-spot': 'Karpenter v1alpha5 on spot + the `inflate` Deployment',
};

/** The gallery section (between the markers) for the environments in `dir`. */
export function renderGallery(dir: string): string {
  const rows: string[] = ['| example | seed article builds by hand | environment lines | rendered lines | objects |', '|---|---|---|---|---|'];
  const diagrams: string[] = [];
  for (const env of compile({ environmentsDir: dir })) {
    const source = readFileSync(join(dir, `${env.env}.yaml`), 'utf8');
    const configLines = source.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')).length;
    let renderedLines = 0;
    for (const [name, text] of env.files) if (name.endsWith('.yaml')) renderedLines += text.split('\n').length - 1;
    rows.push(
      `| [\`${env.env}\`](../examples/${env.env}.yaml) | ${ARTICLES[env.env] ?? ''} | ${configLines} | ${renderedLines} | ${env.docs.length} |`,
    );
    diagrams.push(
      `<details><summary>${env.env}: request and scaling flow</summary>\n\n\`\`\`mermaid\n${mermaid(buildPlan(env.docs)).trimEnd()}\n\`\`\`\n\n</details>`,
    );
  }
  return `${GALLERY_START}\n${rows.join('\n')}\n\n${diagrams.join('\n\n')}\n${GALLERY_END}`;
}

/** The page the gallery is written into, relative to the repository. */
export const GALLERY_PAGE = 'docs/examples.md';

/** `page` with its gallery section replaced. */
export function withGallery(page: string, gallery: string): string {
  const start = page.indexOf(GALLERY_START);
  const end = page.indexOf(GALLERY_END);
  if (start === -1 || end === -1) return `${page.trimEnd()}\n\n${gallery}\n`;
  return page.slice(0, start) + gallery + page.slice(end + GALLERY_END.length);
}
