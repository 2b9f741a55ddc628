// PodDisruptionBudgets of policy/v1: ValidatePodDisruptionBudgetSpec (kubernetes/pkg/apis/policy/validation/validation.go).
import { Findings, isObj, isSet, type Obj } from './field-errors.js';
import { validateLabelSelector } from './object-meta.js';
import { notMoreThan100Percent, positiveIntOrPercent } from './workloads.js';

/** `ValidatePodDisruptionBudgetSpec`: minAvailable xor maxUnavailable, each an int ≥ 0 or a percentage ≤ 100%. */
export function validatePodDisruptionBudget(o: Obj, f: Findings): void {
  const spec: Obj = isObj(o.spec) ? o.spec : {};
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) f.invalid('/spec', spec, 'minAvailable and maxUnavailable cannot be both set');
  for (const k of ['minAvailable', 'maxUnavailable'] as const) {
    if (!isSet(spec[k])) continue;
    positiveIntOrPercent(spec[k], `/spec/${k}`, f);
    notMoreThan100Percent(spec[k], `/spec/${k}`, f);
  }
  validateLabelSelector(spec.selector, '/spec/selector', f);
  const policy = spec.unhealthyPodEvictionPolicy;
  if (isSet(policy) && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow')
    f.notSupported('/spec/unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']);
}
