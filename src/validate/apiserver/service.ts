// Services: ValidateService and validateServicePort (kubernetes/pkg/apis/core/validation/validation.go).
import { isIP } from 'node:net';
import { Findings, isObj, isSet, items, str, type Obj } from './field-errors.js';
import { validatePortNumOrName } from './containers.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum } from './names.js';
import { validateLabels } from './object-meta.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** `ValidateService`: type, ports (named when more than one, unique), clusterIP and externalName by type. */
export function validateService(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  const type = isSet(spec.type) ? spec.type : 'ClusterIP';
  if (!TYPES.includes(type)) f.notSupported('/spec/type', type, TYPES);
  const headless = spec.clusterIP === 'None';
  const ports = items(spec.ports);
  if (ports.length === 0 && !headless && type !== 'ExternalName') f.required('/spec/ports');
  if (type === 'ExternalName') {
    if (str(spec.clusterIP)) f.forbidden('/spec/clusterIP', 'may not be set for ExternalName services');
    const externalName = str(spec.externalName).replace(/\.$/, '');
    if (!externalName) f.required('/spec/externalName');
    else f.invalidEach('/spec/externalName', externalName, isDNS1123Subdomain(externalName));
  }
  // `validateServiceClusterIPsRelatedFields`: "None", empty (allocated) or an IP address
  if (str(spec.clusterIP) && !headless && isIP(spec.clusterIP) === 0) {
    f.invalid('/spec/clusterIP', spec.clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  }
  if (headless && (type === 'LoadBalancer' || type === 'NodePort'))
    f.invalid('/spec/clusterIP', 'None', `may not be set to 'None' for ${type} services`);
  const requireName = ports.length > 1;
  const names = new Set<string>();
  const keys = new Set<string>();
  const nodePorts = new Set<string>();
  ports.forEach((p: Obj, i) => {
    if (!isObj(p)) return;
    const pp = `/spec/ports/${i}`;
    const name = str(p.name);
    if (requireName && !name) f.required(`${pp}/name`);
    else if (name) {
      f.invalidEach(`${pp}/name`, name, isDNS1123Label(name));
      if (names.has(name)) f.duplicate(`${pp}/name`, name);
      names.add(name);
    }
    if (typeof p.port === 'number') f.invalidEach(`${pp}/port`, p.port, isValidPortNum(p.port));
    const protocol = isSet(p.protocol) ? p.protocol : 'TCP';
    if (!PROTOCOLS.includes(protocol)) f.notSupported(`${pp}/protocol`, protocol, PROTOCOLS);
    // an unset (or 0) targetPort is defaulted to the port
    if (isSet(p.targetPort) && p.targetPort !== 0) validatePortNumOrName(p.targetPort, `${pp}/targetPort`, f);
    if (str(p.appProtocol)) f.invalidEach(`${pp}/appProtocol`, p.appProtocol, isQualifiedName(p.appProtocol));
    if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
      if (type === 'ClusterIP') f.forbidden(`${pp}/nodePort`, "may not be used when `type` is 'ClusterIP'");
      else if (type === 'ExternalName') f.forbidden(`${pp}/nodePort`, "may not be used when `type` is 'ExternalName'");
      f.invalidEach(`${pp}/nodePort`, p.nodePort, isValidPortNum(p.nodePort));
      const nodeKey = `${p.nodePort}/${protocol}`;
      if (nodePorts.has(nodeKey)) f.duplicate(`${pp}/nodePort`, nodeKey);
      nodePorts.add(nodeKey);
    }
    const key = `${String(p.port)}/${protocol}`;
    if (keys.has(key)) f.duplicate(pp, key);
    keys.add(key);
  });
  validateLabels(spec.selector, '/spec/selector', f);
  if (isSet(spec.sessionAffinity) && !['ClientIP', 'None'].includes(spec.sessionAffinity))
    f.notSupported('/spec/sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']);
  for (const k of ['externalTrafficPolicy', 'internalTrafficPolicy'] as const) {
    if (isSet(spec[k]) && !['Cluster', 'Local'].includes(spec[k])) f.notSupported(`/spec/${k}`, spec[k], ['Cluster', 'Local']);
  }
  // `ExternallyAccessible`: a LoadBalancer, a NodePort, or a ClusterIP with external IPs
  if (
    isSet(spec.externalTrafficPolicy) &&
    type !== 'LoadBalancer' &&
    type !== 'NodePort' &&
    !(type === 'ClusterIP' && items(spec.externalIPs).length > 0)
  ) {
    f.invalid('/spec/externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services');
  }
  if (isSet(spec.ipFamilyPolicy) && !['SingleStack', 'PreferDualStack', 'RequireDualStack'].includes(spec.ipFamilyPolicy)) {
    f.notSupported('/spec/ipFamilyPolicy', spec.ipFamilyPolicy, ['SingleStack', 'PreferDualStack', 'RequireDualStack']);
  }
}
