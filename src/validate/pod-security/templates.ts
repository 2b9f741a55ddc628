// Pod Security evaluation of the pod templates of a set of objects, against the policy of their Namespace objects.
import type { ObjectIndex } from '../../manifest/object-index.js';
import type { PodTemplate } from '../../manifest/workloads.js';
import { formatLevelVersion, policyOf, type Mode, type Policy } from './policy.js';
import { evaluatePod, type Violation } from './registry.js';

/** A control a pod template fails under one mode of its namespace's policy. */
export interface TemplateViolation {
  readonly template: PodTemplate;
  readonly mode: Mode;
  readonly policy: Policy;
  readonly violation: Violation;
  /** JSON pointer into the owner object. */
  readonly path: string;
}

/** The pointer into the owner of a pointer into the pod (`/spec/...` or `/metadata/...`). */
function ownerPointer(t: PodTemplate, podPointer: string): string {
  if (podPointer.startsWith('/spec')) return t.path + podPointer.slice('/spec'.length);
  return t.path.replace(/\/spec$/, '/metadata') + podPointer.slice('/metadata'.length);
}

/**
 * What every pod template fails, per mode of the policy of its namespace (a Namespace object of the set; templates in a
 * namespace the set does not hold are not evaluated). A control reported under enforce is not repeated under warn or
 * audit, nor one reported under warn under audit.
 */
export function templateViolations(index: ObjectIndex, templates: readonly PodTemplate[]): TemplateViolation[] {
  const policies = new Map<string, Policy | undefined>();
  const out: TemplateViolation[] = [];
  for (const t of templates) {
    const ns = t.owner.namespace;
    if (!policies.has(ns)) {
      const obj = ns === '' ? undefined : index.get('', 'Namespace', '', ns);
      policies.set(ns, obj && policyOf(obj.labels));
    }
    const policy = policies.get(ns);
    if (!policy) continue;
    const seen = new Set<string>();
    const evaluated: string[] = [];
    for (const mode of ['enforce', 'warn', 'audit'] as const) {
      // warn defaults to the enforce level: a level and version already evaluated finds nothing new
      const lv = formatLevelVersion(policy[mode]);
      if (evaluated.includes(lv)) continue;
      evaluated.push(lv);
      for (const violation of evaluatePod(policy[mode], { annotations: t.annotations, spec: t.spec })) {
        if (seen.has(violation.id)) continue;
        seen.add(violation.id);
        out.push({ template: t, mode, policy, violation, path: ownerPointer(t, violation.path) });
      }
    }
  }
  return out;
}
