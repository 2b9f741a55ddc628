// Namespaces: ValidateNamespace and validateFinalizerName (kubernetes/pkg/apis/core/validation/validation.go).
import { Findings, items, type Obj } from './field-errors.js';
import { isQualifiedName } from './names.js';

/** `IsStandardFinalizerName`. */
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** `ValidateNamespace`: spec.finalizers are qualified names, standard or with a domain. */
export function validateNamespace(o: Obj, f: Findings): void {
  items(o.spec?.finalizers).forEach((fin, i) => {
    if (typeof fin !== 'string') return;
    const p = `/spec/finalizers/${i}`;
    const errs = isQualifiedName(fin);
    f.invalidEach(p, fin, errs);
    if (errs.length === 0 && !fin.includes('/') && !STANDARD_FINALIZERS.has(fin))
      f.invalid(p, fin, 'name is neither a standard finalizer name nor is it fully qualified');
  });
}
