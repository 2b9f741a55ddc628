// The API server's per-object checks on YAML text: `path message` lines of the problems found.
import { apiServerProblems } from '../../src/validate/apiserver/index.js';
import { docs } from './manifests.js';

/** `path message` of each problem the API server checks find in the documents. */
export function apiserver(yaml: string): string[] {
  return apiServerProblems(docs(yaml)).map((p) => `${p.path} ${p.message}`);
}

/** A minimal valid object of a kind with `spec` (YAML flow or block text indented by 2), for one-line cases. */
export function object(apiVersion: string, kind: string, body: string, name = 'x'): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: ${name}, namespace: default }\n${body}\n`;
}

/** A Deployment whose pod spec is `podSpec` (a YAML flow mapping), selector and labels `app: web`. */
export function deploymentWith(podSpec: string, spec = ''): string {
  return object(
    'apps/v1',
    'Deployment',
    `spec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: ${podSpec}\n${spec}`,
  );
}

/** A one-container pod spec with extra container fields (flow YAML, without braces) and extra pod fields. */
export function podSpec(container = '', pod = ''): string {
  return `{ containers: [{ name: app, image: nginx:1.27${container ? `, ${container}` : ''} }]${pod ? `, ${pod}` : ''} }`;
}
