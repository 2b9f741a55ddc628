// What an environment's pull-request review has acknowledged: risky changes (see `elastic-gitops diff`) that are
// intended, so that `diff --fail-on` lets them through.
import { Type, type Static } from '@sinclair/typebox';
import { Obj, Opt } from './common.js';

export const AcknowledgementSchema = Obj(
  {
    kind: Type.String({ minLength: 1, description: 'kind of the object, e.g. Namespace' }),
    name: Type.String({ minLength: 1, description: 'name of the object (for a rename: the old name, the one deleted)' }),
    namespace: Opt(Type.String({ minLength: 1, description: 'namespace of the object (default: any)' })),
    risk: Type.Union([Type.Literal('destructive'), Type.Literal('immutable'), Type.Literal('disruptive')], {
      description: 'the worst risk acknowledged: destructive covers immutable and disruptive too',
    }),
  },
  { description: 'one intended risky change' },
);

export type Acknowledgement = Static<typeof AcknowledgementSchema>;

export const ReviewSchema = Obj(
  {
    acknowledge: Type.Array(AcknowledgementSchema, {
      default: [],
      description: 'intended destructive, immutable or disruptive changes: diff still shows them, --fail-on lets them pass; remove them once merged',
    }),
  },
  { default: {}, description: 'pull-request review (elastic-gitops diff)' },
);
