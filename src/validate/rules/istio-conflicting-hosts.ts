import { arr, type Resource } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { boundGateways, ISTIO, qualify } from './istio-hosts.js';
import { report, type Rule } from './rule.js';

/** No two VirtualServices claim the same host on the same gateway. */
export const istioConflictingHosts: Rule = {
  id: 'istio-conflicting-hosts',
  severity: 'error',
  doc:
    'No two VirtualServices claim the same host on the same gateway (the `mesh` gateway included, short hosts ' +
    "qualified with the VirtualService's namespace). Istio then merges or drops routes depending on creation order; " +
    'istioctl analyze reports it as IST0109 (ConflictingMeshGatewayVirtualServiceHosts). Use one VirtualService per ' +
    'host, or `delegate`.',
  check(ctx) {
    const out: Problem[] = [];
    const claimed = new Map<string, Resource>();
    for (const vs of ctx.index.of(ISTIO, 'VirtualService')) {
      for (const { ref } of boundGateways(vs)) {
        const gw = ref.mesh ? 'mesh' : `${ref.namespace}/${ref.name}`;
        for (const [h, host] of arr(vs.body.spec?.hosts).entries()) {
          const key = `${gw}\u0000${qualify(String(host), vs.namespace)}`;
          const prior = claimed.get(key);
          if (prior && prior !== vs) {
            out.push(
              report(
                this,
                vs,
                `/spec/hosts/${h}`,
                `host "${host}" on gateway "${gw}" is already claimed by VirtualService ${prior.namespace}/${prior.name} (IST0109)`,
              ),
            );
          } else claimed.set(key, vs);
        }
      }
    }
    return out;
  },
};
