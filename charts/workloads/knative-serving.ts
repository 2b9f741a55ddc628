// The KnativeServing object that makes the Knative operator install Knative Serving (its serving.knative.dev CRDs,
// controllers and networking layer): Istio's ingress when the mesh is on, Kourier otherwise.
// Fields as in knative/operator config/crd/bases/operator.knative.dev_knativeservings.yaml (knative-v1.23.0) and
// https://knative.dev/docs/install/operator/knative-with-operators/ ("Install the networking layer").
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';

/** Name and namespace of the one KnativeServing the Knative operator reconciles (the docs' and operator's default). */
export const KNATIVE_SERVING = { name: 'knative-serving', namespace: 'knative-serving' } as const;

/** The Knative ingress class of each networking layer (config-network `ingress-class`). */
export const KNATIVE_INGRESS_CLASS = {
  istio: 'istio.ingress.networking.knative.dev',
  kourier: 'kourier.ingress.networking.knative.dev',
} as const;

/** Props of KnativeServing. */
export interface KnativeServingProps {
  /** The checked environment: its mesh picks the ingress. */
  readonly env: Environment;
}

/** `knative-serving/knative-serving` (operator.knative.dev/v1beta1 KnativeServing). */
export class KnativeServing extends Construct {
  public constructor(scope: Construct, id: string, props: KnativeServingProps) {
    super(scope, id);
    const ingress = props.env.mesh.enabled ? 'istio' : 'kourier';
    new ApiObject(this, 'serving', {
      apiVersion: 'operator.knative.dev/v1beta1',
      kind: 'KnativeServing',
      metadata: { ...KNATIVE_SERVING },
      spec: {
        ingress: { [ingress]: { enabled: true } },
        config: { network: { 'ingress-class': KNATIVE_INGRESS_CLASS[ingress] } },
      },
    });
  }
}
