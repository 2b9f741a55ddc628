// The schema mirror the tests validate against: $ELASTIC_GITOPS_MIRROR, as .ci/run sets it (colon-separated).
/** The mirror directories; a clear error when the variable is unset, so a checkout anywhere says what it needs. */
export function mirrorDirs(): string[] {
  const dirs = (process.env.ELASTIC_GITOPS_MIRROR ?? '').split(':').filter((d) => d !== '');
  if (dirs.length === 0) {
    throw new Error(
      'ELASTIC_GITOPS_MIRROR is not set: point it at the folder holding the pinned schema files (e.g. `ELASTIC_GITOPS_MIRROR=/path/to/shared npm test`; .ci/run uses ../shared)',
    );
  }
  return dirs;
}
