// Argo CD's Source Hydrator (Argo CD 3.5+) as the delivery of the workloads: Argo CD renders the environment from the
// config repository with the elastic-gitops Config Management Plugin (a sidecar of the repo-server) and commits the
// result to the deploy repository, where publish would have written it. The plugin's configuration and the sidecar
// patch ship in one ConfigMap of the Argo CD folder.
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s.js';
import type { ApplicationSpecSourceHydrator } from '../../imports/argoproj.io.js';
import type { Delivery, Environment, Hydrator } from '../../src/config/model/environment.js';
import { deployPath } from './gitops-naming.js';

/** Name of the Config Management Plugin (drySource.plugin.name) and of its ConfigMap. */
export const PLUGIN_NAME = 'elastic-gitops';
export const PLUGIN_CONFIGMAP = 'argocd-cmp-elastic-gitops';
/** The plugin env entry naming the environment: Argo CD passes it to the generate command as ARGOCD_ENV_ENVIRONMENT. */
export const PLUGIN_ENV = 'ENVIRONMENT';

/**
 * `spec.sourceHydrator` of the workloads Application: the dry source is the config repository rendered by the plugin
 * for this environment, the sync source the deploy repository's branch and folder (`publish`'s target), optionally
 * hydrated to a staging branch first.
 */
export function sourceHydrator(env: Environment, g: Delivery, h: Hydrator): ApplicationSpecSourceHydrator {
  return {
    drySource: {
      repoUrl: h.dryRepo,
      targetRevision: h.dryRevision,
      path: '.',
      plugin: { name: PLUGIN_NAME, env: [{ name: PLUGIN_ENV, value: env.envName }] },
    },
    syncSource: { repoUrl: g.repo.url, targetBranch: g.repo.branch, path: deployPath(env) },
    ...(h.hydrateTo ? { hydrateTo: { targetBranch: h.hydrateTo } } : {}),
  };
}

/**
 * The plugin's `plugin.yaml` (a ConfigManagementPlugin, read by the sidecar's argocd-cmp-server): generate renders one
 * environment to stdout, in the working directory Argo CD gives it (the dry source's path, the repository's top level).
 * See argo-cd docs/operator-manual/config-management-plugins.md.
 */
export function pluginConfig(): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ConfigManagementPlugin',
    metadata: { name: PLUGIN_NAME },
    spec: {
      version: 'v1',
      generate: { command: ['sh', '-c'], args: [`elastic-gitops render --workloads "$ARGOCD_ENV_${PLUGIN_ENV}"`] },
      preserveFileMode: false,
    },
  };
}

/**
 * Strategic-merge patch of the `argocd-repo-server` Deployment adding the plugin sidecar, as Argo CD's docs register a
 * plugin: the argocd-cmp-server entrypoint from the shared `var-files` volume, the `plugins` socket folder, plugin.yaml
 * from the ConfigMap, a scratch /tmp, user 999.
 */
export function repoServerPatch(h: Hydrator): Record<string, unknown> {
  return {
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: PLUGIN_NAME,
              image: h.image,
              command: ['/var/run/argocd/argocd-cmp-server'],
              securityContext: { runAsNonRoot: true, runAsUser: 999, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true },
              volumeMounts: [
                { name: 'var-files', mountPath: '/var/run/argocd' },
                { name: 'plugins', mountPath: '/home/argocd/cmp-server/plugins' },
                { name: PLUGIN_CONFIGMAP, mountPath: '/home/argocd/cmp-server/config/plugin.yaml', subPath: 'plugin.yaml' },
                { name: 'cmp-tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: PLUGIN_CONFIGMAP, configMap: { name: PLUGIN_CONFIGMAP } },
            { name: 'cmp-tmp', emptyDir: {} },
          ],
        },
      },
    },
  };
}

/** The one install step, as the ConfigMap's `install` key says it (`ns`: Argo CD's namespace). */
export function installStep(ns: string): string {
  return `kubectl -n ${ns} patch deployment argocd-repo-server --type strategic --patch "$(kubectl -n ${ns} get configmap ${PLUGIN_CONFIGMAP} -o jsonpath='{.data.repo-server-patch\\.yaml}')"`;
}

/** ConfigMap holding plugin.yaml (mounted by the sidecar), the repo-server patch and the install step. */
export class ArgocdHydratorPlugin extends Construct {
  public constructor(scope: Construct, id: string, props: { readonly delivery: Delivery; readonly hydrator: Hydrator }) {
    super(scope, id);
    const { namespace } = props.delivery;
    new k8s.KubeConfigMap(this, 'plugin', {
      metadata: { name: PLUGIN_CONFIGMAP, namespace },
      data: {
        'plugin.yaml': stringify(pluginConfig()),
        'repo-server-patch.yaml': stringify(repoServerPatch(props.hydrator)),
        install: `${installStep(namespace)}\n`,
      },
    });
  }
}
