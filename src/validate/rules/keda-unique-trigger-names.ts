import { arr } from '../../manifest/object-index.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

/** Trigger names are unique within a ScaledObject. */
export const kedaUniqueTriggerNames: Rule = {
  id: 'keda-unique-trigger-names',
  severity: 'error',
  doc:
    'Named triggers of a ScaledObject have unique names. KEDA uses the name to address the trigger (in ' +
    '`scalingModifiers` formulas and metric names) and its webhook rejects a ScaledObject that repeats one.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('keda.sh', 'ScaledObject')) {
      const first = new Map<string, number>();
      for (const [i, t] of arr(r.body.spec?.triggers).entries()) {
        const name = t?.name;
        if (typeof name !== 'string' || name === '') continue;
        if (first.has(name))
          out.push(report(this, r, `/spec/triggers/${i}/name`, `trigger name "${name}" is already used by triggers[${first.get(name)}]`));
        else first.set(name, i);
      }
    }
    return out;
  },
};
