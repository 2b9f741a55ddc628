// What a failed `git ls-remote`/`fetch`/`push` against the deploy repository means, from git's stderr: only a
// non-fast-forward rejection (the branch moved meanwhile) is worth a retry; the others are reported as they are.

/** Why git could not talk to, or update, the remote. */
export type GitFailure = 'non-fast-forward' | 'rejected' | 'auth' | 'missing' | 'unreachable' | 'other';

/**
 * Classifies git's stderr. The phrases are git's own: `transport.c`/`send-pack.c` print `! [rejected] ... (fetch
 * first)` / `(non-fast-forward)` for a stale tip and `! [remote rejected] ... (<reason>)` when the receiving side
 * refuses (a pre-receive hook, a protected branch), except a lost race for the ref lock (`cannot lock ref`), which is
 * a moved branch too; `connect.c` and `remote-curl.c` word the transport failures.
 */
export function classifyGitFailure(stderr: string): GitFailure {
  if (/^\s*! \[rejected\].*\((fetch first|non-fast-forward)\)/m.test(stderr)) return 'non-fast-forward';
  // two pushes racing for the same ref: the loser's update fails on the ref lock (refs.c), which is the same news
  if (/cannot lock ref|failed to lock|failed to update ref|reference already exists|but expected [0-9a-f]/.test(stderr)) return 'non-fast-forward';
  if (/^\s*! \[remote rejected\]/m.test(stderr) || /^\s*! \[rejected\]/m.test(stderr)) return 'rejected';
  if (
    /Authentication failed|could not read (Username|Password)|terminal prompts disabled|Permission denied \(publickey|HTTP Basic: Access denied|The requested URL returned error: 40[13]/i.test(
      stderr,
    )
  )
    return 'auth';
  if (/does not appear to be a git repository|[Rr]epository (\S+ )?not found|The requested URL returned error: 404|not a git repository/.test(stderr))
    return 'missing';
  if (
    /Could not resolve host|Failed to connect|Connection refused|Connection timed out|Could not read from remote repository|unable to access|Network is unreachable/i.test(
      stderr,
    )
  )
    return 'unreachable';
  return 'other';
}

/** What to tell the user, e.g. `the deploy repository file:///x does not exist or is not a git repository`. */
export function describeGitFailure(failure: GitFailure, repo: string, branch: string): string {
  switch (failure) {
    case 'non-fast-forward':
      return `the push to ${repo} ${branch} was rejected as non-fast-forward (the branch moved meanwhile)`;
    case 'rejected':
      return `the deploy repository ${repo} rejected the push to ${branch}; nothing was forced`;
    case 'auth':
      return `the deploy repository ${repo} refused the credentials (authentication failed; publish never prompts: configure a credential helper or a token)`;
    case 'missing':
      return `the deploy repository ${repo} does not exist or is not a git repository`;
    case 'unreachable':
      return `the deploy repository ${repo} cannot be reached`;
    case 'other':
      return `git failed on the deploy repository ${repo}`;
  }
}

/** git's own last `fatal:`/`error:` line, else its last line, for the report. */
export function gitReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return [...lines].reverse().find((l) => /^(fatal|error):/.test(l)) ?? lines.at(-1) ?? 'no message';
}

/** The `remote:` lines of a push (what a hook printed), without the prefix. */
export function remoteLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('remote:'))
    .map((l) => l.slice('remote:'.length).trim())
    .filter((l) => l !== '');
}
