// Pod Security Standards levels the app namespaces enforce (Pod Security admission labels).
import { Type, type SchemaOptions } from '@sinclair/typebox';
import { Obj, Opt } from './common.js';

/** A Pod Security Standards level: restricted (hardened), baseline (no known privilege escalation) or privileged. */
export function PodSecurityLevel(options: SchemaOptions) {
  return Type.Union([Type.Literal('restricted'), Type.Literal('baseline'), Type.Literal('privileged')], options);
}

export const PodSecuritySchema = Obj(
  {
    enforce: PodSecurityLevel({
      default: 'restricted',
      description:
        'level every app namespace (and the overprovisioning namespace) enforces: label pod-security.kubernetes.io/enforce; an app may set its own podSecurity',
    }),
    version: Opt(
      Type.String({
        pattern: '^(latest|v1\\.(0|[1-9][0-9]*))$',
        description:
          'version of the level\'s controls (pod-security.kubernetes.io/enforce-version), "latest" or "v1.x" (default: v<cluster.kubernetesVersion>)',
      }),
    ),
  },
  { default: {}, description: 'Pod Security admission: the level app namespaces enforce' },
);
