// synth --shard i/n and check --shard i/n: a stable partition of the environments by name, for a CI matrix.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inShard, parseShard } from '../src/synth/shard.js';
import { envDir, MINIMAL } from './support/env-dir.js';
import { REPO, runCli, snapshotTree } from './support/run-cli.js';

const NAMES = ['dev', 'staging', 'prod', 'eu-1', 'eu-2', 'us-1', 'us-2', 'ap-1'];
const files = () => Object.fromEntries(NAMES.map((n) => [n, MINIMAL.replace('name: test', `name: ${n}`)]));
const written = (stdout: string) => [...stdout.matchAll(/^dist\/([^/]+)\/:/gm)].map((m) => m[1] ?? '').sort();

describe('synth --shard', () => {
  it('the shards of n partition the environments: each in exactly one, and together the same bytes as one synth', () => {
    const whole = envDir(files());
    expect(runCli(['synth', '--no-cache'], whole.root).status).toBe(0);
    const sharded = envDir(files());
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = runCli(['synth', '--shard', `${i}/3`], sharded.root);
      expect(r.status, r.stderr).toBe(0);
      seen.push(...written(r.stdout));
    }
    expect(seen.sort()).toEqual([...NAMES].sort());
    expect(snapshotTree(join(sharded.root, 'dist'))).toEqual(snapshotTree(join(whole.root, 'dist')));
    rmSync(whole.root, { recursive: true, force: true });
    rmSync(sharded.root, { recursive: true, force: true });
  });

  it('is stable: an environment stays in its shard when others are added or removed', () => {
    const before = NAMES.map((n) => [1, 2, 3, 4].find((i) => inShard(n, { index: i, count: 4 })));
    // the partition depends on the name alone
    expect(NAMES.map((n) => [1, 2, 3, 4].find((i) => inShard(n, { index: i, count: 4 })))).toEqual(before);
    expect(NAMES.every((n) => [1, 2, 3, 4].filter((i) => inShard(n, { index: i, count: 4 })).length === 1)).toBe(true);
    expect(inShard('dev', { index: 1, count: 1 })).toBe(true);
  });

  it('removes the folder of a deleted environment only in the shard that owns it', () => {
    const p = envDir(files());
    expect(runCli(['synth'], p.root).status).toBe(0);
    rmSync(join(p.dir, 'eu-1.yaml'));
    const owner = [1, 2].find((i) => inShard('eu-1', { index: i, count: 2 }))!;
    const other = owner === 1 ? 2 : 1;
    expect(runCli(['synth', '--shard', `${other}/2`], p.root).stdout).not.toContain('removed');
    expect(Object.keys(snapshotTree(join(p.root, 'dist'))).some((f) => f.startsWith('eu-1/'))).toBe(true);
    expect(runCli(['synth', '--shard', `${owner}/2`], p.root).stdout).toContain('dist/eu-1/: removed (no environment file)');
    rmSync(p.root, { recursive: true, force: true });
  });

  it('check --shard compares only its environments', () => {
    const p = envDir(files());
    expect(runCli(['synth'], p.root).status).toBe(0);
    rmSync(join(p.root, 'dist/us-2/30-workloads.yaml'));
    const owner = [1, 2].find((i) => inShard('us-2', { index: i, count: 2 }))!;
    expect(runCli(['check', '--shard', `${owner === 1 ? 2 : 1}/2`], p.root).status).toBe(0);
    const r = runCli(['check', '--shard', `${owner}/2`], p.root);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('missing dist/us-2/30-workloads.yaml');
    rmSync(p.root, { recursive: true, force: true });
  });

  it('a malformed shard is a usage error naming the flag and the value (exit 2, nothing written)', () => {
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0'])
      expect(() => parseShard(bad)).toThrow(`--shard (${JSON.stringify(bad)}) must be i/n with 1 <= i <= n, e.g. 1/4`);
    const p = envDir(files());
    const r = runCli(['synth', '--shard', '3/2'], p.root);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: --shard ("3/2") must be i/n with 1 <= i <= n, e.g. 1/4\n');
    expect(() => snapshotTree(join(p.root, 'dist'))).toThrow();
    rmSync(p.root, { recursive: true, force: true });
  });
});

describe('.github/workflows/publish.yml', () => {
  interface Job {
    readonly needs?: string;
    readonly strategy?: { matrix: { shard: number[] } };
    readonly steps: { uses?: string; run?: string; with?: Record<string, string> }[];
  }
  const workflow = parse(readFileSync(join(REPO, '.github/workflows/publish.yml'), 'utf8')) as { env: { SHARDS: number }; jobs: Record<string, Job> };

  it('checks every shard of SHARDS in a matrix, with the synth cache restored, then publishes once all passed', () => {
    const { check, publish } = workflow.jobs;
    expect(check!.strategy!.matrix.shard).toEqual(Array.from({ length: workflow.env.SHARDS }, (_, i) => i + 1));
    expect(check!.steps.map((s) => s.run).filter(Boolean)).toEqual([
      'npm ci',
      'npx elastic-gitops check --shard ${{ matrix.shard }}/${{ env.SHARDS }}',
    ]);
    expect(check!.steps.find((s) => s.uses?.startsWith('actions/cache@'))?.with?.path).toBe('.cache/synth');
    expect(publish!.needs).toBe('check');
    expect(publish!.steps.some((s) => s.run?.startsWith('npx elastic-gitops publish'))).toBe(true);
  });
});
