// Ingresses of networking.k8s.io/v1: ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath and
// validateIngressBackend (kubernetes/pkg/apis/networking/validation/validation.go).
import { Findings, isObj, isSet, items, str, type Obj } from './field-errors.js';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain } from './names.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
/** `invalidPathSequences` and `invalidPathSuffixes` of Exact and Prefix paths. */
const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

/** `ValidateIngressSpec`: a default backend or rules, hosts, paths by pathType, backends, TLS hosts, class name. */
export function validateIngress(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  const rules = items(spec.rules);
  if (rules.length === 0 && !isSet(spec.defaultBackend)) f.invalid('/spec', [], 'either `defaultBackend` or `rules` must be specified');
  if (isObj(spec.defaultBackend)) validateBackend(spec.defaultBackend, '/spec/defaultBackend', f);
  rules.forEach((r: Obj, i) => {
    if (!isObj(r)) return;
    const p = `/spec/rules/${i}`;
    const host = str(r.host);
    if (host) validateHost(host, `${p}/host`, f);
    if (!isObj(r.http)) return;
    const paths = items(r.http.paths);
    if (paths.length === 0) f.required(`${p}/http/paths`);
    paths.forEach((hp: Obj, j) => {
      if (isObj(hp)) validatePath(hp, `${p}/http/paths/${j}`, f);
    });
  });
  items(spec.tls).forEach((t: Obj, i) => {
    items(t?.hosts).forEach((h, j) => {
      if (typeof h === 'string') validateHost(h, `/spec/tls/${i}/hosts/${j}`, f, false);
    });
  });
  if (str(spec.ingressClassName)) f.invalidEach('/spec/ingressClassName', spec.ingressClassName, isDNS1123Subdomain(spec.ingressClassName));
}

/** A rule's host: a DNS name (not an IP), `*.` wildcards allowed. */
function validateHost(host: string, path: string, f: Findings, rejectIp = true): void {
  if (rejectIp && (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':'))) f.invalid(path, host, 'must be a DNS name, not an IP address');
  else if (host.includes('*')) f.invalidEach(path, host, isWildcardDNS1123Subdomain(host));
  else f.invalidEach(path, host, isDNS1123Subdomain(host));
}

/** `validateHTTPIngressPath`: pathType required; Exact and Prefix paths absolute and clean; a backend. */
function validatePath(hp: Obj, path: string, f: Findings): void {
  const value = str(hp.path);
  if (!isSet(hp.pathType)) f.required(`${path}/pathType`, 'pathType must be specified');
  else if (hp.pathType === 'Exact' || hp.pathType === 'Prefix') {
    if (!value.startsWith('/')) f.invalid(`${path}/path`, value, 'must be an absolute path');
    for (const s of INVALID_SEQUENCES) if (value.includes(s)) f.invalid(`${path}/path`, value, `must not contain '${s}'`);
    for (const s of INVALID_SUFFIXES) if (value.endsWith(s)) f.invalid(`${path}/path`, value, `cannot end with '${s}'`);
  } else if (hp.pathType === 'ImplementationSpecific') {
    if (value !== '' && !value.startsWith('/')) f.invalid(`${path}/path`, value, 'must be an absolute path');
  } else f.notSupported(`${path}/pathType`, hp.pathType, PATH_TYPES);
  if (isObj(hp.backend)) validateBackend(hp.backend, `${path}/backend`, f);
  else f.required(`${path}/backend`);
}

/** `validateIngressBackend`: a service xor a resource; a service port by name xor number. */
function validateBackend(b: Obj, path: string, f: Findings): void {
  const hasService = isSet(b.service);
  const hasResource = isSet(b.resource);
  if (hasService && hasResource) {
    f.invalid(path, '', 'cannot set both resource and service backends');
    return;
  }
  if (!hasService && !hasResource) {
    f.invalid(path, '', 'resource or service backend is required');
    return;
  }
  if (isObj(b.resource)) {
    if (!str(b.resource.kind)) f.required(`${path}/resource/kind`);
    if (!str(b.resource.name)) f.required(`${path}/resource/name`);
    return;
  }
  if (!isObj(b.service)) return;
  const name = str(b.service.name);
  if (!name) f.required(`${path}/service/name`);
  else f.invalidEach(`${path}/service/name`, name, isDNS1035Label(name));
  const port: Obj = isObj(b.service.port) ? b.service.port : {};
  const hasName = str(port.name) !== '';
  const hasNumber = typeof port.number === 'number' && port.number !== 0;
  if (hasName && hasNumber) f.invalid(`${path}/service/port`, port, 'cannot set both port name & port number');
  else if (hasName) f.invalidEach(`${path}/service/port/name`, port.name, isValidPortName(port.name));
  else if (hasNumber) f.invalidEach(`${path}/service/port/number`, port.number, isValidPortNum(port.number));
  else f.required(`${path}/service/port`, 'port name or number is required');
}
