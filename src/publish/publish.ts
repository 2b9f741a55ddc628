// Commits the rendered output to the deploy repository (the rendered-manifests pattern), without ever force-pushing.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';

/** What to publish where. */
export interface PublishTarget {
  /** Deploy repository URL (any URL git understands, file:// included). */
  readonly repo: string;
  readonly branch: string;
  /** Environment → folder in the deploy repo. */
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

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** Refuses when the source tree has uncommitted changes: the commit message must name what was rendered. */
export function assertCleanSource(source: string): string {
  const status = git(source, ['status', '--porcelain']);
  if (status !== '') {
    throw new InputError('the working tree has uncommitted changes: commit them first, so the deploy commit can name its source', status.split('\n').slice(0, 20));
  }
  return git(source, ['rev-parse', 'HEAD']);
}

export function publish(target: PublishTarget): PublishResult {
  const sourceCommit = assertCleanSource(target.source);
  const work = mkdtempSync(join(tmpdir(), 'eg-publish-'));
  try {
    git(work, ['clone', '--quiet', '--no-tags', target.repo, 'repo']);
    const repo = join(work, 'repo');
    const remoteHasBranch = git(repo, ['ls-remote', '--heads', 'origin', target.branch]) !== '';
    git(repo, remoteHasBranch ? ['checkout', '--quiet', '-B', target.branch, `origin/${target.branch}`] : ['checkout', '--quiet', '--orphan', target.branch]);
    for (const [env, path] of target.paths) {
      rmSync(join(repo, path), { recursive: true, force: true });
      cpSync(join(target.out, env), join(repo, path), { recursive: true });
    }
    git(repo, ['add', '--all', '--', ...target.paths.values()]);
    if (git(repo, ['status', '--porcelain', '--', ...target.paths.values()]) === '') return { committed: false, attempts: 0 };
    const envs = [...target.paths.keys()].join(', ');
    const origin = originOf(target.source);
    git(repo, [...identity(repo), 'commit', '--quiet', '-m', `Render ${envs} from ${origin}@${sourceCommit.slice(0, 12)}`, '-m', `Source commit: ${sourceCommit}\nEnvironments: ${envs}\n\nRendered by elastic-gitops publish.`]);
    const attempts = target.attempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        git(repo, ['push', '--quiet', 'origin', `HEAD:refs/heads/${target.branch}`]);
        return { committed: true, commit: git(repo, ['rev-parse', 'HEAD']), attempts: attempt };
      } catch (e) {
        if (attempt === attempts) throw new InputError(`push to ${target.repo} ${target.branch} failed ${attempts} times; nothing was forced`, [String((e as { stderr?: string }).stderr ?? e).trim()]);
        // the remote moved meanwhile: replay our commit on top of it and try again
        git(repo, ['pull', '--quiet', '--rebase', 'origin', target.branch]);
      }
    }
    return { committed: false, attempts };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A fallback committer when git has none configured (e.g. a bare CI runner). */
function identity(repo: string): string[] {
  try {
    git(repo, ['config', 'user.email']);
    return [];
  } catch {
    return ['-c', 'user.name=elastic-gitops', '-c', 'user.email=elastic-gitops@users.noreply.localhost'];
  }
}

function originOf(source: string): string {
  try {
    return git(source, ['remote', 'get-url', 'origin']);
  } catch {
    return existsSync(source) ? 'local' : source;
  }
}
