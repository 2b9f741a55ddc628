// Multi-network mesh: the cross-network Gateway that exposes every *.local service through the east-west gateway.
import { Construct } from 'constructs';
import { Gateway, GatewaySpecServersTlsMode as TlsMode } from '../../imports/networking.istio.io.js';
import type { Environment } from '../../src/config/model/environment.js';
import { ISTIO_NAMESPACE } from './istio-system.js';

/** Props of EastWestGateway. */
export interface EastWestGatewayProps {
  /** `mesh.multiCluster` of the environment. */
  readonly multiCluster: NonNullable<Environment['mesh']['multiCluster']>;
}

/**
 * `cross-network-gateway` in istio-system: TLS with AUTO_PASSTHROUGH (SNI-routed mTLS from the other networks' sidecars)
 * on the east-west gateway pods, for the hosts `*.local` (istio/istio samples/multicluster/expose-services.yaml).
 */
export class EastWestGateway extends Construct {
  public constructor(scope: Construct, id: string, props: EastWestGatewayProps) {
    super(scope, id);
    const mc = props.multiCluster;
    new Gateway(this, 'gateway', {
      // unlabelled, as Istio's sample: the same object serves every cluster of a fleet, whatever its network
      metadata: { name: 'cross-network-gateway', namespace: ISTIO_NAMESPACE },
      spec: {
        selector: { ...mc.eastWestSelector },
        servers: [
          { port: { number: mc.eastWestPort, name: 'tls', protocol: 'TLS' }, tls: { mode: TlsMode.AUTO_UNDERSCORE_PASSTHROUGH }, hosts: ['*.local'] },
        ],
      },
    });
  }
}
