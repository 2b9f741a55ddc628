// A mistake is reported once: checks that would read a default standing in for a rejected or misspelt key are skipped.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envDir } from './support/env-dir.js';
import { runCli, snapshotTree } from './support/run-cli.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** stderr lines of `synth` on a single dev.yaml, with its exit code; dist/ must not appear. */
function synth(text: string): { status: number; lines: string[]; dist: boolean } {
  const { root } = envDir({ dev: text });
  roots.push(root);
  const r = runCli(['synth', '--no-validate'], root);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  let dist = true;
  try {
    snapshotTree(join(root, 'dist'));
  } catch {
    dist = false;
  }
  return {
    status: r.status,
    lines: r.stderr
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.trim()),
    dist,
  };
}

const APP = (autoscaling: string) =>
  `cluster: { name: c }\napps:\n  - name: web\n    image: nginx\n    autoscaling:\n      engine: keda\n      minReplicas: 2\n${autoscaling}      triggers: [{ type: cron, start: "0 8 * * *", end: "0 20 * * *", desiredReplicas: 4 }]\n`;

describe('no echo errors', () => {
  it('a misspelt maxReplica is reported alone, not also as maxReplicas (1) < minReplicas (2)', () => {
    const r = synth(APP('      maxReplica: 15\n'));
    expect(r.status).toBe(2);
    expect(r.lines).toEqual([
      expect.stringMatching(
        /^environments\/dev\.yaml:8:7 apps\[0\]\.autoscaling\.maxReplica: unknown key "maxReplica" \(did you mean "maxReplicas"\?\)/,
      ),
    ]);
    expect(r.dist).toBe(false);
  });

  it('still reports the cross-field problem when the key it resembles is set too (nothing stood in for it)', () => {
    const r = synth(APP('      maxReplicas: 1\n      maxReplica: 15\n'));
    expect(r.lines).toEqual([
      expect.stringMatching(/^environments\/dev\.yaml:9:7 apps\[0\]\.autoscaling\.maxReplica: unknown key/),
      'environments/dev.yaml:8:20 apps[0].autoscaling.maxReplicas: maxReplicas (1) must be >= minReplicas (2)',
    ]);
  });

  it('an unknown key that resembles nothing does not hide the problems next to it', () => {
    const r = synth(APP('      maxReplicas: 1\n      owner: team-a\n'));
    expect(r.lines).toEqual([
      expect.stringMatching(/^environments\/dev\.yaml:9:7 apps\[0\]\.autoscaling\.owner: unknown key "owner"; allowed:/),
      'environments/dev.yaml:8:20 apps[0].autoscaling.maxReplicas: maxReplicas (1) must be >= minReplicas (2)',
    ]);
  });

  it('a misspelt mesh.enabled does not also ask a routed app to set mesh.enabled: true', () => {
    const r = synth(
      'cluster: { name: c }\nmesh:\n  enabeld: true\n  gateway: { name: public, hosts: ["*.example.com"] }\napps:\n  - name: web\n    image: nginx\n    routing: { hosts: [web.example.com] }\n',
    );
    expect(r.lines).toEqual([
      expect.stringMatching(/^environments\/dev\.yaml:3:3 mesh\.enabeld: unknown key "enabeld" \(did you mean "enabled"\?\)/),
    ]);
  });
});
