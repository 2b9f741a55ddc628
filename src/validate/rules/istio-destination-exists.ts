import { arr, isRecord, type Resource } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { ISTIO, ServiceRegistry } from './istio-hosts.js';
import { report, type Rule } from './rule.js';

/** VirtualService destinations name a Service (or ServiceEntry) and one of its ports. */
export const istioDestinationExists: Rule = {
  id: 'istio-destination-exists',
  severity: 'error',
  doc:
    'Every destination of a VirtualService route (http, tcp, tls and mirror) names a Service in the set, by short ' +
    'name, `name.namespace` or FQDN, or a host a ServiceEntry declares, and, when it gives `port.number`, a port that ' +
    "Service exposes; a Service with several ports needs `port.number`. These are istioctl analyze's IST0101 " +
    '(ReferencedResourceNotFound) and IST0112 (VirtualServiceDestinationPortSelectorRequired): Envoy otherwise ' +
    'answers 503 `NR` (no route) for that route. Checked when the set holds Services (VirtualServices given alone are ' +
    'legitimate input to `validate`).',
  check(ctx) {
    const out: Problem[] = [];
    if (!ctx.index.has('', 'Service')) return out;
    const registry = new ServiceRegistry(ctx.index);
    for (const vs of ctx.index.of(ISTIO, 'VirtualService')) {
      for (const [path, dest] of destinations(vs)) {
        const host = dest.host;
        if (typeof host !== 'string' || host.includes('*')) continue;
        const ports = registry.ports(host, vs.namespace);
        const number = dest.port?.number;
        if (ports === undefined) {
          out.push(report(this, vs, `${path}/host`, `destination host "${host}" names no Service or ServiceEntry in the set (IST0101)`));
        } else if (number !== undefined && !ports.includes(Number(number))) {
          out.push(
            report(
              this,
              vs,
              `${path}/port/number`,
              `destination port ${number} is not a port of "${host}" (ports: ${ports.join(', ') || 'none'}) (IST0101)`,
            ),
          );
        } else if (number === undefined && ports.length > 1) {
          out.push(report(this, vs, path, `destination "${host}" has ${ports.length} ports (${ports.join(', ')}): set port.number (IST0112)`));
        }
      }
    }
    return out;
  },
};

function destinations(vs: Resource): [string, Record<string, any>][] {
  const out: [string, Record<string, any>][] = [];
  for (const proto of ['http', 'tcp', 'tls'] as const) {
    for (const [i, route] of arr(vs.body.spec?.[proto]).entries()) {
      for (const [j, dw] of arr(route?.route).entries()) {
        if (isRecord(dw?.destination)) out.push([`/spec/${proto}/${i}/route/${j}/destination`, dw.destination]);
      }
      if (proto === 'http' && isRecord(route?.mirror)) out.push([`/spec/http/${i}/mirror`, route.mirror]);
    }
  }
  return out;
}
