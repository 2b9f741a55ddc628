import { policyOf } from '../pod-security/policy.js';
import { report, type Rule } from './rule.js';

/** Pod Security labels of Namespace objects are valid (a mirror of upstream's admission of Namespaces). */
export const podSecurityLabels: Rule = {
  id: 'pod-security-labels',
  severity: 'error',
  doc:
    'The Pod Security labels of every Namespace are valid: `pod-security.kubernetes.io/enforce`, `warn` and `audit` are ' +
    '`privileged`, `baseline` or `restricted`, and their `-version` labels `latest` or `v1.x` (e.g. `v1.29`, no patch ' +
    'version). Pod Security admission rejects a Namespace with an invalid one, so nothing in that namespace is created.',
  check(ctx) {
    return ctx.index
      .of('', 'Namespace')
      .flatMap((ns) =>
        policyOf(ns.labels).errors.map((e) =>
          report(
            this,
            ns,
            `/metadata/labels/${e.label.replaceAll('~', '~0').replaceAll('/', '~1')}`,
            `${e.label} "${e.value}" is invalid: ${e.message}`,
          ),
        ),
      );
  },
};
