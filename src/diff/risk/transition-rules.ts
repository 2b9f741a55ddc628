// The CRDs' own immutability: x-kubernetes-validations transition rules (`self == oldSelf`, `has(self.x) ==
// has(oldSelf.x)`) of the pinned schemas, evaluated on an update with oldSelf = the base's value, self = the new one.
import { readLock, sourcesFor } from '../../schemas/lock.js';
import { cacheDir, ensureSchemas } from '../../schemas/cache.js';
import { evaluateTransitionRules, isTransitionRule } from '../../validate/cel-rules.js';
import { SchemaCatalog } from '../../validate/schema-catalog.js';
import type { CelRule } from '../../validate/strict-schema.js';
import { fieldName } from './pointer.js';

/** The transition rules of an apiVersion + kind (empty when it has none or no pinned schema). */
export type TransitionRules = (apiVersion: string, kind: string) => readonly CelRule[];

/** The pinned schemas' transition rules (the schema cache filled from the lock, as validate does). */
export async function pinnedTransitionRules(mirrors?: readonly string[]): Promise<TransitionRules> {
  const { version, sources } = sourcesFor(readLock());
  const catalog = SchemaCatalog.open(cacheDir(), await ensureSchemas(sources, { mirrors }), version);
  const cache = new Map<string, readonly CelRule[]>();
  return (apiVersion, kind) => {
    const key = SchemaCatalog.key(apiVersion, kind);
    let rules = cache.get(key);
    if (!rules) {
      rules = catalog.entry(apiVersion, kind) ? catalog.schema(apiVersion, kind).rules.filter(isTransitionRule) : [];
      cache.set(key, rules);
    }
    return rules;
  };
}

/** A transition rule the update breaks: where, and the CRD's message. */
export interface RefusedTransition {
  readonly path: string;
  readonly message: string;
}

/** The transition rules of `rules` that the update from `before` to `after` breaks (rules that cannot be evaluated are left out). */
export function refusedTransitions(rules: readonly CelRule[], before: Record<string, unknown>, after: Record<string, unknown>): RefusedTransition[] {
  const out: RefusedTransition[] = [];
  evaluateTransitionRules(rules, before, after, (rule, outcome) => {
    if (outcome.status !== 'fail') return;
    const field = fieldName(outcome.pointer);
    out.push({
      path: outcome.pointer,
      message: `${field === '' ? '' : `${field}: `}${outcome.message} (the CRD's transition rule \`${rule.rule}\`)`,
    });
  });
  return out;
}
