// publish's failure paths against real deploy repositories (bare repos over file://, a local HTTP server): one
// `error:` line and exit 4 each; only a non-fast-forward rejection is retried, up to 5 attempts.
import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFiles, git, repoWith } from './support/git-repo.js';
import { runCliAsync as runCli } from './support/run-cli.js';
import { tempDir } from './support/temp-dir.js';

const ENV = (url: string, image = 'nginx') => `cluster: { name: dev }
apps:
  - { name: web, image: ${image} }
gitops:
  engine: argocd
  repo: { url: "${url}", branch: main }
`;

/** A source repository whose environment publishes to `url`, rendered and committed. */
async function sourceFor(url: string): Promise<string> {
  const source = repoWith({ 'environments/dev.yaml': ENV(url) });
  expect((await runCli(['synth'], source)).status).toBe(0);
  git(source, 'add', '-A');
  git(source, 'commit', '-q', '-m', 'render');
  return source;
}

function bareRepo(): string {
  const bare = tempDir('eg-deploy-');
  git(bare, 'init', '--quiet', '--bare', '-b', 'main');
  return bare;
}

/** The error output is one `error:` line (plus git's own indented lines for a hook), never a stack trace. */
function expectOneError(stderr: string): void {
  expect(stderr).toMatch(/^error: /);
  expect(stderr).not.toMatch(/\n\s+at |internal error/);
}

describe('publish: failures of the deploy repository', () => {
  it('a missing repository: exit 4, said as such, not retried', async () => {
    const missing = join(tempDir('eg-gone-'), 'deploy.git');
    const r = await runCli(['publish'], await sourceFor(`file://${missing}`));
    expect(r.status).toBe(4);
    expectOneError(r.stderr);
    expect(r.stderr).toContain(`error: the deploy repository file://${missing} does not exist or is not a git repository (git: fatal:`);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });

  it("a push a pre-receive hook refuses: exit 4, the hook's words shown, one attempt only", async () => {
    const bare = bareRepo();
    const hook = join(bare, 'hooks', 'pre-receive');
    writeFileSync(hook, `#!/bin/sh\necho x >> "${bare}/attempts"\necho "main is protected: open a pull request" >&2\nexit 1\n`);
    chmodSync(hook, 0o755);
    const r = await runCli(['publish'], await sourceFor(`file://${bare}`));
    expect(r.status).toBe(4);
    expectOneError(r.stderr);
    expect(r.stderr).toContain(`error: the deploy repository file://${bare} rejected the push to main; nothing was forced`);
    expect(r.stderr).toContain('  main is protected: open a pull request');
    expect(execFileSync('wc', ['-l', join(bare, 'attempts')], { encoding: 'utf8' }).trim()).toMatch(/^1 /);
    expect(git(bare, 'branch', '--list')).toBe('');
  });

  it('credentials refused (an HTTP server answering 401): exit 4, authentication named, never a prompt, not retried', async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests++;
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="deploy"' }).end();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/deploy.git`;
    try {
      const r = await runCli(['publish'], await sourceFor(url));
      expect(r.status).toBe(4);
      expectOneError(r.stderr);
      expect(r.stderr).toContain(`error: the deploy repository ${url} refused the credentials (authentication failed;`);
      expect(requests).toBeLessThanOrEqual(2); // git's probe and its retry with (no) credentials: one attempt
    } finally {
      server.close();
    }
  });

  it('an unreachable host (a closed local port): exit 4, "cannot be reached"', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((done) => server.close(() => done()));
    const url = `http://127.0.0.1:${port}/deploy.git`;
    const r = await runCli(['publish'], await sourceFor(url));
    expect(r.status).toBe(4);
    expectOneError(r.stderr);
    expect(r.stderr).toContain(`error: the deploy repository ${url} cannot be reached (git: fatal: unable to access`);
  });
});

describe('publish: a branch that moves between fetch and push', () => {
  /**
   * A `git` first on PATH that, before each of publish's first `times` pushes, lands another commit on the deploy
   * branch from a second clone: a real race, so the push is rejected as non-fast-forward.
   */
  function racingGit(bare: string, times: number): NodeJS.ProcessEnv {
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const clone = join(tempDir('eg-racer-'), 'clone');
    execFileSync(realGit, ['clone', '--quiet', bare, clone]);
    git(clone, 'config', 'user.email', 'racer@example.com');
    git(clone, 'config', 'user.name', 'racer');
    const bin = tempDir('eg-bin-');
    writeFileSync(
      join(bin, 'git'),
      `#!/bin/sh
if [ "$1" = push ]; then
  n=$(cat "${bin}/count" 2>/dev/null || echo 0)
  if [ "$n" -lt ${times} ]; then
    echo $((n + 1)) > "${bin}/count"
    "${realGit}" -C "${clone}" commit --quiet --allow-empty -m "concurrent $n" && "${realGit}" -C "${clone}" push --quiet origin HEAD:main
  fi
fi
exec "${realGit}" "$@"
`,
    );
    chmodSync(join(bin, 'git'), 0o755);
    return { PATH: `${bin}:${process.env.PATH}` };
  }

  /** A source published once to a bare repo, then changed, rendered and committed again. */
  async function publishedOnceThenChanged(): Promise<{ bare: string; source: string }> {
    const bare = bareRepo();
    git(bare, 'config', 'receive.denyNonFastForwards', 'true');
    const source = await sourceFor(`file://${bare}`);
    expect((await runCli(['publish'], source)).status).toBe(0);
    commitFiles(source, { 'environments/dev.yaml': ENV(`file://${bare}`, 'nginx:1.27') }, 'bump');
    expect((await runCli(['synth'], source)).status).toBe(0);
    git(source, 'add', '-A');
    git(source, 'commit', '-q', '-m', 'render');
    return { bare, source };
  }

  it('is retried on the fetched tip: two rejections, then it lands on the third attempt', async () => {
    const { bare, source } = await publishedOnceThenChanged();
    const r = await runCli(['publish'], source, racingGit(bare, 2));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^published dev as [0-9a-f]{40} \(3 attempts\)\n$/);
    // the first publish, the two concurrent commits, then ours on top: nothing was overwritten
    expect(git(bare, 'log', '--format=%s', 'main').split('\n')).toEqual([
      expect.stringMatching(/^Render dev from /),
      'concurrent 1',
      'concurrent 0',
      expect.stringMatching(/^Render dev from /),
    ]);
  });

  it('gives up after 5 rejections with exit 4, saying the branch kept moving; nothing forced', async () => {
    const { bare, source } = await publishedOnceThenChanged();
    const r = await runCli(['publish'], source, racingGit(bare, 5));
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/^error: the push to file:\/\/\S+ main was rejected as non-fast-forward 5 times \(the branch kept moving/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(git(bare, 'log', '-1', '--format=%s', 'main')).toBe('concurrent 4');
  });
});
