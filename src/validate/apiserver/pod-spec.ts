// Pod specs and pod templates: ValidatePodTemplateSpec, ValidatePodSpec, ValidateVolumes, ValidatePodSecurityContext,
// ValidateTolerations and validateTopologySpreadConstraints (kubernetes/pkg/apis/core/validation/validation.go).
import { at, Findings, isObj, isSet, items, str, type Obj } from './field-errors.js';
import { validateContainerList, validateLocalDescendingPath, type PodContext } from './containers.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidUnixId } from './names.js';
import { validateAnnotations, validateLabels } from './object-meta.js';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const MAX_INT32 = 2 ** 31 - 1;

/** `ValidatePodTemplateSpec`: the template's labels and annotations, and its pod spec. */
export function validatePodTemplateSpec(template: unknown, path: string, f: Findings, extraVolumes: readonly string[] = []): void {
  if (!isObj(template)) {
    f.required(path);
    return;
  }
  if (isObj(template.metadata)) {
    if (template.metadata.labels) validateLabels(template.metadata.labels, `${path}/metadata/labels`, f);
    if (template.metadata.annotations) validateAnnotations(template.metadata.annotations, `${path}/metadata/annotations`, f);
  }
  validatePodSpec(isObj(template.spec) ? template.spec : {}, `${path}/spec`, f, extraVolumes);
}

/** The restart policy of a pod spec after defaulting (`Always`). */
export function restartPolicyOf(spec: Obj): string {
  return isSet(spec.restartPolicy) ? String(spec.restartPolicy) : 'Always';
}

/**
 * `ValidatePodSpec`. `extraVolumes` are names the pods will have besides `volumes` (a StatefulSet's
 * volumeClaimTemplates), so mounts of them are not reported missing.
 */
export function validatePodSpec(spec: Obj, path: string, f: Findings, extraVolumes: readonly string[] = []): void {
  const volumes = spec.volumes ? validateVolumes(spec.volumes, `${path}/volumes`, f) : new Set<string>();
  for (const v of extraVolumes) volumes.add(v);
  const ctx: PodContext = { volumes, names: new Set(), hostNetwork: spec.hostNetwork === true, hostPorts: new Set() };
  validateContainerList(spec.containers, 'containers', `${path}/containers`, ctx, f);
  if (spec.initContainers) validateContainerList(spec.initContainers, 'initContainers', `${path}/initContainers`, ctx, f);
  if (spec.ephemeralContainers) validateContainerList(spec.ephemeralContainers, 'ephemeralContainers', `${path}/ephemeralContainers`, ctx, f);
  const restartPolicy = restartPolicyOf(spec);
  if (!RESTART_POLICIES.includes(restartPolicy)) f.notSupported(`${path}/restartPolicy`, restartPolicy, RESTART_POLICIES);
  if (isSet(spec.dnsPolicy)) {
    if (!DNS_POLICIES.includes(spec.dnsPolicy)) f.notSupported(`${path}/dnsPolicy`, spec.dnsPolicy, DNS_POLICIES);
    else if (spec.dnsPolicy === 'None' && !isObj(spec.dnsConfig))
      f.required(`${path}/dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None');
  }
  // the API server turns a Pod's negative grace period into 1; a template keeps it, and it is never meant
  f.nonNegative(`${path}/terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds);
  if (typeof spec.activeDeadlineSeconds === 'number' && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > MAX_INT32)) {
    f.invalid(`${path}/activeDeadlineSeconds`, spec.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32));
  }
  for (const k of ['hostname', 'subdomain'] as const) {
    if (str(spec[k]) && isDNS1123Label(spec[k]).length > 0) f.invalidEach(`${path}/${k}`, spec[k], isDNS1123Label(spec[k]));
  }
  for (const k of ['serviceAccountName', 'priorityClassName'] as const) {
    if (str(spec[k]) && isDNS1123Subdomain(spec[k]).length > 0) f.invalidEach(`${path}/${k}`, spec[k], isDNS1123Subdomain(spec[k]));
  }
  // each part only when present, so paths are built only for what is checked
  if (spec.nodeSelector) validateLabels(spec.nodeSelector, `${path}/nodeSelector`, f);
  if (spec.securityContext) validatePodSecurityContext(spec.securityContext, `${path}/securityContext`, f);
  if (spec.tolerations) validateTolerations(spec.tolerations, `${path}/tolerations`, f);
  if (spec.topologySpreadConstraints) validateTopologySpreadConstraints(spec.topologySpreadConstraints, `${path}/topologySpreadConstraints`, f);
}

/** `ValidateVolumes`: unique DNS-1123 names, at most one source each; returns the names. */
function validateVolumes(volumes: unknown, path: string, f: Findings): Set<string> {
  const names = new Set<string>();
  items(volumes).forEach((v: Obj, i) => {
    if (!isObj(v)) return;
    const p = `${path}/${i}`;
    const name = str(v.name);
    if (!name) f.required(`${p}/name`);
    else {
      f.invalidEach(`${p}/name`, name, isDNS1123Label(name));
      if (names.has(name)) f.duplicate(`${p}/name`, name);
      names.add(name);
    }
    // no source at all is defaulted to emptyDir
    const sources = Object.keys(v).filter((k) => k !== 'name' && isSet(v[k]));
    if (sources.length > 1) f.forbidden(at(p, sources[1]!), 'may not specify more than 1 volume type');
    validateVolumeSource(v, p, f);
  });
  return names;
}

/** The required names and item paths of the common volume sources (validateConfigMapVolumeSource, ...). */
function validateVolumeSource(v: Obj, path: string, f: Findings): void {
  if (isObj(v.configMap)) {
    if (!str(v.configMap.name)) f.required(`${path}/configMap/name`);
    validateKeyToPaths(v.configMap, `${path}/configMap`, f);
  }
  if (isObj(v.secret)) {
    if (!str(v.secret.secretName)) f.required(`${path}/secret/secretName`);
    validateKeyToPaths(v.secret, `${path}/secret`, f);
  }
  if (isObj(v.persistentVolumeClaim) && !str(v.persistentVolumeClaim.claimName)) f.required(`${path}/persistentVolumeClaim/claimName`);
  if (isObj(v.hostPath) && !str(v.hostPath.path)) f.required(`${path}/hostPath/path`);
}

/** `validateKeyToPath` items and the file modes (0..0777). */
function validateKeyToPaths(source: Obj, path: string, f: Findings): void {
  validateMode(source.defaultMode, `${path}/defaultMode`, f);
  items(source.items).forEach((it: Obj, i) => {
    if (!isObj(it)) return;
    const p = `${path}/items/${i}`;
    if (!str(it.key)) f.required(`${p}/key`);
    if (!str(it.path)) f.required(`${p}/path`);
    else validateLocalDescendingPath(it.path, `${p}/path`, f);
    validateMode(it.mode, `${p}/mode`, f);
  });
}

function validateMode(mode: unknown, path: string, f: Findings): void {
  if (typeof mode === 'number' && (mode < 0 || mode > 0o777)) f.invalid(path, mode, 'must be a number between 0 and 0777 (octal), both inclusive');
}

/** `ValidatePodSecurityContext`: user and group ids in range. */
function validatePodSecurityContext(sc: unknown, path: string, f: Findings): void {
  if (!isObj(sc)) return;
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup'] as const)
    if (typeof sc[k] === 'number') f.invalidEach(`${path}/${k}`, sc[k], isValidUnixId(sc[k]));
  items(sc.supplementalGroups).forEach((g, i) => {
    if (typeof g === 'number') f.invalidEach(`${path}/supplementalGroups/${i}`, g, isValidUnixId(g));
  });
}

/** `ValidateTolerations`. */
function validateTolerations(tolerations: unknown, path: string, f: Findings): void {
  items(tolerations).forEach((t: Obj, i) => {
    if (!isObj(t)) return;
    const p = `${path}/${i}`;
    const key = str(t.key);
    const operator = isSet(t.operator) ? t.operator : 'Equal';
    if (key) f.invalidEach(`${p}/key`, key, isQualifiedName(key));
    else if (operator !== 'Exists')
      f.invalid(`${p}/operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (isSet(t.tolerationSeconds) && t.effect !== 'NoExecute')
      f.invalid(`${p}/effect`, str(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set");
    if (operator === 'Exists') {
      if (str(t.value)) f.invalid(`${p}/operator`, t.value, "value must be empty when `operator` is 'Exists'");
    } else if (operator !== 'Equal') f.notSupported(`${p}/operator`, operator, ['Equal', 'Exists']);
    if (str(t.effect) && !TAINT_EFFECTS.includes(t.effect)) f.notSupported(`${p}/effect`, t.effect, TAINT_EFFECTS);
  });
}

/** `validateTopologySpreadConstraints`: maxSkew > 0, a topology key, a known whenUnsatisfiable, unique pairs. */
function validateTopologySpreadConstraints(constraints: unknown, path: string, f: Findings): void {
  const seen = new Set<string>();
  items(constraints).forEach((c: Obj, i) => {
    if (!isObj(c)) return;
    const p = `${path}/${i}`;
    if (typeof c.maxSkew === 'number' && c.maxSkew <= 0) f.invalid(`${p}/maxSkew`, c.maxSkew, 'must be greater than zero');
    const key = str(c.topologyKey);
    if (!key) f.required(`${p}/topologyKey`, 'can not be empty');
    else f.invalidEach(`${p}/topologyKey`, key, isQualifiedName(key));
    const when = str(c.whenUnsatisfiable);
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(when)) f.notSupported(`${p}/whenUnsatisfiable`, when, ['DoNotSchedule', 'ScheduleAnyway']);
    const pair = `${key}\u0000${when}`;
    if (seen.has(pair)) f.duplicate(p, `{${key}, ${when}}`);
    seen.add(pair);
    if (typeof c.minDomains === 'number' && c.minDomains <= 0) f.invalid(`${p}/minDomains`, c.minDomains, 'must be greater than 0');
  });
}
