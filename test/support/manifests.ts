// Plain manifests (multi-document YAML) → ManifestDoc[] with lines, and the problems one rule reports on them.
import { parseAllDocuments } from 'yaml';
import { runRules } from '../../src/validate/rules/index.js';
import type { ManifestDoc, Problem } from '../../src/validate/types.js';

/** Parses multi-document YAML as `file` (documents keep their start line). */
export function docs(yaml: string, file = 'test.yaml'): ManifestDoc[] {
  const out: ManifestDoc[] = [];
  for (const d of parseAllDocuments(yaml)) {
    const object = d.toJS();
    if (object === null || typeof object !== 'object') continue;
    const start = d.contents?.range?.[0] ?? 0;
    out.push({ object, file, line: yaml.slice(0, start).split('\n').length });
  }
  return out;
}

/** Problems reported by rule `id` on the manifests. */
export function problems(id: string, ...yaml: string[]): Problem[] {
  return runRules(docs(yaml.join('\n---\n'))).filter((p) => p.rule === id);
}

/** A Deployment with one container; `extra` is YAML merged under spec.template.spec (indented 6). */
export function deployment(o: {
  name: string;
  namespace?: string;
  replicas?: number;
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  podSpec?: string;
  image?: string;
}): string {
  const ns = o.namespace ?? 'apps';
  const labels = o.labels ?? { app: o.name };
  const lbl = (indent: string): string =>
    Object.entries(labels)
      .map(([k, v]) => `${indent}${k}: ${v}`)
      .join('\n');
  const requests =
    o.cpu || o.memory
      ? `
          resources:
            requests:${o.cpu ? `\n              cpu: "${o.cpu}"` : ''}${o.memory ? `\n              memory: ${o.memory}` : ''}`
      : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${o.name}
  namespace: ${ns}
spec:${o.replicas !== undefined ? `\n  replicas: ${o.replicas}` : ''}
  selector:
    matchLabels:
${lbl('      ')}
  template:
    metadata:
      labels:
${lbl('        ')}
    spec:${o.podSpec ? `\n${o.podSpec}` : ''}
      containers:
        - name: ${o.name}
          image: ${o.image ?? 'nginx:1.27'}${requests}
`;
}
