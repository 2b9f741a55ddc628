// Mutual TLS: the mesh-wide PeerAuthentication and the port-level exceptions that let Prometheus scrape app metrics.
import { Construct } from 'constructs';
import {
  PeerAuthentication,
  PeerAuthenticationSpecMtlsMode as Mode,
  PeerAuthenticationSpecPortLevelMtlsMode as PortMode,
} from '../../imports/security.istio.io.js';
import type { App, Environment } from '../../src/config/model/environment.js';
import { appSelector } from '../workloads/labels.js';
import { ISTIO_NAMESPACE } from './istio-system.js';

/** Props of MeshMtls. */
export interface MeshMtlsProps {
  /** The checked environment (mesh.enabled). */
  readonly env: Environment;
}

/** The apps whose separate metrics port needs a PERMISSIVE exception: Prometheus scrapes from outside the mesh. */
export function appsWithMetricsException(env: Environment): { readonly app: App; readonly port: number }[] {
  if (!env.monitoring.enabled || env.mesh.mtls !== 'STRICT') return [];
  return env.apps.flatMap((app) => {
    const port = app.metrics?.port;
    return app.kind === 'deployment' && port !== undefined && port !== app.port ? [{ app, port }] : [];
  });
}

/** `default` PeerAuthentication in the root namespace (mesh.mtls), plus `<app>-metrics` per app with a metrics port. */
export class MeshMtls extends Construct {
  public constructor(scope: Construct, id: string, props: MeshMtlsProps) {
    super(scope, id);
    const { env } = props;
    new PeerAuthentication(this, 'default', {
      metadata: { name: 'default', namespace: ISTIO_NAMESPACE },
      spec: { mtls: { mode: Mode[env.mesh.mtls] } },
    });
    for (const { app, port } of appsWithMetricsException(env)) {
      new PeerAuthentication(this, `metrics-${app.name}`, {
        metadata: { name: `${app.name}-metrics`, namespace: app.namespace },
        spec: {
          selector: { matchLabels: appSelector(app) },
          mtls: { mode: Mode.STRICT },
          portLevelMtls: { [String(port)]: { mode: PortMode.PERMISSIVE } },
        },
      });
    }
  }
}
