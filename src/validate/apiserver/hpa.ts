// HorizontalPodAutoscalers of autoscaling/v2: ValidateHorizontalPodAutoscalerSpec, validateMetrics, validateMetricTarget
// and validateBehavior (kubernetes/pkg/apis/autoscaling/validation/validation.go).
import { parseQuantity } from '../../manifest/quantity.js';
import { Findings, isObj, isSet, items, str, type Obj } from './field-errors.js';
import { isQualifiedName, isValidPathSegmentName } from './names.js';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
/** The source field of each metric type. */
const SOURCE: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};
const TARGET_TYPES = ['AverageValue', 'Utilization', 'Value'];
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;

/**
 * `ValidateHorizontalPodAutoscalerSpec`: minReplicas ≥ 1 (0 needs the HPAScaleToZero feature gate, off by default),
 * maxReplicas ≥ minReplicas, a scale target, metrics with their source, and the scaling behavior.
 */
export function validateHorizontalPodAutoscaler(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  const minReplicas = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  if (minReplicas < 1) f.invalid('/spec/minReplicas', minReplicas, 'must be greater than or equal to 1');
  if (typeof spec.maxReplicas === 'number') {
    if (spec.maxReplicas < 1) f.invalid('/spec/maxReplicas', spec.maxReplicas, 'must be greater than 0');
    if (spec.maxReplicas < minReplicas) f.invalid('/spec/maxReplicas', spec.maxReplicas, 'must be greater than or equal to `minReplicas`');
  }
  // a missing scaleTargetRef is the schema check's to report
  const ref = spec.scaleTargetRef;
  if (isObj(ref)) {
    for (const k of ['kind', 'name'] as const) {
      const v = str(ref[k]);
      if (!v) f.required(`/spec/scaleTargetRef/${k}`);
      else f.invalidEach(`/spec/scaleTargetRef/${k}`, v, isValidPathSegmentName(v));
    }
  }
  items(spec.metrics).forEach((m: Obj, i) => {
    if (isObj(m)) validateMetric(m, `/spec/metrics/${i}`, f);
  });
  if (isObj(spec.behavior)) validateBehavior(spec.behavior, '/spec/behavior', f);
}

/** `validateBehavior`: the scaleUp and scaleDown rules of an HPA's `behavior` at `path`. */
export function validateBehavior(behavior: Obj, path: string, f: Findings): void {
  for (const dir of ['scaleUp', 'scaleDown'] as const) if (isObj(behavior[dir])) validateScalingRules(behavior[dir], `${path}/${dir}`, f);
}

/** `validateMetricSpec`: a known type, its own source set and no other. */
function validateMetric(m: Obj, path: string, f: Findings): void {
  const type = str(m.type);
  if (!type) {
    f.required(`${path}/type`, 'must specify a metric source type');
    return;
  }
  if (!METRIC_TYPES.includes(type)) {
    f.notSupported(`${path}/type`, type, METRIC_TYPES);
    return;
  }
  const own = SOURCE[type]!;
  const set = Object.values(SOURCE).filter((s) => isSet(m[s]));
  if (set.some((s) => s !== own)) f.forbidden(path, 'must populate the given metric source only');
  const source = m[own];
  if (!isObj(source)) {
    f.required(`${path}/${own}`, 'must populate information for the given metric source');
    return;
  }
  const p = `${path}/${own}`;
  if (type === 'Resource' || type === 'ContainerResource') {
    if (!str(source.name)) f.required(`${p}/name`, 'must specify a resource name');
    else f.invalidEach(`${p}/name`, source.name, isQualifiedName(source.name));
    if (type === 'ContainerResource' && !str(source.container)) f.required(`${p}/container`, 'must specify a container');
    const target: Obj = isObj(source.target) ? source.target : {};
    if (!isSet(target.averageValue) && !isSet(target.averageUtilization))
      f.required(`${p}/target/averageUtilization`, 'must set either a target raw value or a target utilization');
    if (isSet(target.averageValue) && isSet(target.averageUtilization))
      f.forbidden(`${p}/target/averageValue`, 'may not set both a target raw value and a target utilization');
    if (isSet(target.value))
      f.forbidden(`${p}/target/value`, `the ${type === 'Resource' ? 'resource' : 'container resource'} metric source does not support target value`);
  } else {
    const metric: Obj = isObj(source.metric) ? source.metric : {};
    if (!str(metric.name)) f.required(`${p}/metric/name`, 'must specify a metric name');
    if (type === 'Object') {
      const d: Obj = isObj(source.describedObject) ? source.describedObject : {};
      for (const k of ['kind', 'name'] as const) if (!str(d[k])) f.required(`${p}/describedObject/${k}`);
      const target: Obj = isObj(source.target) ? source.target : {};
      if (!isSet(target.value) && !isSet(target.averageValue)) f.required(`${p}/target/value`, 'must set either a target value or averageValue');
    }
    if (type === 'Pods') {
      const target: Obj = isObj(source.target) ? source.target : {};
      if (!isSet(target.averageValue)) f.required(`${p}/target/averageValue`, 'must specify a positive target averageValue');
    }
    if (type === 'External') {
      const target: Obj = isObj(source.target) ? source.target : {};
      if (!isSet(target.value) && !isSet(target.averageValue))
        f.required(`${p}/target/value`, 'must set either a target value for metric or a per-pod target');
      if (isSet(target.value) && isSet(target.averageValue))
        f.forbidden(`${p}/target/value`, 'may not set both a target value for metric and a per-pod target');
    }
  }
  validateMetricTarget(source.target, `${p}/target`, f);
}

/** `validateMetricTarget`: a known type, positive values and utilization. */
function validateMetricTarget(target: unknown, path: string, f: Findings): void {
  if (!isObj(target)) {
    f.required(path);
    return;
  }
  const type = str(target.type);
  if (!type) f.required(`${path}/type`, 'must specify a metric target type');
  if (!TARGET_TYPES.includes(type)) f.invalid(`${path}/type`, type, 'must be either Utilization, Value, or AverageValue');
  if (typeof target.averageUtilization === 'number' && target.averageUtilization < 1)
    f.invalid(`${path}/averageUtilization`, target.averageUtilization, 'must be greater than 0');
  for (const k of ['value', 'averageValue'] as const) {
    const q = parseQuantity(target[k]);
    if (q !== undefined && q <= 0) f.invalid(`${path}/${k}`, target[k], 'must be positive');
  }
}

/** `validateScalingRules`: stabilization window 0..3600, selectPolicy, and policies with value and period in range. */
function validateScalingRules(rules: Obj, path: string, f: Findings): void {
  const w = rules.stabilizationWindowSeconds;
  if (typeof w === 'number') {
    if (w < 0) f.invalid(`${path}/stabilizationWindowSeconds`, w, 'must be greater than or equal to zero');
    if (w > MAX_STABILIZATION_WINDOW_SECONDS)
      f.invalid(`${path}/stabilizationWindowSeconds`, w, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`);
  }
  if (isSet(rules.selectPolicy) && !['Disabled', 'Max', 'Min'].includes(rules.selectPolicy))
    f.notSupported(`${path}/selectPolicy`, rules.selectPolicy, ['Disabled', 'Max', 'Min']);
  // a missing list is defaulted; an empty one is not
  if (Array.isArray(rules.policies) && rules.policies.length === 0) f.required(`${path}/policies`, 'must specify at least one Policy');
  items(rules.policies).forEach((p: Obj, i) => {
    if (!isObj(p)) return;
    const pp = `${path}/policies/${i}`;
    if (!['Pods', 'Percent'].includes(p.type)) f.notSupported(`${pp}/type`, p.type ?? '', ['Percent', 'Pods']);
    if (typeof p.value === 'number' && p.value <= 0) f.invalid(`${pp}/value`, p.value, 'must be greater than zero');
    if (typeof p.periodSeconds === 'number') {
      if (p.periodSeconds <= 0) f.invalid(`${pp}/periodSeconds`, p.periodSeconds, 'must be greater than zero');
      if (p.periodSeconds > MAX_PERIOD_SECONDS)
        f.invalid(`${pp}/periodSeconds`, p.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`);
    }
  });
}
