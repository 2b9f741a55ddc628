// The environment file, merged through `extends`: the single input of the charts.
import { Type, type Static } from '@sinclair/typebox';
import { AppSchema } from './app.js';
import { ClusterSchema } from './cluster.js';
import { Obj, Opt } from './common.js';
import { GitopsSchema } from './gitops.js';
import { NodesSchema } from './nodes.js';
import { ReviewSchema } from './review.js';
import { MeshSchema, MonitoringSchema, MulticlusterSchema, OverprovisioningSchema, PriorityClassSchema } from './platform.js';
import { PodSecuritySchema } from './pod-security.js';

export const EnvironmentSchema = Obj(
  {
    $schema: Opt(Type.String()),
    extends: Opt(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'environment file(s) this one builds on' })),
    abstract: Opt(Type.Boolean({ description: 'a base: merged into others, never rendered on its own' })),
    cluster: ClusterSchema,
    mesh: MeshSchema,
    podSecurity: PodSecuritySchema,
    monitoring: MonitoringSchema,
    priorityClasses: Type.Array(PriorityClassSchema, {
      default: [],
      description: 'PriorityClasses to render (file 05-priority-classes), for apps[].priorityClassName',
    }),
    overprovisioning: OverprovisioningSchema,
    nodes: NodesSchema,
    apps: Type.Array(AppSchema, {
      default: [],
      description: 'the applications: a Deployment each (30-workloads) or a Knative Service (50-serverless)',
    }),
    gitops: Opt(GitopsSchema),
    multicluster: MulticlusterSchema,
    review: ReviewSchema,
  },
  {
    $id: 'https://elastic-gitops.dev/schemas/environment.json',
    title: 'elastic-gitops environment',
    description: 'One environment (cluster) of the platform; every key: docs/reference/environment.md.',
  },
);

/** One app as the charts receive it: its namespace filled (default: the app name). */
export type App = Omit<Static<typeof AppSchema>, 'namespace'> & { readonly namespace: string };

/** GitOps settings as the charts receive them: the engine's namespace filled (argocd or flux-system). */
export type Gitops = Omit<Static<typeof GitopsSchema>, 'namespace'> & { readonly namespace: string };

/** A GitOps engine that applies the output (not `none`). */
export type Delivery = Gitops & { readonly engine: 'argocd' | 'flux' };

/** The Source Hydrator settings (`gitops.hydrator`). */
export type Hydrator = NonNullable<Gitops['hydrator']>;

/** The hydrator settings when the delivery is the Source Hydrator (the checks require them then), else undefined. */
export function hydratorOf(g: Gitops): Hydrator | undefined {
  return g.delivery === 'hydrator' ? g.hydrator : undefined;
}

/**
 * A merged, checked environment with every default applied, derived ones included (src/config/normalize.ts): what the
 * charts receive.
 */
export interface Environment extends Omit<Static<typeof EnvironmentSchema>, 'apps' | 'gitops'> {
  /** The environment name (file name without .yaml). */
  readonly envName: string;
  readonly apps: App[];
  readonly gitops?: Gitops;
}

/** The GitOps engine applying the environment, or undefined when nothing does (no `gitops`, or `engine: none`). */
export function deliveryOf(env: Environment): Delivery | undefined {
  const g = env.gitops;
  return g && g.engine !== 'none' ? { ...g, engine: g.engine } : undefined;
}
