// The namespaces apps render into: which ones every cluster already has, and the Pod Security level of the others.
import type { App, Environment } from './model/environment.js';

/** Namespaces every cluster has: never rendered (a GitOps engine would otherwise own, and could prune, them) nor labelled. */
export const BUILTIN_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** A Pod Security Standards level. */
export type PodSecurityLevel = NonNullable<App['podSecurity']>;

/**
 * The Pod Security level the app's namespace enforces: the app's `podSecurity`, else the environment's
 * `podSecurity.enforce`; undefined in a built-in namespace, whose labels are the cluster's.
 */
export function podSecurityLevel(env: Environment, app: App): PodSecurityLevel | undefined {
  if (BUILTIN_NAMESPACES.has(app.namespace)) return undefined;
  return app.podSecurity ?? env.podSecurity.enforce;
}
