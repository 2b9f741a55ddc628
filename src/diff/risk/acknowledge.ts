// Intended risky changes: an environment's `review.acknowledge` entries, matched to the changes they let through.
import type { Acknowledgement } from '../../config/model/review.js';
import { atLeast, type Risk } from './risk.js';

/** What an acknowledgement is matched against. */
export interface Acknowledgeable {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly risk: Risk;
}

/** Whether one of `acks` covers the change: same kind and name, same namespace when it names one, a risk at least as bad. */
export function isAcknowledged(change: Acknowledgeable, acks: readonly Acknowledgement[]): boolean {
  return acks.some(
    (a) =>
      a.kind === change.kind &&
      a.name === change.name &&
      (a.namespace === undefined || a.namespace === change.namespace) &&
      atLeast(change.risk, 'disruptive') &&
      atLeast(a.risk, change.risk),
  );
}
