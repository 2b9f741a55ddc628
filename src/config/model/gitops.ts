// How the rendered output reaches the cluster: Argo CD or Flux, and the operators they install.
import { Type } from '@sinclair/typebox';
import { fleetValuesDoc } from '../fleet-values.js';
import { Obj, Opt } from './common.js';

/** One folder name of a deploy path: not `.` or `..`, not `.git` or anything starting with it (`.gitops`, `.github` too). */
const DEPLOY_SEGMENT = String.raw`(?!\.git)(?!\.\.?(/|$))[^/\\]+`;

/**
 * The deploy path rule, for the schema and for publish (which replaces that folder in a clone of the deploy repo):
 * relative, inside the repository, never the repository itself (`.`, `./`) nor its `.git`.
 */
export const DEPLOY_PATH_PATTERN = `^${DEPLOY_SEGMENT}(/${DEPLOY_SEGMENT})*/?$`;

/** Whether `path` is a folder publish may replace inside the deploy repository. */
export function isSafeDeployPath(path: string): boolean {
  return new RegExp(DEPLOY_PATH_PATTERN, 'u').test(path);
}

const OperatorToggle = (what: string) =>
  Type.Union([Type.Boolean(), Type.Literal('auto')], {
    default: 'auto',
    description: `install ${what} from its pinned Helm chart (auto: when the environment uses it)`,
  });

export const GitopsSchema = Obj(
  {
    engine: Type.Union([Type.Literal('argocd'), Type.Literal('flux'), Type.Literal('none')], {
      default: 'argocd',
      description: 'what applies the output: Argo CD Applications, Flux Kustomizations, or nothing rendered for delivery',
    }),
    repo: Obj(
      {
        url: Type.String({ minLength: 1, description: 'deploy repository that holds the rendered dist/' }),
        branch: Type.String({ default: 'main', description: 'branch of the deploy repository' }),
        path: Opt(
          Type.String({
            pattern: DEPLOY_PATH_PATTERN,
            description:
              'a relative folder inside the deploy repo (default: dist/<env>); no leading /, no . or .. folders, no folder starting with .git',
          }),
        ),
      },
      { description: 'the deploy repository the rendered folder is published to and synced from' },
    ),
    namespace: Opt(Type.String({ description: 'namespace of Argo CD (argocd) or Flux (flux-system)' })),
    destination: Type.String({ default: 'https://kubernetes.default.svc', description: 'cluster API server (argocd destination.server)' }),
    sync: Type.Union([Type.Literal('automated'), Type.Literal('manual')], {
      default: 'automated',
      description: 'automated: prune and self-heal; manual: nothing is applied until a person syncs (Flux: suspend)',
    }),
    delivery: Type.Union([Type.Literal('rendered'), Type.Literal('hydrator')], {
      default: 'rendered',
      description:
        'rendered: CI renders and `elastic-gitops publish` commits the output to repo; hydrator: Argo CD 3.5+ Source Hydrator renders the environment from the config repo with the elastic-gitops plugin and commits it to repo (engine argocd)',
    }),
    hydrator: Opt(
      Obj(
        {
          dryRepo: Type.String({
            minLength: 1,
            description: 'the config repository Argo CD renders from: environments/ (and dist/<env>/argocd, committed) at its top level',
          }),
          dryRevision: Type.String({ default: 'HEAD', description: 'branch, tag or commit of dryRepo to render' }),
          hydrateTo: Opt(
            Type.String({
              minLength: 1,
              description: 'branch the hydrator commits to instead of repo.branch: promote by merging it into repo.branch',
            }),
          ),
          image: Type.String({ minLength: 1, description: 'image of the plugin sidecar of the repo-server: node and `elastic-gitops` on the PATH' }),
        },
        { description: 'Source Hydrator settings (delivery: hydrator)' },
      ),
    ),
    fleet: Opt(
      Obj(
        {
          clusterSelector: Type.Record(Type.String(), Type.String(), {
            minProperties: 1,
            description: 'labels of the Argo CD cluster Secrets of the fleet',
          }),
        },
        {
          description: `one environment applied to every Argo CD cluster the selector matches (engine argocd); each cluster's own values come from its cluster Secret: ${fleetValuesDoc()}`,
        },
      ),
    ),
    operators: Type.Object(
      {
        keda: OperatorToggle('KEDA'),
        karpenter: OperatorToggle('Karpenter'),
        kubePrometheusStack: OperatorToggle('kube-prometheus-stack (operator and exporters)'),
        prometheusAdapter: OperatorToggle('prometheus-adapter'),
        metricsServer: OperatorToggle('metrics-server'),
        istio: OperatorToggle('Istio (base, CNI, istiod, gateways)'),
        karmada: OperatorToggle('Karmada'),
        knative: OperatorToggle('the Knative operator'),
      },
      { additionalProperties: false, default: {}, description: 'true, false, or auto (installed when the environment uses it)' },
    ),
  },
  { description: 'GitOps delivery' },
);
