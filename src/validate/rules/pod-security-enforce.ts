import { formatLevelVersion } from '../pod-security/policy.js';
import { report, type Rule } from './rule.js';

/** Pod templates meet the Pod Security level their Namespace enforces (src/validate/pod-security/). */
export const podSecurityEnforce: Rule = {
  id: 'pod-security-enforce',
  severity: 'error',
  doc:
    'Every pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, ' +
    'Argo Rollout, Knative Service) meets the Pod Security Standards level its Namespace object enforces ' +
    '(`pod-security.kubernetes.io/enforce` at `enforce-version`, `latest` by default), with the controls of ' +
    'k8s.io/pod-security-admission at that version and its messages, e.g. `violates PodSecurity "restricted:v1.29": ' +
    'allowPrivilegeEscalation != false (container "web" must set securityContext.allowPrivilegeEscalation=false)`. ' +
    'The API server rejects such a Pod; it admits the Deployment, but its ReplicaSet never creates a pod. A namespace ' +
    'without a Namespace object in the set is not evaluated (its labels are unknown).',
  check(ctx) {
    return ctx.podSecurity
      .filter((v) => v.mode === 'enforce')
      .map((v) =>
        report(
          this,
          v.template.owner,
          v.path,
          `violates PodSecurity "${formatLevelVersion(v.policy.enforce)}": ${v.violation.reason} (${v.violation.detail})`,
        ),
      );
  },
};
