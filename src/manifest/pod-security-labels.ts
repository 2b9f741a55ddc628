// The Namespace labels Pod Security admission reads (k8s.io/pod-security-admission/api/constants.go).

/** Prefix of the level labels (`.../enforce`, `.../warn`, `.../audit`) and their `-version` labels. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** The labels that enforce `level` at `version` (`latest` or `v1.x`) in a namespace. */
export function enforceLabels(level: string, version: string): Record<string, string> {
  return { [`${POD_SECURITY_LABEL_PREFIX}enforce`]: level, [`${POD_SECURITY_LABEL_PREFIX}enforce-version`]: version };
}
