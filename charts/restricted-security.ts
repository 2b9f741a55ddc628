// The securityContext fields every rendered pod sets so that it meets Pod Security "restricted" (with the app's own
// runAsNonRoot and allowPrivilegeEscalation, which default to true and false): the one place they are written.

/** Pod level: the container runtime's default seccomp profile for every container. */
export function restrictedPodSecurity(): { seccompProfile: { type: string } } {
  return { seccompProfile: { type: 'RuntimeDefault' } };
}

/** Container level: no Linux capability (upstream's name `ALL`, not cdk8s-plus's `CAP_` names), no privilege escalation. */
export function restrictedContainerSecurity(): { allowPrivilegeEscalation: boolean; capabilities: { drop: string[] } } {
  return { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
}
