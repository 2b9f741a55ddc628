// Where a deploy repository given on the command line is. git clones it from inside a temporary folder, so a local
// path relative to the user's directory must be made absolute first.
import { isAbsolute, resolve } from 'node:path';

/**
 * `repo` as git reads it from `cwd`: a URL (`scheme://…`) and the scp-like `host:path` stay as they are; any other
 * string is a local path, made absolute. git-clone(1) "GIT URLS": the scp-like syntax "is only recognized if there are
 * no slashes before the first colon", which tells `./a:b` (a path) from `host:b`.
 */
export function repoFrom(cwd: string, repo: string): string {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(repo)) return repo;
  const colon = repo.indexOf(':');
  if (colon > 0 && !repo.slice(0, colon).includes('/')) return repo;
  return isAbsolute(repo) ? repo : resolve(cwd, repo);
}
