// `validate` enforces OpenAPI's integer formats as Kubernetes decodes them: int32 and int64 fields reject what their
// Go field cannot hold.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('eg-formats-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deployment = (replicas: string, grace: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      terminationGracePeriodSeconds: ${grace}
      containers: [{ name: web, image: "nginx:1.27" }]
`;

function validate(text: string): { status: number; stdout: string } {
  const file = join(dir, 'deployment.yaml');
  writeFileSync(file, text);
  const r = runCli(['validate', file], dir);
  return { status: r.status, stdout: r.stdout };
}

describe('validate: integer formats', () => {
  it('rejects 3000000000 in an int32 field (Deployment spec.replicas)', () => {
    const r = validate(deployment('3000000000', '30'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/Deployment web\/web {2}\/spec\/replicas {2}must match format "int32"/);
  });

  it('rejects 1e20 in an int64 field (terminationGracePeriodSeconds)', () => {
    const r = validate(deployment('3', '1e20'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/\/spec\/template\/spec\/terminationGracePeriodSeconds {2}must match format "int64"/);
  });

  it('accepts the largest int32 and a large int64', () => {
    const r = validate(deployment('2147483647', '9007199254740991'));
    expect(r.stdout).toMatch(/Summary: 1 resource found in 1 file - Valid: 1,/);
    expect(r.status).toBe(0);
  });
});
