// metadata of every object, labels, annotations and label selectors: ValidateObjectMeta / ValidateObjectMetaAccessor
// (k8s.io/apimachinery/pkg/api/validation/objectmeta.go), ValidateLabels and ValidateLabelSelector
// (k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go).
import { Findings, isObj, items, str, type Obj } from './field-errors.js';
import { isDNS1123Label, isQualifiedName, isValidLabelValue, type NameRule } from './names.js';

/** `TotalAnnotationSizeLimitB`: keys and values of one object's annotations together. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** `ValidateObjectMeta`: name (or generateName) by the kind's rule, namespace, labels, annotations, finalizers. */
export function validateObjectMeta(meta: unknown, nameRule: NameRule, f: Findings, path = '/metadata'): void {
  const m: Obj = isObj(meta) ? meta : {};
  const generateName = str(m.generateName);
  if (generateName) f.invalidEach(`${path}/generateName`, generateName, nameRule(generateName, true));
  const name = str(m.name);
  if (!name) {
    if (!generateName) f.required(`${path}/name`, 'name or generateName is required');
  } else {
    const errs = nameRule(name, false);
    if (errs.length > 0) f.invalidEach(`${path}/name`, name, errs);
  }
  const namespace = str(m.namespace);
  if (namespace) {
    const errs = isDNS1123Label(namespace);
    if (errs.length > 0) f.invalidEach(`${path}/namespace`, namespace, errs);
  }
  if (m.labels) validateLabels(m.labels, `${path}/labels`, f);
  if (m.annotations) validateAnnotations(m.annotations, `${path}/annotations`, f);
  if (m.finalizers)
    items(m.finalizers).forEach((fin, i) => {
      if (typeof fin === 'string') f.invalidEach(`${path}/finalizers/${i}`, fin, isQualifiedName(fin));
    });
}

/**
 * `ValidateLabels`: keys are qualified names, values label values; reported at the map, as the API server does
 * (apimachinery pkg/apis/meta/v1/validation ValidateLabels: `field.Invalid(fldPath, v, msg)`), the value quoted.
 */
export function validateLabels(labels: unknown, path: string, f: Findings): void {
  if (!isObj(labels)) return;
  for (const k in labels) {
    const v = labels[k];
    f.invalidEach(path, k, isQualifiedName(k));
    if (typeof v === 'string') f.invalidEach(path, v, isValidLabelValue(v));
  }
}

/** `ValidateAnnotations`: keys are qualified names in any case, and all of them together at most 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string, f: Findings): void {
  if (!isObj(annotations)) return;
  let chars = 0;
  for (const k in annotations) {
    const errs = isQualifiedName(k.toLowerCase());
    if (errs.length > 0) f.invalidEach(path, k, errs); // at the map, as ValidateAnnotations (apimachinery) reports
    chars += k.length + str(annotations[k]).length;
  }
  // a UTF-16 unit is at most 3 bytes of UTF-8: only a large total needs counting bytes
  if (chars * 3 <= ANNOTATIONS_MAX_BYTES) return;
  let bytes = 0;
  for (const k in annotations) bytes += Buffer.byteLength(k) + Buffer.byteLength(str(annotations[k]));
  if (bytes > ANNOTATIONS_MAX_BYTES) f.tooLong(path, ANNOTATIONS_MAX_BYTES);
}

/** `ValidateLabelSelector` (with `AllowInvalidLabelValueInSelector: false`, as for workloads). */
export function validateLabelSelector(selector: unknown, path: string, f: Findings): void {
  if (!isObj(selector)) return;
  validateLabels(selector.matchLabels, `${path}/matchLabels`, f);
  items(selector.matchExpressions).forEach((e: Obj, i) => {
    if (!isObj(e)) return;
    const p = `${path}/matchExpressions/${i}`;
    const values = items(e.values);
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) f.required(`${p}/values`, "must be specified when `operator` is 'In' or 'NotIn'");
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) f.forbidden(`${p}/values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
        break;
      default:
        f.invalid(`${p}/operator`, e.operator, 'not a valid selector operator');
    }
    f.invalidEach(`${p}/key`, str(e.key), isQualifiedName(str(e.key)));
    values.forEach((v, j) => {
      if (typeof v === 'string') f.invalidEach(`${p}/values/${j}`, v, isValidLabelValue(v));
    });
  });
}

/** Whether a selector has no terms (`len(matchLabels) + len(matchExpressions) == 0`). */
export function isEmptySelector(selector: Obj): boolean {
  return (!isObj(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0) && items(selector.matchExpressions).length === 0;
}
