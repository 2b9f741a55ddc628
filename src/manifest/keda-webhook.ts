// What KEDA's admission webhook refuses in a ScaledObject (github.com/kedacore/keda apis/keda/v1alpha1
// scaledobject_webhook.go at v2.20.2: verifyTriggers, verifyFallback, verifyHpas), as predicates on trigger types: one
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

/**
 * Whether `fallback` is refused for these triggers: KEDA's CheckFallbackValid (apis/keda/v1alpha1/scaledobject_types.go,
 * v2.20.2) wants at least one trigger that is not cpu or memory, unless the ScaledObject uses scalingModifiers (its
 * composite metric then takes the fallback). Any metricType is accepted since KEDA 2.18 (kedacore/keda#6655,
 * "fallback support for value metric type"); cpu and memory triggers are accepted beside others and get no fallback.
 */
export function fallbackNeedsExternalTrigger(types: readonly (string | undefined)[], usesScalingModifiers: boolean): boolean {
  return !usesScalingModifiers && types.every((t) => t === 'cpu' || t === 'memory');
}

/** KEDA's IsUsingModifiers: `advanced.scalingModifiers` is set to something other than its zero value. */
export function usesScalingModifiers(spec: { readonly advanced?: { readonly scalingModifiers?: unknown } } | undefined): boolean {
  const sm = spec?.advanced?.scalingModifiers;
  return typeof sm === 'object' && sm !== null && Object.values(sm).some((v) => v !== undefined && v !== '');
}

/**
 * expr-lang words a scaling-modifiers formula may use besides trigger names (operators, literals, builtins:
 * expr-lang.org/docs/language-definition). KEDA compiles the formula with only the named triggers in its environment.
 */
const EXPR_WORDS = new Set(
  `and or not in matches contains startsWith endsWith nil true false let if else
   abs ceil floor round max min mean median sum len count all any none one filter map find findIndex findLast findLastIndex groupBy reduce
   float int string type toJSON fromJSON now duration date first last get keys values trim upper lower split replace repeat indexOf`.split(/\s+/),
);

/** One thing KEDA's webhook refuses in `spec.advanced.scalingModifiers` or in `fallback.behavior: scalingModifiers`. */
export interface ScalingModifiersProblem {
  /** JSON pointer in the ScaledObject. */
  readonly path: string;
  readonly message: string;
}

/**
 * KEDA's ValidateAndCompileScalingModifiers and its fallback check (apis/keda/v1alpha1/scaledobject_webhook.go and
 * scaledobject_types.go, v2.20): a formula is mandatory once scalingModifiers is set and needs a target; the target is
 * a number > 0; metricType is AverageValue or Value, never Utilization; the formula may name only the triggers that
 * have names (cpu and memory triggers are never in its environment: expr.Compile fails on any other name); and
 * `fallback.behavior: scalingModifiers` needs a formula. Whether the formula's syntax compiles is left to KEDA.
 */
export function scalingModifiersProblems(spec: {
  readonly advanced?: { readonly scalingModifiers?: Record<string, unknown> };
  readonly fallback?: { readonly behavior?: unknown };
  readonly triggers?: readonly { readonly type?: unknown; readonly name?: unknown }[];
}): ScalingModifiersProblem[] {
  const sm = spec.advanced?.scalingModifiers;
  const formula = typeof sm?.formula === 'string' ? sm.formula : '';
  const out: ScalingModifiersProblem[] = [];
  if (spec.fallback?.behavior === 'scalingModifiers' && formula === '')
    out.push({ path: '/spec/fallback/behavior', message: 'fallback.behavior is "scalingModifiers" but advanced.scalingModifiers.formula is empty' });
  if (sm === undefined || Object.keys(sm).length === 0) return out;
  const at = (field: string) => `/spec/advanced/scalingModifiers/${field}`;
  if (formula === '') return [...out, { path: at('formula'), message: 'scalingModifiers.formula is mandatory once scalingModifiers is set' }];
  const target = typeof sm.target === 'string' ? sm.target : '';
  if (target === '') out.push({ path: at('target'), message: 'scalingModifiers.formula is given but target is empty' });
  else if (!(Number(target) > 0) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(target.trim()))
    out.push({ path: at('target'), message: `scalingModifiers.target (${JSON.stringify(target)}) must be a number > 0` });
  if (sm.metricType === 'Utilization')
    out.push({
      path: at('metricType'),
      message: 'scalingModifiers.metricType is Utilization, but it needs to be AverageValue or Value for external metrics',
    });
  const named = (spec.triggers ?? []).filter((t) => t.type !== 'cpu' && t.type !== 'memory' && typeof t.name === 'string' && t.name !== '');
  const names = new Set(named.map((t) => String(t.name)));
  // identifiers outside string literals, not after `.` (a member) and not before `(` (a function)
  const code = formula.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  for (const m of code.matchAll(/(?<![.\w$])([A-Za-z_$][\w$]*)(?![\w$])(?!\s*\()/g)) {
    const id = m[1]!;
    if (EXPR_WORDS.has(id) || names.has(id)) continue;
    out.push({
      path: at('formula'),
      message: `scalingModifiers.formula names "${id}", which is not the name of a trigger (named triggers: ${[...names].sort().join(', ') || 'none'})`,
    });
    break;
  }
  return out;
}
