// Secrets created outside the rendered set (External Secrets Operator, Sealed Secrets, a CSI driver, by hand): an
// object names the ones it needs in an annotation, and the convergence check notes them instead of warning.

/** Annotation listing Secrets (names, comma-separated, in the object's namespace) that are created outside the set. */
export const EXTERNAL_SECRETS = 'elastic-gitops.dev/external-secrets';

/** The annotation for `names` (none when there are none). */
export function externalSecretsAnnotation(names: readonly string[] | undefined): Record<string, string> {
  return names && names.length > 0 ? { [EXTERNAL_SECRETS]: names.join(',') } : {};
}
