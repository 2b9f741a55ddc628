// Pods and the workload controllers of apps/v1 and core/v1: ValidateDeploymentSpec, ValidateReplicaSetSpec,
// ValidateDaemonSetSpec, ValidateStatefulSetSpec (kubernetes/pkg/apis/apps/validation/validation.go),
// ValidateReplicationControllerSpec and ValidatePod (kubernetes/pkg/apis/core/validation/validation.go).
import { mapSelects, selects } from '../../manifest/label-selector.js';
import { Findings, isObj, isSet, items, str, type Obj } from './field-errors.js';
import { isValidPercent } from './names.js';
import { isEmptySelector, validateLabels, validateLabelSelector } from './object-meta.js';
import { restartPolicyOf, validatePodSpec, validatePodTemplateSpec } from './pod-spec.js';

/** `ValidatePod`: a Pod's spec. */
export function validatePod(o: Obj, f: Findings): void {
  validatePodSpec(isObj(o.spec) ? o.spec : {}, '/spec', f);
}

/** `ValidateDeploymentSpec`. */
export function validateDeployment(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  replicaSetLike(spec, 'deployment', 'ReplicaSet', f);
  validateDeploymentStrategy(spec.strategy, '/spec/strategy', f);
  f.nonNegative('/spec/minReadySeconds', spec.minReadySeconds);
  f.nonNegative('/spec/revisionHistoryLimit', spec.revisionHistoryLimit);
  const progressDeadline = isSet(spec.progressDeadlineSeconds) ? spec.progressDeadlineSeconds : 600;
  if (typeof progressDeadline === 'number') {
    f.nonNegative('/spec/progressDeadlineSeconds', progressDeadline);
    const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
    if (progressDeadline <= minReady) f.invalid('/spec/progressDeadlineSeconds', progressDeadline, 'must be greater than minReadySeconds');
  }
}

/** `ValidateReplicaSetSpec`. */
export function validateReplicaSet(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  replicaSetLike(spec, 'deployment', 'ReplicaSet', f);
  f.nonNegative('/spec/minReadySeconds', spec.minReadySeconds);
}

/** What Deployments and ReplicaSets share: replicas, a non-empty selector that matches the template, restart Always. */
function replicaSetLike(spec: Obj, selectorOf: string, controller: string, f: Findings): void {
  f.nonNegative('/spec/replicas', spec.replicas);
  requiredSelector(spec, selectorOf, f);
  templateMatches(spec, f);
  validatePodTemplateSpec(spec.template, '/spec/template', f);
  alwaysRestarts(spec, controller, f);
}

/** `ValidateDaemonSetSpec`. */
export function validateDaemonSet(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  validateLabelSelector(spec.selector, '/spec/selector', f);
  templateMatches(spec, f);
  if (isObj(spec.selector) && isEmptySelector(spec.selector)) f.invalid('/spec/selector', spec.selector, 'empty selector is invalid for daemonset');
  validatePodTemplateSpec(spec.template, '/spec/template', f);
  alwaysRestarts(spec, 'DaemonSet', f);
  f.nonNegative('/spec/minReadySeconds', spec.minReadySeconds);
  f.nonNegative('/spec/templateGeneration', spec.templateGeneration);
  f.nonNegative('/spec/revisionHistoryLimit', spec.revisionHistoryLimit);
  const strategy: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  const type = isSet(strategy.type) ? strategy.type : 'RollingUpdate';
  if (type === 'RollingUpdate') {
    // defaults: maxUnavailable 1, maxSurge 0
    const ru: Obj = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
    const p = '/spec/updateStrategy/rollingUpdate';
    const maxUnavailable = isSet(ru.maxUnavailable) ? ru.maxUnavailable : 1;
    const maxSurge = isSet(ru.maxSurge) ? ru.maxSurge : 0;
    positiveIntOrPercent(maxUnavailable, `${p}/maxUnavailable`, f);
    positiveIntOrPercent(maxSurge, `${p}/maxSurge`, f);
    notMoreThan100Percent(maxUnavailable, `${p}/maxUnavailable`, f);
    notMoreThan100Percent(maxSurge, `${p}/maxSurge`, f);
    const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
    const hasSurge = intOrPercentValue(maxSurge) !== 0;
    if (hasUnavailable && hasSurge) f.invalid(`${p}/maxSurge`, maxSurge, 'may not be set when maxUnavailable is non-zero');
    else if (!hasUnavailable && !hasSurge) f.required(`${p}/maxUnavailable`, 'cannot be 0 when maxSurge is 0');
  } else if (type !== 'OnDelete') f.notSupported('/spec/updateStrategy/type', type, ['RollingUpdate', 'OnDelete']);
}

/**
 * `ValidateStatefulSetSpec`. Upstream leaves the template's pod spec to the Pods the controller creates; it is checked
 * here as those Pods will be (a mount may name a volumeClaimTemplate), so a mistake fails before it merges.
 */
export function validateStatefulSet(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  if (isSet(spec.podManagementPolicy) && !['OrderedReady', 'Parallel'].includes(spec.podManagementPolicy)) {
    f.invalid('/spec/podManagementPolicy', spec.podManagementPolicy, "must be 'OrderedReady' or 'Parallel'");
  }
  const strategy: Obj = isObj(spec.updateStrategy) ? spec.updateStrategy : {};
  const type = isSet(strategy.type) ? strategy.type : 'RollingUpdate';
  if (type === 'OnDelete') {
    if (isSet(strategy.rollingUpdate))
      f.invalid('/spec/updateStrategy/rollingUpdate', strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'");
  } else if (type === 'RollingUpdate') {
    if (isObj(strategy.rollingUpdate)) {
      const ru = strategy.rollingUpdate;
      const p = '/spec/updateStrategy/rollingUpdate';
      f.nonNegative(`${p}/partition`, ru.partition);
      if (isSet(ru.maxUnavailable)) {
        positiveIntOrPercent(ru.maxUnavailable, `${p}/maxUnavailable`, f);
        if (intOrPercentValue(ru.maxUnavailable) === 0) f.invalid(`${p}/maxUnavailable`, ru.maxUnavailable, 'cannot be 0');
        notMoreThan100Percent(ru.maxUnavailable, `${p}/maxUnavailable`, f);
      }
    }
  } else f.invalid('/spec/updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'");
  if (isObj(spec.persistentVolumeClaimRetentionPolicy)) {
    for (const k of ['whenDeleted', 'whenScaled'] as const) {
      const v = spec.persistentVolumeClaimRetentionPolicy[k];
      if (isSet(v) && v !== 'Retain' && v !== 'Delete') f.notSupported(`/spec/persistentVolumeClaimRetentionPolicy/${k}`, v, ['Retain', 'Delete']);
    }
  }
  f.nonNegative('/spec/replicas', spec.replicas);
  f.nonNegative('/spec/minReadySeconds', spec.minReadySeconds);
  if (isObj(spec.ordinals)) f.nonNegative('/spec/ordinals/start', spec.ordinals.start);
  requiredSelector(spec, 'statefulset', f);
  templateMatches(spec, f);
  const claims = items(spec.volumeClaimTemplates)
    .map((c) => str(c?.metadata?.name))
    .filter(Boolean);
  validatePodTemplateSpec(spec.template, '/spec/template', f, claims);
  alwaysRestarts(spec, 'StatefulSet', f);
}

/** `ValidateReplicationControllerSpec`: a map selector (defaulted to the template's labels) that matches them. */
export function validateReplicationController(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  f.nonNegative('/spec/replicas', spec.replicas);
  f.nonNegative('/spec/minReadySeconds', spec.minReadySeconds);
  validateLabels(spec.selector, '/spec/selector', f);
  const labels = templateLabels(spec);
  if (isObj(spec.selector) && Object.keys(spec.selector).length > 0 && !mapSelects(spec.selector, labels)) {
    f.invalid('/spec/template/metadata/labels', labels, '`selector` does not match template `labels`');
  }
  validatePodTemplateSpec(spec.template, '/spec/template', f);
  alwaysRestarts(spec, 'ReplicationController', f);
}

function requiredSelector(spec: Obj, kind: string, f: Findings): void {
  if (!isObj(spec.selector)) {
    f.required('/spec/selector');
    return;
  }
  validateLabelSelector(spec.selector, '/spec/selector', f);
  if (isEmptySelector(spec.selector)) f.invalid('/spec/selector', spec.selector, `empty selector is invalid for ${kind}`);
}

function templateLabels(spec: Obj): Record<string, string> {
  const labels = spec.template?.metadata?.labels;
  return isObj(labels) ? (labels as Record<string, string>) : {};
}

/** The selector must select the pods the template makes (`selector` does not match template `labels`). */
function templateMatches(spec: Obj, f: Findings): void {
  if (!isObj(spec.selector) || isEmptySelector(spec.selector)) return;
  const labels = templateLabels(spec);
  if (!selects(spec.selector, labels)) f.invalid('/spec/template/metadata/labels', labels, '`selector` does not match template `labels`');
}

/** Controllers that keep pods running: restartPolicy Always, and no activeDeadlineSeconds. */
function alwaysRestarts(spec: Obj, controller: string, f: Findings): void {
  const podSpec: Obj = isObj(spec.template?.spec) ? spec.template.spec : {};
  const policy = restartPolicyOf(podSpec);
  if (policy !== 'Always') f.notSupported('/spec/template/spec/restartPolicy', policy, ['Always']);
  if (isSet(podSpec.activeDeadlineSeconds))
    f.forbidden('/spec/template/spec/activeDeadlineSeconds', `activeDeadlineSeconds in ${controller} is not Supported`);
}

/** `ValidateDeploymentStrategy` and `ValidateRollingUpdateDeployment`, with the defaults (RollingUpdate, 25% and 25%). */
function validateDeploymentStrategy(strategy: unknown, path: string, f: Findings): void {
  const s: Obj = isObj(strategy) ? strategy : {};
  const type = isSet(s.type) ? s.type : 'RollingUpdate';
  if (type === 'Recreate') {
    if (isSet(s.rollingUpdate)) f.forbidden(`${path}/rollingUpdate`, "may not be specified when strategy `type` is 'Recreate'");
  } else if (type === 'RollingUpdate') {
    const ru: Obj = isObj(s.rollingUpdate) ? s.rollingUpdate : {};
    const maxUnavailable = isSet(ru.maxUnavailable) ? ru.maxUnavailable : '25%';
    const maxSurge = isSet(ru.maxSurge) ? ru.maxSurge : '25%';
    positiveIntOrPercent(maxUnavailable, `${path}/rollingUpdate/maxUnavailable`, f);
    positiveIntOrPercent(maxSurge, `${path}/rollingUpdate/maxSurge`, f);
    if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
      f.invalid(`${path}/rollingUpdate/maxUnavailable`, maxUnavailable, 'may not be 0 when `maxSurge` is 0');
    }
    notMoreThan100Percent(maxUnavailable, `${path}/rollingUpdate/maxUnavailable`, f);
  } else f.notSupported(`${path}/type`, type, ['Recreate', 'RollingUpdate']);
}

/** `ValidatePositiveIntOrPercent`: a non-negative integer or `N%`. */
export function positiveIntOrPercent(v: unknown, path: string, f: Findings): void {
  if (typeof v === 'string') f.invalidEach(path, v, isValidPercent(v));
  else f.nonNegative(path, v);
}

/** `IsNotMoreThan100Percent`. */
export function notMoreThan100Percent(v: unknown, path: string, f: Findings): void {
  if (typeof v === 'string' && isValidPercent(v).length === 0 && Number(v.slice(0, -1)) > 100) f.invalid(path, v, 'must not be greater than 100%');
}

/** `getIntOrPercentValue`: the number of an int or of a valid percentage (an invalid string counts 0, as upstream). */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && isValidPercent(v).length === 0) return Number(v.slice(0, -1));
  return 0;
}
