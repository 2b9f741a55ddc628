// Building blocks shared by the environment model's fragments.
import { goDurationPattern } from '../duration.js';
import { Type, type TProperties, type TSchema, type ObjectOptions } from '@sinclair/typebox';

/** A closed object: unknown keys are errors. */
export function Obj<T extends TProperties>(properties: T, options: ObjectOptions = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** Optional property with a description. */
export function Opt<T extends TSchema>(schema: T) {
  return Type.Optional(schema);
}

/** A DNS-1123 label (names of apps, namespaces, pools, ...). */
export const Name = Type.String({
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  maxLength: 63,
  description: 'a DNS-1123 label: lower-case letters, digits and "-", at most 63 characters',
});

/**
 * A container image reference: repository (at most 255 characters), optional `:tag` (at most 128) and `@digest`, as
 * github.com/distribution/reference (NameTotalLengthMax, the tag grammar) allows; 512 covers the longest with a digest.
 */
export const Image = (description: string, options: { default?: string } = {}) =>
  Type.String({ minLength: 1, maxLength: 512, description, ...options });

/** A PromQL expression (queries, seriesQuery, metricsQuery): longer than the default string bound. */
export const PROMQL_MAX_LENGTH = 16384;

/** A Kubernetes resource quantity such as 100m, 0.5, 2, 128Mi, 3.8G. */
export const Quantity = Type.Union(
  [Type.String({ pattern: '^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?$' }), Type.Number({ minimum: 0 })],
  { description: 'a Kubernetes quantity, e.g. 250m, 1, 512Mi, 3.8G' },
);

/** A Go duration such as 30s, 5m, 1h30m. */
export const Duration = Type.String({
  pattern: goDurationPattern(),
  description: 'a duration, e.g. 30s, 5m, 720h',
});

/** cpu and memory. */
export const ResourceList = Obj({
  cpu: Opt(Quantity),
  memory: Opt(Quantity),
});

export const StringMap = Type.Record(Type.String(), Type.String());
