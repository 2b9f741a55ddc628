// Kubernetes label-selector semantics (matchLabels and matchExpressions).
import { arr, isRecord } from './object-index.js';

/**
 * Whether `selector` selects `labels`. An empty selector `{}` selects everything; a missing one (undefined/null)
 * selects nothing, as for most Kubernetes fields that take a LabelSelector.
 */
export function selects(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isRecord(selector)) return false;
  if (isRecord(selector.matchLabels)) {
    for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  }
  for (const e of arr(selector.matchExpressions)) {
    const has = Object.hasOwn(labels, e?.key);
    const values = arr(e?.values) as string[];
    switch (e?.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Selects by a plain map (Service.spec.selector style): every pair must match; an empty map selects nothing. */
export function mapSelects(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isRecord(selector) || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
