// What KEDA's admission webhook refuses in a ScaledObject (github.com/kedacore/keda apis/keda/v1alpha1
// scaledobject_webhook.go: verifyTriggers, verifyFallback, verifyHpas), as predicates on trigger types: one
// definition for the environment checks (src/config/checks) and the rendered-object rules (src/validate/rules).

/** Label values (`scaledobject.keda.sh/name`, the HPA name) are at most 63 characters. */
export const KEDA_NAME_MAX = 63;

/** The HPA KEDA creates for a ScaledObject: `keda-hpa-<name>` unless `advanced.horizontalPodAutoscalerConfig.name`. */
export function kedaHpaName(scaledObject: string, custom?: string): string {
  return custom !== undefined && custom !== '' ? custom : `keda-hpa-${scaledObject}`;
}

/** Whether every trigger is cpu or memory (resource metrics come from running pods: nothing scales up from zero). */
export function onlyResourceTriggers(types: readonly (string | undefined)[]): boolean {
  return types.length > 0 && types.every((t) => t === 'cpu' || t === 'memory');
}

/** Why a trigger cannot be used with `fallback`: a cpu/memory trigger, or a metricType other than AverageValue. */
export function fallbackProblem(type: string | undefined, metricType: string | undefined): 'resource-trigger' | 'metric-type' | undefined {
  if (type === 'cpu' || type === 'memory') return 'resource-trigger';
  if (metricType !== undefined && metricType !== 'AverageValue') return 'metric-type';
  return undefined;
}
