// The environment file, merged through `extends`: the single input of the charts.
import { Type, type Static } from '@sinclair/typebox';
import { AppSchema } from './app.js';
import { ClusterSchema } from './cluster.js';
import { Obj, Opt } from './common.js';
import { GitopsSchema } from './gitops.js';
import { NodesSchema } from './nodes.js';
import { ReviewSchema } from './review.js';
import { MeshSchema, MonitoringSchema, MulticlusterSchema, OverprovisioningSchema, PriorityClassSchema } from './platform.js';

export const EnvironmentSchema = Obj(
  {
    $schema: Opt(Type.String()),
    extends: Opt(Type.Union([Type.String(), Type.Array(Type.String())], { description: 'environment file(s) this one builds on' })),
    abstract: Opt(Type.Boolean({ description: 'a base: merged into others, never rendered on its own' })),
    cluster: ClusterSchema,
    mesh: MeshSchema,
    monitoring: MonitoringSchema,
    priorityClasses: Type.Array(PriorityClassSchema, { default: [] }),
    overprovisioning: OverprovisioningSchema,
    nodes: NodesSchema,
    apps: Type.Array(AppSchema, { default: [] }),
    gitops: Opt(GitopsSchema),
    multicluster: MulticlusterSchema,
    review: ReviewSchema,
  },
  {
    $id: 'https://elastic-gitops.dev/schemas/environment.json',
    title: 'elastic-gitops environment',
    description: 'One environment (cluster) of the platform; see README.md "Environment file reference".',
  },
);

/** A merged, checked environment with defaults applied: what the charts receive. */
export interface Environment extends Static<typeof EnvironmentSchema> {
  /** The environment name (file name without .yaml). */
  readonly envName: string;
}

export type App = Static<typeof AppSchema>;
