import { isRecord, type Resource } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/**
 * What KEDA refuses in a TriggerAuthentication or ClusterTriggerAuthentication: the webhook's validateSpec
 * (kedacore/keda apis/keda/v1alpha1/triggerauthentication_webhook.go, v2.20.2), as triggerauthentication_webhook_test.go
 * exercises it, and the resolver's "filePath is only supported for ClusterTriggerAuthentication"
 * (pkg/scaling/resolver/scale_resolvers.go).
 */
export const kedaTriggerAuthentication: Rule = {
  id: 'keda-trigger-authentication',
  severity: 'error',
  doc:
    "A TriggerAuthentication or ClusterTriggerAuthentication passes the checks of KEDA's webhook: with " +
    '`podIdentity.provider: azure-workload`, `identityId` and `identityTenantId` are not empty strings and ' +
    '`identityAuthorityHost` comes with an `identityTenantId`; with `aws`, `roleArn` is not set when ' +
    '`identityOwner` is `workload` and `externalID` comes with a `roleArn`; `oauth2` has type ' +
    '`clientCredentials`, a `clientId` and an http(s) `tokenUrl`. And only a ClusterTriggerAuthentication sets ' +
    '`filePath`: KEDA reads no file for a namespaced one and fails every trigger that uses it.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of [...ctx.index.of('keda.sh', 'TriggerAuthentication'), ...ctx.index.of('keda.sh', 'ClusterTriggerAuthentication')]) {
      for (const [path, message] of specProblems(r)) out.push(report(this, r, path, message));
    }
    return out;
  },
};

function specProblems(r: Resource): [string, string][] {
  const spec = isRecord(r.body.spec) ? r.body.spec : {};
  const out: [string, string][] = [];
  if (r.kind === 'TriggerAuthentication' && typeof spec.filePath === 'string' && spec.filePath !== '')
    out.push(['/spec/filePath', `filePath is only supported for ClusterTriggerAuthentication, got kind: ${r.kind}`]);
  const pi = isRecord(spec.podIdentity) ? spec.podIdentity : undefined;
  const P = '/spec/podIdentity';
  if (pi?.provider === 'azure-workload') {
    if (pi.identityId === '')
      out.push([`${P}/identityId`, 'identityId of PodIdentity should not be empty. If it\'s set, identityId has to be different than ""']);
    else if (nonEmpty(pi.identityAuthorityHost)) {
      if (!nonEmpty(pi.identityTenantId))
        out.push([
          `${P}/identityTenantId`,
          'identityTenantID of PodIdentity should not be nil or empty when identityAuthorityHost of PodIdentity is set',
        ]);
    } else if (pi.identityTenantId === '') {
      out.push([
        `${P}/identityTenantId`,
        'identityTenantId of PodIdentity should not be empty. If it\'s set, identityTenantId has to be different than ""',
      ]);
    }
  } else if (pi?.provider === 'aws') {
    if (nonEmpty(pi.roleArn) && pi.identityOwner === 'workload')
      out.push([`${P}/roleArn`, "roleArn of PodIdentity can't be set if KEDA isn't identityOwner"]);
    else if (nonEmpty(pi.externalID) && !nonEmpty(pi.roleArn)) out.push([`${P}/externalID`, 'externalID of PodIdentity requires roleArn to be set']);
  }
  // validateSpec returns at the first problem: an oauth2 block is checked once podIdentity passes
  if (out.some(([p]) => p.startsWith(P)) || !isRecord(spec.oauth2)) return out;
  const o = spec.oauth2;
  if (o.type !== 'clientCredentials') out.push(['/spec/oauth2/type', `oauth2.type must be 'clientCredentials', got '${o.type ?? ''}'`]);
  else if (!nonEmpty(o.clientId)) out.push(['/spec/oauth2/clientId', 'oauth2.clientId is required when oauth2 is configured']);
  else if (!nonEmpty(o.tokenUrl)) out.push(['/spec/oauth2/tokenUrl', 'oauth2.tokenUrl is required when oauth2 is configured']);
  else if (!httpUrl(o.tokenUrl)) out.push(['/spec/oauth2/tokenUrl', 'oauth2.tokenUrl must be a valid http or https URL']);
  return out;
}

function nonEmpty(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

/** Go's url.Parse with a scheme of http or https and a host. */
function httpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}
