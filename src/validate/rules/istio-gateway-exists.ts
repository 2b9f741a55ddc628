import type { Problem } from '../types.js';
import { boundGateways, ISTIO } from './istio-hosts.js';
import { report, type Rule } from './rule.js';

/** Gateways a VirtualService binds exist. */
export const istioGatewayExists: Rule = {
  id: 'istio-gateway-exists',
  severity: 'error',
  doc:
    "Every entry of a VirtualService's `gateways` names a Gateway in the set: `namespace/name`, or a bare name " +
    "looked up in the VirtualService's own namespace; `mesh` is reserved for the sidecars and always exists. This " +
    "is istioctl analyze's IST0101: a missing gateway silently drops the routes from the ingress. Checked when the " +
    'set holds Gateways (the ingress may be installed by other means).',
  check(ctx) {
    const out: Problem[] = [];
    if (!ctx.index.has(ISTIO, 'Gateway')) return out;
    for (const vs of ctx.index.of(ISTIO, 'VirtualService')) {
      for (const { ref, index } of boundGateways(vs)) {
        if (ref.mesh || ctx.index.get(ISTIO, 'Gateway', ref.namespace, ref.name)) continue;
        const hint = ref.raw.includes('/')
          ? ''
          : ` (a bare name is looked up in namespace "${vs.namespace}"; write "<namespace>/${ref.name}" for another)`;
        out.push(
          report(this, vs, `/spec/gateways/${index}`, `gateway "${ref.raw}" not found: no Gateway ${ref.namespace}/${ref.name}${hint} (IST0101)`),
        );
      }
    }
    return out;
  },
};
