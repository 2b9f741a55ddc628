// 25-mesh: the Istio objects of the environment itself (apps' routing is 40-routing).
import { OrderedChart, type OrderedChartProps } from '../ordered-chart.js';
import type { Construct } from 'constructs';
import type { Environment } from '../../src/config/model/environment.js';
import { EastWestGateway } from './east-west-gateway.js';
import { IngressGateway } from './ingress-gateway.js';
import { MeshMtls } from './mesh-mtls.js';

/** Props of MeshChart. */
export interface MeshChartProps extends OrderedChartProps {
  /** The checked environment (mesh.enabled). */
  readonly env: Environment;
}

/** PeerAuthentication, the ingress Gateway and, in a multi-network mesh, the cross-network Gateway. */
export class MeshChart extends OrderedChart {
  public constructor(scope: Construct, id: string, props: MeshChartProps) {
    super(scope, id, props);
    const { mesh } = props.env;
    new MeshMtls(this, 'mtls', { env: props.env });
    if (mesh.gateway) new IngressGateway(this, 'ingress', { gateway: mesh.gateway });
    if (mesh.multiCluster?.eastWestGateway) new EastWestGateway(this, 'east-west', { multiCluster: mesh.multiCluster });
  }
}
