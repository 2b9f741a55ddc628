// PriorityClasses of scheduling.k8s.io/v1: ValidatePriorityClass (kubernetes/pkg/apis/scheduling/validation/validation.go).
import { Findings, isSet, str, type Obj } from './field-errors.js';

/** `HighestUserDefinablePriority`. */
const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** `SystemPriorityClasses`: the only names the `system-` prefix is for. */
const SYSTEM_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

/** `ValidatePriorityClass`: `system-` names are reserved, user classes ≤ 1e9, a known preemptionPolicy. */
export function validatePriorityClass(o: Obj, f: Findings): void {
  const name = str(o.metadata?.name);
  if (SYSTEM_CLASSES.has(name)) return; // the API server creates these itself, with their own values
  if (name.startsWith('system-')) f.forbidden('/metadata/name', "priority class names with 'system-' prefix are reserved for system use only");
  if (typeof o.value === 'number' && o.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    f.forbidden('/value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`);
  }
  if (isSet(o.preemptionPolicy) && o.preemptionPolicy !== 'PreemptLowerPriority' && o.preemptionPolicy !== 'Never') {
    f.notSupported('/preemptionPolicy', o.preemptionPolicy, ['Never', 'PreemptLowerPriority']);
  }
}
