// Fields a Kubernetes release has in its OpenAPI but drops on write while their feature gate is off by default (alpha):
// on such a cluster the field is as good as unknown, so the catalog of that release removes it from the schema.
import { compareMinor } from '../schemas/lock.js';

/** A field whose feature gate is on by default only from `onByDefaultIn`. */
export interface GatedField {
  /** The OpenAPI definition that has the field. */
  readonly definition: string;
  readonly field: string;
  /** Where objects have it (JSON pointer of the object holding the field). */
  readonly at: RegExp;
  readonly gate: string;
  /** The first minor version that serves it by default (beta). */
  readonly onByDefaultIn: string;
}

/**
 * From the Kubernetes feature-gate table (https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/):
 * SidecarContainers is alpha in 1.28 (off), beta in 1.29 (on).
 */
export const GATED_FIELDS: readonly GatedField[] = [
  {
    definition: 'io.k8s.api.core.v1.Container',
    field: 'restartPolicy',
    at: /\/(?:initContainers|containers)\/\d+$/,
    gate: 'SidecarContainers',
    onByDefaultIn: '1.29',
  },
];

/** The note an `unknown field` error gets when the field is gated off in `version`. */
export function gatedFieldNote(pointer: string, field: string, version: string): string | undefined {
  const g = gatedOff(version).find((f) => f.field === field && f.at.test(pointer));
  return g && `Kubernetes ${version} drops it: feature gate ${g.gate} is off by default before ${g.onByDefaultIn}`;
}

/** The gated fields to remove from the schemas of `version`. */
export function gatedOff(version: string): GatedField[] {
  return GATED_FIELDS.filter((f) => compareMinor(version, f.onByDefaultIn) < 0);
}
