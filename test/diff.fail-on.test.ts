// `diff --fail-on <risk>` for a required CI check: exit 1 when a change at least that risky (destructive > immutable >
// disruptive) is not acknowledged by the environment's review.acknowledge; 0 otherwise.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { repoWith, writeFiles } from './support/git-repo.js';
import { runCliAsync as runCli } from './support/run-cli.js';
import { APP_ENV } from './support/risk-envs.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
/** A repository with `before` committed and `after` in the working tree. */
function repo(before: string, after: string): string {
  const dir = repoWith({ 'environments/dev.yaml': before });
  dirs.push(dir);
  writeFiles(dir, { 'environments/dev.yaml': after });
  return dir;
}
const status = async (dir: string, risk: string) => (await runCli(['diff', '--fail-on', risk], dir)).status;
/** The exit codes of `--fail-on` each risk, run one after the other. */
async function statuses(dir: string, risks: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const r of risks) out.push(await status(dir, r));
  return out;
}
const PRIORITY = (value: number) => `priorityClasses: [{ name: high, value: ${value} }]\n`;
const ACK = (entries: string) => `review:\n  acknowledge:\n${entries}`;

describe('diff --fail-on', async () => {
  it('a renamed app (destructive) fails destructive, and so every lower threshold', async () => {
    const dir = repo(APP_ENV(), APP_ENV({ name: 'shop' }));
    expect(await status(dir, 'disruptive')).toBe(1);
    const r = await runCli(['diff', '--fail-on', 'destructive'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Needs care:');
    expect(r.stderr).toBe(
      'error: 1 change is destructive and not acknowledged (review.acknowledge in the environment file):\n  dev: destructive removed core/Namespace web (renamed to core/Namespace shop)\n',
    );
  });

  it('an immutable change fails immutable and disruptive, passes destructive', async () => {
    const dir = repo(APP_ENV({ more: PRIORITY(1000) }), APP_ENV({ more: PRIORITY(2000) }));
    expect(await statuses(dir, ['destructive', 'immutable', 'disruptive'])).toEqual([0, 1, 1]);
    expect((await runCli(['diff', '--fail-on', 'disruptive'], dir)).stderr).toContain('error: 1 change is disruptive or worse and not acknowledged');
  });

  it('a new image (disruptive) fails disruptive only; more max replicas (plain) fails nothing', async () => {
    const image = repo(APP_ENV(), APP_ENV({ image: 'nginx:1.28' }));
    expect(await statuses(image, ['immutable', 'disruptive'])).toEqual([0, 1]);
    expect(await status(repo(APP_ENV(), APP_ENV({ max: 17 })), 'disruptive')).toBe(0);
  });

  const renamed = (ack: string) => repo(APP_ENV(), APP_ENV({ name: 'shop', more: ACK(ack) }));

  it('review.acknowledge lets an intended change pass: the deleted Namespace acknowledged, the renamed Deployment not', async () => {
    const acknowledged = renamed('    - { kind: Namespace, name: web, risk: destructive }\n');
    expect(await status(acknowledged, 'destructive')).toBe(0);
    expect(await status(acknowledged, 'disruptive')).toBe(1);
    const r = await runCli(['diff', '--format', 'markdown'], acknowledged);
    expect(r.stdout).toContain('\n- **destructive** (acknowledged) dev: `core/Namespace web` renamed to `core/Namespace shop` — ');
  });

  it('acknowledged changes show in JSON; every risky change acknowledged passes even disruptive', async () => {
    const all = renamed(
      '    - { kind: Namespace, name: web, risk: destructive }\n    - { kind: Deployment, name: web, namespace: web, risk: disruptive }\n',
    );
    const r = await runCli(['diff', '--format', 'json', '--fail-on', 'disruptive'], all);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.needsCare).toMatchObject([{ risk: 'destructive', id: 'core/Namespace web', acknowledged: true }]);
    expect(json.risk.worst).toBe('plain');
    expect(json.environments[0].changes.filter((c: { acknowledged?: boolean }) => c.acknowledged).map((c: { id: string }) => c.id)).toEqual([
      'apps/Deployment web/web',
      'core/Namespace web',
    ]);
  });

  it('a weaker acknowledgement, or one naming another namespace, does not cover the change', async () => {
    expect(await status(renamed('    - { kind: Namespace, name: web, risk: immutable }\n'), 'destructive')).toBe(1);
    expect(
      await status(
        renamed(
          '    - { kind: Deployment, name: web, namespace: other, risk: disruptive }\n    - { kind: Namespace, name: web, risk: destructive }\n',
        ),
        'disruptive',
      ),
    ).toBe(1);
  });

  it('an unknown risk is a usage error (exit 2); a misspelled acknowledgement is an input error naming the field', async () => {
    const dir = repo(APP_ENV(), APP_ENV({ max: 6 }));
    const r = await runCli(['diff', '--fail-on', 'scary'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("argument 'scary' is invalid. Allowed choices are destructive, immutable, disruptive.");
    writeFiles(dir, { 'environments/dev.yaml': APP_ENV({ more: ACK('    - { kind: Namespace, name: web, risk: fatal }\n') }) });
    const bad = await runCli(['diff', '--fail-on', 'destructive'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/review\.acknowledge\[0\]\.risk/);
  });
});
