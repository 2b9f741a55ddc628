// The CRDs of the custom resources Karmada propagates, on the Karmada API server itself.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CRDS } from '../../imports/crds.js';

/** Props of KarmadaCrds. */
export interface KarmadaCrdsProps {
  /** `group/kind` of each custom resource among the resource templates (templateCrds). */
  readonly kinds: readonly string[];
}

/**
 * The upstream CustomResourceDefinition of each kind (imports/crds.ts, from the pinned CRDs). The Karmada API server
 * is a kube-apiserver without KEDA or prometheus-operator: it accepts a ScaledObject or ServiceMonitor as a resource
 * template only once its CRD is installed there, with no controller reconciling it (Karmada docs
 * https://karmada.io/docs/userguide/cicd/working-with-flux: "In the Karmada Control Plane, you need to install Flux
 * CRDs but do not need controllers to reconcile them. They are treated as resource templates"; tutorials/crd-application:
 * "The CRD should be applied to karmada-apiserver"). The members serve the same CRDs from their own operators.
 */
export class KarmadaCrds extends Construct {
  public constructor(scope: Construct, id: string, props: KarmadaCrdsProps) {
    super(scope, id);
    for (const kind of props.kinds) {
      const crd = CRDS[kind];
      if (!crd) throw new Error(`imports/crds.ts has no CRD of ${kind}: add it to TEMPLATE_CRDS in scripts/import.mjs`);
      new ApiObject(this, kind, crd as ConstructorParameters<typeof ApiObject>[2]);
    }
  }
}
