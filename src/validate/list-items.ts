// `kind: List` (and `DeploymentList`, `PodList`, ...): what `kubectl get -o yaml` prints and `kubectl apply` accepts
// is expanded into its items, each one validated and counted as an object of its own.
import type { ManifestDoc } from './types.js';

/** Whether an object is a list of objects: `kind: List`, or any `*List` kind with `items`. */
function isList(o: Record<string, unknown>): boolean {
  return typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items);
}

/**
 * The objects of a document: the document itself, or the items of a list (lists in lists flattened), each at its
 * own line, with problem paths inside the item. Items that are not mappings are reported in `problems`.
 */
export function listItems(doc: ManifestDoc, problems: string[]): ManifestDoc[] {
  if (!isList(doc.object)) return [doc];
  const out: ManifestDoc[] = [];
  (doc.object.items as unknown[]).forEach((item, i) => {
    const pointer = `/items/${i}`;
    const lineOf = doc.lineOf;
    const line = lineOf ? lineOf(pointer) : doc.line;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`${doc.file}:${line} an item of a ${String(doc.object.kind)} must be a mapping`);
      return;
    }
    const itemDoc: ManifestDoc = {
      object: item as Record<string, unknown>,
      file: doc.file,
      line,
      ...(lineOf ? { lineOf: (p: string) => lineOf(pointer + p) } : {}),
    };
    out.push(...listItems(itemDoc, problems));
  });
  return out;
}
