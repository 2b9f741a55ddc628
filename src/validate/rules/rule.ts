// What a cross-resource rule is, and the indexes every rule shares (built once per run).
import { capacityPlan, type CapacityPlan } from '../../capacity/capacity-plan.js';
import { autoscalers, type Autoscaler } from '../../manifest/autoscalers.js';
import { problemAt, type ObjectIndex, type Resource } from '../../manifest/object-index.js';
import { podTemplates, type PodTemplate } from '../../manifest/workloads.js';
import { templateViolations, type TemplateViolation } from '../pod-security/templates.js';
import type { Problem, Severity } from '../types.js';

/** Shared, lazily built views of the object set. */
export class RuleContext {
  private cachedAutoscalers?: Autoscaler[];
  private cachedTemplates?: PodTemplate[];
  private cachedPlan?: CapacityPlan;
  private cachedPodSecurity?: TemplateViolation[];

  public constructor(public readonly index: ObjectIndex) {}

  /** Every HPA and ScaledObject. */
  public get autoscalers(): readonly Autoscaler[] {
    return (this.cachedAutoscalers ??= autoscalers(this.index));
  }

  /** Every pod template (workloads, DaemonSets, Jobs, Pods, Knative Services). */
  public get podTemplates(): readonly PodTemplate[] {
    return (this.cachedTemplates ??= podTemplates(this.index));
  }

  /** Pod Security controls the pod templates fail, per mode of their Namespace's policy. */
  public get podSecurity(): readonly TemplateViolation[] {
    return (this.cachedPodSecurity ??= templateViolations(this.index, this.podTemplates));
  }

  /** Demand of workloads and what node pools must host. */
  public get capacity(): CapacityPlan {
    return (this.cachedPlan ??= capacityPlan(this.index));
  }
}

/** A check over the whole set of objects. */
export interface Rule {
  /** Stable kebab-case id, shown with every problem (e.g. `keda-single-autoscaler`). */
  readonly id: string;
  readonly severity: Severity;
  /** One paragraph for docs/reference/rules.md: what it checks and why. */
  readonly doc: string;
  check(ctx: RuleContext): Problem[];
}

/** A problem of `rule` about `r` at JSON pointer `path`. */
export function report(rule: Pick<Rule, 'id' | 'severity'>, r: Resource, path: string, message: string): Problem {
  return problemAt(r, rule.id, rule.severity, path, message);
}
