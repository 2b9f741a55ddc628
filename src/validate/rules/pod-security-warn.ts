import { formatLevelVersion } from '../pod-security/policy.js';
import { report, type Rule } from './rule.js';

/** Pod templates against the warn and audit levels of their Namespace (src/validate/pod-security/). */
export const podSecurityWarn: Rule = {
  id: 'pod-security-warn',
  severity: 'warning',
  doc:
    'Pod templates are also evaluated against the `pod-security.kubernetes.io/warn` and `audit` levels of their ' +
    'Namespace (at `warn-version`/`audit-version`; warn defaults to the enforce level), as the API server does when it ' +
    'answers with a warning or writes an audit annotation: `would violate PodSecurity "restricted:latest": ...`. A control ' +
    'already failing the enforced level is reported once, as an error of `pod-security-enforce`.',
  check(ctx) {
    return ctx.podSecurity
      .filter((v) => v.mode !== 'enforce')
      .map((v) =>
        report(
          this,
          v.template.owner,
          v.path,
          `${v.mode === 'audit' ? '(audit) ' : ''}would violate PodSecurity "${formatLevelVersion(v.policy[v.mode])}": ${v.violation.reason} (${v.violation.detail})`,
        ),
      );
  },
};
