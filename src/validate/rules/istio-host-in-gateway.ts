import { arr } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { boundGateways, hostCovers, ISTIO } from './istio-hosts.js';
import { report, type Rule } from './rule.js';

/** Each VirtualService host is served by every Gateway it binds. */
export const istioHostInGateway: Rule = {
  id: 'istio-host-in-gateway',
  severity: 'warning',
  doc:
    'Every host of a VirtualService is served by each Gateway it binds: some server of the Gateway lists a host ' +
    "(`*`, `*.example.com`, or exact, optionally with a `namespace/` prefix that must admit the VirtualService's " +
    "namespace) covering it. This is istioctl analyze's IST0132 (VirtualServiceHostNotFoundInGateway): such a host " +
    'is never routed through that gateway.',
  check(ctx) {
    const out: Problem[] = [];
    for (const vs of ctx.index.of(ISTIO, 'VirtualService')) {
      for (const { ref, index } of boundGateways(vs)) {
        const gw = ref.mesh ? undefined : ctx.index.get(ISTIO, 'Gateway', ref.namespace, ref.name);
        if (!gw) continue;
        const patterns = arr(gw.body.spec?.servers).flatMap((s) => arr(s?.hosts).map(String));
        for (const [h, host] of arr(vs.body.spec?.hosts).entries()) {
          const served = patterns.some((p) => {
            const slash = p.indexOf('/');
            const ns = slash === -1 ? '*' : p.slice(0, slash);
            const pattern = slash === -1 ? p : p.slice(slash + 1);
            const nsOk = ns === '*' || (ns === '.' ? vs.namespace === gw.namespace : ns === vs.namespace);
            return nsOk && hostCovers(pattern, String(host));
          });
          if (!served) {
            out.push(
              report(
                this,
                vs,
                `/spec/hosts/${h}`,
                `host "${host}" is not served by Gateway ${gw.namespace}/${gw.name} (gateways[${index}]; its hosts: ${patterns.join(', ') || 'none'}) (IST0132)`,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
