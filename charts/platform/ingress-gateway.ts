// The environment's ingress Gateway: plain HTTP (redirecting when TLS is on) and HTTPS with a credential name.
import { Construct } from 'constructs';
import {
  Gateway,
  GatewaySpecServersTlsMinProtocolVersion as TlsVersion,
  GatewaySpecServersTlsMode as TlsMode,
} from '../../imports/networking.istio.io.js';
import type { Environment } from '../../src/config/model/environment.js';

type GatewaySettings = NonNullable<Environment['mesh']['gateway']>;

const TLS_VERSIONS: Record<NonNullable<GatewaySettings['tls']>['minProtocolVersion'], TlsVersion> = {
  TLSV1_2: TlsVersion.TLSV1_UNDERSCORE_2,
  TLSV1_3: TlsVersion.TLSV1_UNDERSCORE_3,
};

/** Props of IngressGateway. */
export interface IngressGatewayProps {
  /** `mesh.gateway` of the environment. */
  readonly gateway: GatewaySettings;
}

/** `namespace/name` by which VirtualServices attach to the environment gateway. */
export function gatewayRef(gateway: Pick<GatewaySettings, 'name' | 'namespace'>): string {
  return `${gateway.namespace}/${gateway.name}`;
}

/** Gateway `<mesh.gateway.name>` in `<mesh.gateway.namespace>` on the ingress gateway pods selected by `selector`. */
export class IngressGateway extends Construct {
  public constructor(scope: Construct, id: string, props: IngressGatewayProps) {
    super(scope, id);
    const g = props.gateway;
    const http = { port: { number: g.httpPort, name: 'http', protocol: 'HTTP' }, hosts: [...g.hosts] };
    new Gateway(this, 'gateway', {
      metadata: { name: g.name, namespace: g.namespace },
      spec: {
        selector: { ...g.selector },
        servers: g.tls
          ? [
              { ...http, tls: { httpsRedirect: g.tls.httpsRedirect } },
              {
                port: { number: g.httpsPort, name: 'https', protocol: 'HTTPS' },
                hosts: [...g.hosts],
                tls: { mode: TlsMode.SIMPLE, credentialName: g.tls.credentialName, minProtocolVersion: TLS_VERSIONS[g.tls.minProtocolVersion] },
              },
            ]
          : [http],
      },
    });
  }
}
