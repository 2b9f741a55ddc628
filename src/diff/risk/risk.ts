// How much a change can hurt, from worst to harmless, and why: the vocabulary of diff's risk classification.

/**
 * `destructive`: data or objects are lost (a deleted Namespace, PVC, StatefulSet, CRD, PV, or one of those renamed);
 * `immutable`: the API server refuses the update, so the sync fails until someone deletes the object;
 * `disruptive`: every pod of a workload restarts, nodes are replaced, or fewer pods stay available;
 * `plain`: none of these.
 */
export type Risk = 'destructive' | 'immutable' | 'disruptive' | 'plain';

/** Worst first: `--fail-on immutable` fails on destructive and immutable changes. */
export const RISKS: readonly Risk[] = ['destructive', 'immutable', 'disruptive', 'plain'];

/** Whether `risk` is at least as bad as `threshold`. */
export function atLeast(risk: Risk, threshold: Risk): boolean {
  return RISKS.indexOf(risk) <= RISKS.indexOf(threshold);
}

/** The worst of some risks (`plain` for none). */
export function worst(risks: Iterable<Risk>): Risk {
  let out: Risk = 'plain';
  for (const r of risks) if (RISKS.indexOf(r) < RISKS.indexOf(out)) out = r;
  return out;
}

/** One reason a change is risky. */
export interface RiskReason {
  readonly risk: Exclude<Risk, 'plain'>;
  /** JSON pointer of the field concerned ('' for the whole object). */
  readonly path: string;
  /** What happens, e.g. `spec.selector is immutable (ValidateDeploymentUpdate)`. */
  readonly message: string;
  /** What to do about it (destructive and immutable changes). */
  readonly advice?: string;
}
