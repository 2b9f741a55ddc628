// Container resources: ValidateResourceRequirements, validateContainerResourceName and ValidateResourceQuantityValue
// (kubernetes/pkg/apis/core/validation/validation.go).
import { parseQuantity } from '../../manifest/quantity.js';
import { at, Findings, isObj, type Obj } from './field-errors.js';
import { isQualifiedName } from './names.js';

/** Resources a container may name without a domain (`IsStandardContainerResourceName`, plus `hugepages-<size>`). */
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
/** Native resources have no domain or a kubernetes.io one; others are extended resources (`IsExtendedResourceName`). */
const isExtended = (name: string): boolean => name.includes('/') && !name.startsWith('requests.') && !/^([^/]*\.)?kubernetes\.io\//.test(name);
/** Resources that cannot be overcommitted: their request must equal their limit (`IsOvercommitAllowed`). */
const overcommitAllowed = (name: string): boolean => !isHugePages(name) && !isExtended(name);
/** Resources counted in whole units (`IsIntegerResourceName`): the extended ones. */
const isInteger = isExtended;

/** `ValidateResourceRequirements` of one container: names, quantities ≥ 0, requests ≤ limits, equal where no overcommit. */
export function validateResourceRequirements(resources: unknown, path: string, f: Findings): void {
  if (!isObj(resources)) return;
  const limits: Obj = isObj(resources.limits) ? resources.limits : {};
  const requests: Obj = isObj(resources.requests) ? resources.requests : {};
  const limitValues = new Map<string, number>();
  for (const name in limits) {
    const p = at(`${path}/limits`, name);
    const q = quantity(name, limits[name], p, f);
    if (q !== undefined) limitValues.set(name, q);
  }
  for (const name in requests) {
    const p = at(`${path}/requests`, name);
    const q = quantity(name, requests[name], p, f);
    if (q === undefined) continue;
    const limit = limitValues.get(name);
    if (limit !== undefined && !overcommitAllowed(name)) {
      if (q !== limit) f.invalid(p, requests[name], `must be equal to ${name} limit of ${String(limits[name])}`);
    } else if (limit !== undefined && q > limit) {
      f.invalid(p, requests[name], `must be less than or equal to ${name} limit of ${String(limits[name])}`);
    } else if (limit === undefined && !overcommitAllowed(name)) {
      f.required(`${path}/limits`, 'Limit must be set for non overcommitable resources');
    }
  }
}

/** A resource's name and quantity checked; its value when it is a quantity. */
function quantity(name: string, value: unknown, path: string, f: Findings): number | undefined {
  f.invalidEach(path, name, isQualifiedName(name));
  if (!name.includes('/') && !STANDARD.has(name) && !isHugePages(name)) f.invalid(path, name, 'must be a standard resource for containers');
  const q = parseQuantity(value);
  if (q === undefined) return undefined; // not a quantity: the schema check reports it
  if (q < 0) f.invalid(path, value, 'must be greater than or equal to 0');
  if (isInteger(name) && !Number.isInteger(q)) f.invalid(path, value, 'must be an integer');
  return q;
}
