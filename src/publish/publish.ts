// Commits the rendered output to the deploy repository (the rendered-manifests pattern), without ever force-pushing.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSafeDeployPath } from '../config/model/gitops.js';
import { DeployRepoError, InputError } from '../errors.js';
import { git as runGit } from '../git.js';
import { classifyGitFailure, describeGitFailure, gitReason, remoteLines } from './git-failure.js';
import { HYDRATOR_METADATA, hydrationReadme, hydratorMetadata } from './hydrator-layout.js';

/** What to publish where. */
export interface PublishTarget {
  /** Deploy repository URL (any URL git understands, file:// included). */
  readonly repo: string;
  readonly branch: string;
  /** Environment → folder in the deploy repo (relative, inside it). */
  readonly paths: ReadonlyMap<string, string>;
  /** Folder holding the rendered `<env>/` folders. */
  readonly out: string;
  /** The source checkout (its HEAD is named in the commit message). */
  readonly source: string;
  /** Push attempts when the remote moved meanwhile. @default 5 */
  readonly attempts?: number;
}

/** The outcome of a publish. */
export interface PublishResult {
  readonly committed: boolean;
  readonly commit?: string;
  readonly attempts: number;
}

const FALLBACK_IDENTITY = ['-c', 'user.name=elastic-gitops', '-c', 'user.email=elastic-gitops@users.noreply.localhost'];

/** `git <args>` in `cwd` through the project's one git runner; a failure is a GitCommandError with git's stderr. */
function git(cwd: string, args: readonly string[]): string {
  try {
    return runGit(args, cwd).trim();
  } catch (e) {
    const err = e as { code?: string; stderr?: string | Buffer };
    if (err.code === 'ENOENT') throw new InputError('publish needs the git CLI: `git` is not on PATH');
    throw new GitCommandError(args, String(err.stderr ?? ''));
  }
}

/** A git command that exited non-zero, with its stderr (a local one is reported as it is: exit 2). */
class GitCommandError extends InputError {
  public constructor(
    public readonly args: readonly string[],
    public readonly stderr: string,
  ) {
    super(`git ${args[0]} failed: ${gitReason(stderr)}`);
  }
}

/** Runs a git command that talks to the deploy repository; a failure is a DeployRepoError saying which. */
function remoteGit(cwd: string, args: readonly string[], target: PublishTarget): string {
  try {
    return git(cwd, args);
  } catch (e) {
    if (!(e instanceof GitCommandError)) throw e;
    throw remoteFailure(e, target);
  }
}

function remoteFailure(e: GitCommandError, target: PublishTarget): DeployRepoError {
  const failure = classifyGitFailure(e.stderr);
  const said = failure === 'rejected' ? remoteLines(e.stderr) : [];
  return new DeployRepoError(`${describeGitFailure(failure, target.repo, target.branch)} (git: ${gitReason(e.stderr)})`, said);
}

/** Refuses when the source is not a git checkout or has uncommitted changes: the deploy commit names its source. */
export function assertCleanSource(source: string): string {
  let status: string;
  try {
    status = git(source, ['status', '--porcelain']);
  } catch {
    throw new InputError(`${source} is not a git checkout: publish names the source commit it rendered`);
  }
  if (status !== '') {
    throw new InputError(
      'the working tree has uncommitted changes: commit them first, so the deploy commit can name its source',
      status.split('\n').slice(0, 20),
    );
  }
  return git(source, ['rev-parse', 'HEAD']);
}

/** Refuses a deploy-repo folder that is absolute, empty or escapes the repository. */
export function assertSafePath(path: string): void {
  if (!isSafeDeployPath(path)) {
    throw new InputError(`gitops.repo.path (${JSON.stringify(path)}) must be a relative folder inside the deploy repository`);
  }
}

/**
 * Each attempt rebuilds the commit on the freshly fetched tip (each environment's folder is replaced whole, so there
 * is nothing to merge), then pushes without force; a rejected push means the remote moved: fetch and try again. When
 * the manifests changed, the commit also carries the Source Hydrator's layout (hydrator-layout.ts) naming the source
 * commit; unchanged manifests are not published again for a newer source commit.
 */
export function publish(target: PublishTarget): PublishResult {
  for (const path of target.paths.values()) assertSafePath(path);
  const sourceCommit = assertCleanSource(target.source);
  const envs = [...target.paths.keys()].join(', ');
  const message = [
    `Render ${envs} from ${originOf(target.source)}@${sourceCommit.slice(0, 12)}`,
    `Source commit: ${sourceCommit}\nEnvironments: ${envs}\n\nRendered by elastic-gitops publish.`,
  ];
  const work = mkdtempSync(join(tmpdir(), 'eg-publish-'));
  const repo = join(work, 'repo');
  try {
    git(work, ['init', '--quiet', 'repo']);
    git(repo, ['remote', 'add', 'origin', target.repo]);
    const attempts = target.attempts ?? 5;
    let lastError: GitCommandError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const hasBranch = remoteGit(repo, ['ls-remote', '--heads', 'origin', target.branch], target) !== '';
      if (hasBranch) {
        remoteGit(repo, ['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${target.branch}:refs/remotes/origin/${target.branch}`], target);
        git(repo, ['checkout', '--quiet', '--force', '-B', target.branch, `origin/${target.branch}`]);
        git(repo, ['clean', '--quiet', '-fdx']);
      } else {
        git(repo, ['checkout', '--quiet', '--orphan', target.branch]);
        git(repo, ['rm', '--quiet', '-rf', '--ignore-unmatch', '.']);
      }
      for (const [env, path] of target.paths) {
        const metadata = join(repo, path, HYDRATOR_METADATA);
        const previous = existsSync(metadata) ? readFileSync(metadata, 'utf8') : undefined;
        const readme = join(repo, path, 'README.md');
        const previousReadme = existsSync(readme) ? readFileSync(readme, 'utf8') : undefined;
        rmSync(join(repo, path), { recursive: true, force: true });
        cpSync(join(target.out, env), join(repo, path), { recursive: true });
        // the last publish's provenance stays while the manifests are the same
        if (previous !== undefined) writeFileSync(metadata, previous);
        if (previousReadme !== undefined && existsSync(readme) && previousReadme.endsWith(`\n${readFileSync(readme, 'utf8')}`))
          writeFileSync(readme, previousReadme);
      }
      git(repo, ['add', '--all', '--', ...target.paths.values()]);
      if (git(repo, ['status', '--porcelain', '--', ...target.paths.values()]) === '') return { committed: false, attempts: attempt };
      const repoURL = originOf(target.source);
      writeFileSync(join(repo, HYDRATOR_METADATA), hydratorMetadata(repoURL, sourceCommit));
      for (const [env, path] of target.paths) {
        const commands = [`elastic-gitops render --workloads ${env}`];
        writeFileSync(join(repo, path, HYDRATOR_METADATA), hydratorMetadata(repoURL, sourceCommit, commands));
        const readme = join(target.out, env, 'README.md');
        writeFileSync(
          join(repo, path, 'README.md'),
          hydrationReadme(repoURL, sourceCommit, commands, existsSync(readme) ? readFileSync(readme, 'utf8') : ''),
        );
      }
      git(repo, ['add', '--all', '--', HYDRATOR_METADATA, ...target.paths.values()]);
      git(repo, [...identity(repo), 'commit', '--quiet', '-m', message[0]!, '-m', message[1]!]);
      try {
        git(repo, ['push', '--quiet', 'origin', `HEAD:refs/heads/${target.branch}`]);
        return { committed: true, commit: git(repo, ['rev-parse', 'HEAD']), attempts: attempt };
      } catch (e) {
        if (!(e instanceof GitCommandError)) throw e;
        // only a stale tip is worth another attempt; a hook, a protected branch or credentials would refuse again
        if (classifyGitFailure(e.stderr) !== 'non-fast-forward') throw remoteFailure(e, target);
        lastError = e;
      }
    }
    throw new DeployRepoError(
      `the push to ${target.repo} ${target.branch} was rejected as non-fast-forward ${attempts} times (the branch kept moving; each attempt rebuilt the commit on the fetched tip); nothing was forced: publish again`,
      lastError ? [gitReason(lastError.stderr)] : [],
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The fallback committer when git has none configured (e.g. a bare CI runner). */
function identity(repo: string): string[] {
  try {
    git(repo, ['config', 'user.email']);
    return [];
  } catch {
    return FALLBACK_IDENTITY;
  }
}

function originOf(source: string): string {
  try {
    return git(source, ['remote', 'get-url', 'origin']);
  } catch {
    return 'local';
  }
}
