// The exit codes, the same for every command: the classes of src/errors.ts carry them, src/cli/report-error.ts ends
// with them, and docs/reference/cli.md lists them from this table.

/** Every exit code, by name. */
export const EXIT = { success: 0, checksFailed: 1, input: 2, internal: 3, deployRepository: 4 } as const;

/** What each exit code means, and examples of when it is returned. */
export const EXIT_CODES: readonly { readonly code: number; readonly meaning: string; readonly examples: string }[] = [
  { code: EXIT.success, meaning: 'success', examples: 'also `diff` with differences unless `--exit-code`' },
  {
    code: EXIT.checksFailed,
    meaning: 'checks failed; the report is printed',
    examples:
      '`synth`/`validate`/`render`: an object fails validation or a rule; `check`/`publish`: `dist/` is stale; `diff --exit-code`: differences; `diff --fail-on`: a risky change not acknowledged',
  },
  {
    code: EXIT.input,
    meaning: 'bad input or usage, nothing done',
    examples:
      'an environment file error, an unknown flag, format, environment or git ref, an unreadable or unwritable path, a dirty tree (`publish`), an existing file (`init`), a local git failure',
  },
  {
    code: EXIT.internal,
    meaning: 'internal error (a bug: the only case printed with a stack trace; please report it)',
    examples: '',
  },
  {
    code: EXIT.deployRepository,
    meaning: 'the deploy repository (`publish`) refused or could not be reached; nothing forced',
    examples:
      'missing repository, unreachable host, credentials refused (publish never prompts), a hook or protected branch rejecting the push, or the branch moving through all 5 attempts',
  },
];
