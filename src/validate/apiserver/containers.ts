// Containers, init containers (native sidecars) and ephemeral containers of a pod spec: validateContainers,
// validateInitContainers, validateEphemeralContainers, validateContainerCommon, validateContainerPorts, ValidateEnv,
// ValidateVolumeMounts, validateProbe, validateLifecycle and ValidateSecurityContext
// (kubernetes/pkg/apis/core/validation/validation.go).
import { Findings, isObj, isSet, items, str, type Obj } from './field-errors.js';
import { isConfigMapKey, isDNS1123Label, isRelaxedEnvVarName, isValidPortName, isValidPortNum, isValidUnixId } from './names.js';
import { validateResourceRequirements } from './resources.js';

/** What the containers of one pod share: the volume names and every container name seen so far. */
export interface PodContext {
  readonly volumes: ReadonlySet<string>;
  readonly names: Set<string>;
  readonly hostNetwork: boolean;
  /** `hostPort/protocol` pairs across all containers (`AccumulateUniqueHostPorts`). */
  readonly hostPorts: Set<string>;
}

type Which = 'containers' | 'initContainers' | 'ephemeralContainers';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'] as const;

/** The containers of one list (`containers` must have at least one); names are unique across all three lists. */
export function validateContainerList(list: unknown, which: Which, path: string, ctx: PodContext, f: Findings): void {
  const cs = items(list);
  if (which === 'containers' && cs.length === 0) {
    f.required(path);
    return;
  }
  cs.forEach((c, i) => {
    if (isObj(c)) validateContainer(c, which, `${path}/${i}`, ctx, f);
  });
}

function validateContainer(c: Obj, which: Which, path: string, ctx: PodContext, f: Findings): void {
  const name = str(c.name);
  if (!name) f.required(`${path}/name`);
  else {
    const errs = isDNS1123Label(name);
    if (errs.length > 0) f.invalidEach(`${path}/name`, name, errs);
    if (ctx.names.has(name)) f.duplicate(`${path}/name`, name);
    else ctx.names.add(name);
  }
  // upstream keeps accepting leading or trailing whitespace in templates; only an empty image is refused
  if (!str(c.image)) f.required(`${path}/image`);
  const sidecar = which === 'initContainers' && c.restartPolicy === 'Always';
  if (isSet(c.restartPolicy)) {
    if (which === 'initContainers') {
      if (c.restartPolicy !== 'Always') f.notSupported(`${path}/restartPolicy`, c.restartPolicy, ['Always']);
    } else f.forbidden(`${path}/restartPolicy`, `may not be set for ${which === 'containers' ? 'non-init' : 'ephemeral'} containers`);
  }
  // each part only when present: most containers have few, and paths are built only for what is checked
  if (c.ports) validatePorts(c.ports, `${path}/ports`, ctx, f);
  if (c.env) validateEnv(c.env, `${path}/env`, f);
  if (c.envFrom) validateEnvFrom(c.envFrom, `${path}/envFrom`, f);
  if (c.volumeMounts) validateVolumeMounts(c.volumeMounts, `${path}/volumeMounts`, ctx, f);
  if (c.volumeDevices) validateVolumeDevices(c.volumeDevices, `${path}/volumeDevices`, ctx, f);
  if (c.resources) validateResourceRequirements(c.resources, `${path}/resources`, f);
  if (c.securityContext) validateSecurityContext(c.securityContext, `${path}/securityContext`, f);
  if (which === 'containers' || sidecar) {
    if (c.lifecycle) validateLifecycle(c.lifecycle, `${path}/lifecycle`, f);
    if (c.livenessProbe) validateProbe(c.livenessProbe, `${path}/livenessProbe`, 'liveness', f);
    if (c.readinessProbe) validateProbe(c.readinessProbe, `${path}/readinessProbe`, 'readiness', f);
    if (c.startupProbe) validateProbe(c.startupProbe, `${path}/startupProbe`, 'startup', f);
  } else {
    const reason =
      which === 'initContainers' ? 'may not be set for init containers without restartPolicy=Always' : 'cannot be set for an Ephemeral Container';
    for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) if (isSet(c[k])) f.forbidden(`${path}/${k}`, reason);
  }
  if (which === 'ephemeralContainers' && isSet(c.resources)) {
    if (
      (isObj(c.resources.limits) && Object.keys(c.resources.limits).length > 0) ||
      (isObj(c.resources.requests) && Object.keys(c.resources.requests).length > 0)
    ) {
      f.forbidden(`${path}/resources`, 'cannot be set for an Ephemeral Container');
    }
  }
}

/**
 * `validateContainerPorts`: names are IANA service names unique in the container, ports 1..65535, known protocols.
 * A containerPort/protocol repeated is only a warning upstream (pkg/api/pod/warnings.go), so not an error here.
 */
function validatePorts(ports: unknown, path: string, ctx: PodContext, f: Findings): void {
  const names = new Set<string>();
  items(ports).forEach((p: Obj, i) => {
    if (!isObj(p)) return;
    const pp = `${path}/${i}`;
    const name = str(p.name);
    if (name) {
      const errs = isValidPortName(name);
      if (errs.length > 0) f.invalidEach(`${pp}/name`, name, errs);
      else if (names.has(name)) f.duplicate(`${pp}/name`, name);
      else names.add(name);
    }
    if (!isSet(p.containerPort) || p.containerPort === 0) f.required(`${pp}/containerPort`);
    else if (typeof p.containerPort === 'number' && isValidPortNum(p.containerPort).length > 0)
      f.invalidEach(`${pp}/containerPort`, p.containerPort, isValidPortNum(p.containerPort));
    const protocol = isSet(p.protocol) ? p.protocol : 'TCP';
    if (!PROTOCOLS.includes(protocol)) f.notSupported(`${pp}/protocol`, protocol, PROTOCOLS);
    if (typeof p.hostPort === 'number' && p.hostPort !== 0) {
      f.invalidEach(`${pp}/hostPort`, p.hostPort, isValidPortNum(p.hostPort));
      const key = `${p.hostPort}/${protocol}`;
      if (ctx.hostPorts.has(key)) f.duplicate(`${pp}/hostPort`, key);
      else ctx.hostPorts.add(key);
    }
    // `validateHostNetwork`: with the host's network, the pod listens on the container port itself
    if (ctx.hostNetwork && typeof p.hostPort === 'number' && p.hostPort !== 0 && p.hostPort !== p.containerPort) {
      f.invalid(`${pp}/hostPort`, p.hostPort, 'must match `containerPort` when `hostNetwork` is true');
    }
  });
}

/** `ValidateEnv`: names (the relaxed rule of current Kubernetes), `value` xor exactly one `valueFrom` source. */
function validateEnv(env: unknown, path: string, f: Findings): void {
  items(env).forEach((e: Obj, i) => {
    if (!isObj(e)) return;
    const p = `${path}/${i}`;
    const name = str(e.name);
    if (!name) f.required(`${p}/name`);
    else if (isRelaxedEnvVarName(name).length > 0) f.invalidEach(`${p}/name`, name, isRelaxedEnvVarName(name));
    if (!isObj(e.valueFrom)) return;
    const from = e.valueFrom;
    const sources = ENV_SOURCES.filter((s) => isSet(from[s]));
    if (sources.length === 0)
      f.invalid(`${p}/valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
    else if (str(e.value) !== '') f.invalid(`${p}/valueFrom`, '', 'may not be specified when `value` is not empty');
    else if (sources.length > 1) f.invalid(`${p}/valueFrom`, '', 'may not have more than one field specified at a time');
    for (const ref of ['configMapKeyRef', 'secretKeyRef'] as const) {
      if (!isObj(from[ref])) continue;
      const key = str(from[ref].key);
      if (!key) f.required(`${p}/valueFrom/${ref}/key`);
      else f.invalidEach(`${p}/valueFrom/${ref}/key`, key, isConfigMapKey(key));
    }
    if (isObj(from.fieldRef) && !str(from.fieldRef.fieldPath)) f.required(`${p}/valueFrom/fieldRef/fieldPath`);
    if (isObj(from.resourceFieldRef) && !str(from.resourceFieldRef.resource)) f.required(`${p}/valueFrom/resourceFieldRef/resource`);
  });
}

/** `ValidateEnvFrom`: a valid prefix and exactly one of `configMapRef` and `secretRef`. */
function validateEnvFrom(envFrom: unknown, path: string, f: Findings): void {
  items(envFrom).forEach((e: Obj, i) => {
    if (!isObj(e)) return;
    const p = `${path}/${i}`;
    if (str(e.prefix)) f.invalidEach(`${p}/prefix`, e.prefix, isRelaxedEnvVarName(e.prefix));
    const n = (isSet(e.configMapRef) ? 1 : 0) + (isSet(e.secretRef) ? 1 : 0);
    if (n === 0) f.invalid(p, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (n > 1) f.invalid(p, '', 'may not have more than one field specified at a time');
  });
}

/** `ValidateVolumeMounts`: each names a volume of the pod, at a unique mountPath; subPath stays below the volume. */
function validateVolumeMounts(mounts: unknown, path: string, ctx: PodContext, f: Findings): void {
  const paths = new Set<string>();
  items(mounts).forEach((m: Obj, i) => {
    if (!isObj(m)) return;
    const p = `${path}/${i}`;
    const name = str(m.name);
    if (!name) f.required(`${p}/name`);
    else if (!ctx.volumes.has(name)) f.notFound(`${p}/name`, name);
    const mountPath = str(m.mountPath);
    if (!mountPath) f.required(`${p}/mountPath`);
    else if (paths.has(mountPath)) f.invalid(`${p}/mountPath`, mountPath, 'must be unique');
    else paths.add(mountPath);
    const subPath = str(m.subPath);
    if (subPath) validateLocalDescendingPath(subPath, `${p}/subPath`, f);
    if (subPath && str(m.subPathExpr)) f.invalid(`${p}/subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive');
    if (isSet(m.mountPropagation) && !['None', 'HostToContainer', 'Bidirectional'].includes(m.mountPropagation)) {
      f.notSupported(`${p}/mountPropagation`, m.mountPropagation, ['Bidirectional', 'HostToContainer', 'None']);
    }
  });
}

/** `ValidateVolumeDevices`: each names a volume of the pod, at a unique devicePath. */
function validateVolumeDevices(devices: unknown, path: string, ctx: PodContext, f: Findings): void {
  const paths = new Set<string>();
  items(devices).forEach((d: Obj, i) => {
    if (!isObj(d)) return;
    const p = `${path}/${i}`;
    const name = str(d.name);
    if (!name) f.required(`${p}/name`);
    else if (!ctx.volumes.has(name)) f.notFound(`${p}/name`, name);
    const devicePath = str(d.devicePath);
    if (!devicePath) f.required(`${p}/devicePath`);
    else if (paths.has(devicePath)) f.invalid(`${p}/devicePath`, devicePath, 'must be unique');
    else paths.add(devicePath);
  });
}

/** `validateLocalDescendingPath`: relative, without `..` steps. */
export function validateLocalDescendingPath(value: string, path: string, f: Findings): void {
  if (value.startsWith('/')) f.invalid(path, value, 'must be a relative path');
  if (value.split('/').includes('..')) f.invalid(path, value, "must not contain '..'");
}

/** `validateProbe` with the liveness/startup/readiness extras: one handler, non-negative timings, success threshold 1. */
function validateProbe(probe: unknown, path: string, kind: 'liveness' | 'readiness' | 'startup', f: Findings): void {
  if (!isObj(probe)) return;
  validateHandler(probe, HANDLERS, path, f);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    if (typeof probe[k] === 'number' && probe[k] < 0) f.nonNegative(`${path}/${k}`, probe[k]);
  }
  if (typeof probe.terminationGracePeriodSeconds === 'number') {
    if (kind === 'readiness')
      f.invalid(`${path}/terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes');
    else if (probe.terminationGracePeriodSeconds <= 0)
      f.invalid(`${path}/terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must be greater than 0');
  }
  // 0 is defaulted to 1
  if (kind !== 'readiness' && typeof probe.successThreshold === 'number' && probe.successThreshold !== 0 && probe.successThreshold !== 1) {
    f.invalid(`${path}/successThreshold`, probe.successThreshold, 'must be 1');
  }
}

/** `validateLifecycle`: postStart and preStop each have exactly one handler. */
function validateLifecycle(lifecycle: unknown, path: string, f: Findings): void {
  if (!isObj(lifecycle)) return;
  for (const hook of ['postStart', 'preStop'] as const)
    if (isObj(lifecycle[hook])) validateHandler(lifecycle[hook], LIFECYCLE_HANDLERS, `${path}/${hook}`, f);
}

/** `validateHandler`: exactly one handler, and its port a number or IANA name. */
function validateHandler(h: Obj, handlers: readonly string[], path: string, f: Findings): void {
  const set = handlers.filter((k) => isSet(h[k]));
  if (set.length === 0) f.required(path, 'must specify a handler type');
  else if (set.length > 1) f.forbidden(`${path}/${set[1]}`, 'may not specify more than 1 handler type');
  if (isObj(h.exec) && items(h.exec.command).length === 0) f.required(`${path}/exec/command`);
  if (isObj(h.httpGet)) validatePortNumOrName(h.httpGet.port, `${path}/httpGet/port`, f);
  if (isObj(h.tcpSocket)) validatePortNumOrName(h.tcpSocket.port, `${path}/tcpSocket/port`, f);
  if (isObj(h.httpGet) && isSet(h.httpGet.scheme) && !['HTTP', 'HTTPS'].includes(h.httpGet.scheme))
    f.notSupported(`${path}/httpGet/scheme`, h.httpGet.scheme, ['HTTP', 'HTTPS']);
  if (isObj(h.grpc) && typeof h.grpc.port === 'number') f.invalidEach(`${path}/grpc/port`, h.grpc.port, isValidPortNum(h.grpc.port));
  if (isObj(h.sleep)) f.nonNegative(`${path}/sleep/seconds`, h.sleep.seconds);
}

/** `ValidatePortNumOrName`. */
export function validatePortNumOrName(port: unknown, path: string, f: Findings): void {
  if (typeof port === 'number') f.invalidEach(path, port, isValidPortNum(port));
  else if (typeof port === 'string') {
    if (port === '') f.required(path);
    else f.invalidEach(path, port, isValidPortName(port));
  } else if (!isSet(port)) f.required(path);
}

/** `ValidateSecurityContext` of a container: ids in range, and no privileged or CAP_SYS_ADMIN without escalation. */
function validateSecurityContext(sc: unknown, path: string, f: Findings): void {
  if (!isObj(sc)) return;
  for (const k of ['runAsUser', 'runAsGroup'] as const) if (typeof sc[k] === 'number') f.invalidEach(`${path}/${k}`, sc[k], isValidUnixId(sc[k]));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) f.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
    const add = isObj(sc.capabilities) ? items(sc.capabilities.add) : [];
    if (add.includes('SYS_ADMIN') || add.includes('CAP_SYS_ADMIN'))
      f.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN');
  }
  if (isSet(sc.procMount) && !['Default', 'Unmasked'].includes(sc.procMount))
    f.notSupported(`${path}/procMount`, sc.procMount, ['Default', 'Unmasked']);
}
