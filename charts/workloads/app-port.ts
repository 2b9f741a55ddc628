// The port an app's container listens on, when it listens on one (`port: none` renders no port and no default probe).
import type { App } from '../../src/config/model/environment.js';

/** The app's container port, or undefined for `port: none`. */
export function listenPort(app: App): number | undefined {
  return app.port === 'none' ? undefined : app.port;
}

/** The app's container port; the config checks reject a Service, routing or knative on `port: none`, so it is set here. */
export function requiredPort(app: App, what: string): number {
  const port = listenPort(app);
  if (port === undefined) throw new Error(`apps ${app.name}: ${what} needs a port (port is "none")`);
  return port;
}
