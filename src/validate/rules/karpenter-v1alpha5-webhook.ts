import { arr, isRecord } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

/** Checks of Karpenter's v1alpha5 Provisioner webhook that its CRD schema does not carry. */
export const karpenterV1alpha5Webhook: Rule = {
  id: 'karpenter-v1alpha5-webhook',
  severity: 'error',
  doc:
    "Provisioner (karpenter.sh/v1alpha5) checks that live in Karpenter's webhook rather than its schema: " +
    '`ttlSecondsAfterEmpty` and `consolidation.enabled: true` are mutually exclusive; `provider` and `providerRef` are ' +
    'mutually exclusive; TTLs are not negative; requirements do not use the restricted `karpenter.sh/provisioner-name` ' +
    'key, use a supported operator, give `In` at least one value and `Gt`/`Lt` exactly one non-negative integer; no ' +
    'two taints share a key and effect. Without the webhook (or with it failing open) Karpenter rejects the ' +
    'Provisioner only in its logs.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('karpenter.sh', 'Provisioner')) {
      const spec = isRecord(r.body.spec) ? r.body.spec : {};
      if (spec.ttlSecondsAfterEmpty !== undefined && spec.consolidation?.enabled === true) {
        out.push(
          report(
            this,
            r,
            '/spec/ttlSecondsAfterEmpty',
            `ttlSecondsAfterEmpty (${spec.ttlSecondsAfterEmpty}) and consolidation.enabled (true) are mutually exclusive`,
          ),
        );
      }
      if (spec.provider !== undefined && spec.providerRef !== undefined) {
        out.push(report(this, r, '/spec/providerRef', 'provider and providerRef are mutually exclusive'));
      }
      for (const f of ['ttlSecondsAfterEmpty', 'ttlSecondsUntilExpired'] as const) {
        if (typeof spec[f] === 'number' && spec[f] < 0) out.push(report(this, r, `/spec/${f}`, `${f} (${spec[f]}) cannot be negative`));
      }
      for (const [i, req] of arr(spec.requirements).entries()) {
        const path = `/spec/requirements/${i}`;
        const values = arr(req?.values);
        if (req?.key === 'karpenter.sh/provisioner-name')
          out.push(report(this, r, `${path}/key`, 'requirement key "karpenter.sh/provisioner-name" is restricted'));
        if (!OPERATORS.has(req?.operator))
          out.push(report(this, r, `${path}/operator`, `operator "${req?.operator}" of key ${req?.key} is not one of ${[...OPERATORS].join(', ')}`));
        if (req?.operator === 'In' && values.length === 0)
          out.push(report(this, r, `${path}/values`, `key ${req.key} with operator In must have a value`));
        if ((req?.operator === 'Gt' || req?.operator === 'Lt') && !(values.length === 1 && /^\d+$/.test(String(values[0])))) {
          out.push(
            report(
              this,
              r,
              `${path}/values`,
              `key ${req.key} with operator ${req.operator} must have a single non-negative integer value (got ${JSON.stringify(values)})`,
            ),
          );
        }
      }
      const seen = new Set<string>();
      for (const [i, t] of arr(spec.taints).entries()) {
        const key = `${t?.key}=${t?.effect ?? ''}`;
        if (seen.has(key)) out.push(report(this, r, `/spec/taints/${i}`, `duplicate taint key/effect pair ${t?.key}:${t?.effect}`));
        seen.add(key);
      }
    }
    return out;
  },
};
