// A chart whose objects carry the apply order decided before it renders (src/synth/apply-plan.ts): each object gets
// its Argo CD sync wave, and custom resources of an operator's CRDs skip the dry run while the CRD does not exist yet.
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { groupOf, objectKey } from '../src/manifest/object-index.js';
import type { ApplyOrder } from '../src/synth/apply-plan.js';

/** Argo CD's sync-wave annotation (argo-cd docs/user-guide/sync-waves.md). */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** Argo CD's per-object sync options annotation (argo-cd docs/user-guide/sync-options.md). */
export const SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';

/** Props of every chart of the registry. */
export interface OrderedChartProps extends ChartProps {
  /** The Argo CD apply order of the environment; none under Flux or without a GitOps engine. */
  readonly order?: ApplyOrder;
}

export abstract class OrderedChart extends Chart {
  private readonly order: ApplyOrder | undefined;

  protected constructor(scope: Construct, id: string, props: OrderedChartProps) {
    super(scope, id, props);
    this.order = props.order;
  }

  /** The chart's objects, each with its sync wave (and sync options) when there is an order. */
  public override toJson(): any[] {
    const order = this.order;
    if (order) {
      for (const o of this.node.findAll()) {
        if (!(o instanceof ApiObject)) continue;
        const key = objectKey({ group: groupOf(o.apiVersion), kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.name });
        const wave = order.waves.get(key);
        if (wave === undefined) throw new Error(`no sync wave planned for ${key}: the plan was made from another render`);
        o.metadata.addAnnotation(SYNC_WAVE, String(wave));
        if (order.skipDryRun.has(key)) o.metadata.addAnnotation(SYNC_OPTIONS, 'SkipDryRunOnMissingResource=true');
      }
    }
    return super.toJson();
  }
}
