// A deploy repository given on the command line, read the way git reads a repository argument (git-clone(1), GIT URLS).
import { describe, expect, it } from 'vitest';
import { repoFrom } from '../src/publish/repo-location.js';

describe('publish --repo: where the deploy repository is', () => {
  it.each([
    ['https://github.com/acme/deploy.git', 'https://github.com/acme/deploy.git'],
    ['file:///srv/deploy.git', 'file:///srv/deploy.git'],
    ['ssh://git@host/deploy.git', 'ssh://git@host/deploy.git'],
    ['git@github.com:acme/deploy.git', 'git@github.com:acme/deploy.git'],
    ['/srv/deploy.git', '/srv/deploy.git'],
    ['../deploy.git', '/work/deploy.git'],
    ['deploy.git', '/work/src/deploy.git'],
    ['./a:b', '/work/src/a:b'],
  ])('%s from /work/src is %s', (given, expected) => {
    expect(repoFrom('/work/src', given)).toBe(expected);
  });
});
