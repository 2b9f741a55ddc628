// Regenerates imports/ reproducibly with the pinned cdk8s-cli from the cached upstream CRDs (schemas.lock.json):
// only the kinds and versions the charts render, one file per API group. Run: npm run import
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';

/** group → the CRDs to import: source id in schemas.lock.json, kinds, and the one version rendered. */
const IMPORTS = {
  'keda.sh': [
    ['keda/v2.20.2/keda.sh_scaledobjects.yaml', 'ScaledObject', 'v1alpha1'],
    ['keda/v2.20.2/keda.sh_triggerauthentications.yaml', 'TriggerAuthentication', 'v1alpha1'],
  ],
  'karpenter.sh': [
    ['karpenter/v1.14.1/karpenter.sh_nodepools.yaml', 'NodePool', 'v1'],
    ['karpenter/v0.31.5/karpenter.sh_provisioners.yaml', 'Provisioner', 'v1alpha5'],
  ],
  'karpenter.k8s.aws': [
    ['karpenter/v1.14.1/karpenter.k8s.aws_ec2nodeclasses.yaml', 'EC2NodeClass', 'v1'],
    ['karpenter/v0.31.5/karpenter.k8s.aws_awsnodetemplates.yaml', 'AWSNodeTemplate', 'v1alpha1'],
  ],
  'monitoring.coreos.com': [
    ['prometheus-operator/v0.93.0/monitoring.coreos.com_prometheuses.yaml', 'Prometheus', 'v1'],
    ['prometheus-operator/v0.93.0/monitoring.coreos.com_podmonitors.yaml', 'PodMonitor', 'v1'],
    ['prometheus-operator/v0.93.0/monitoring.coreos.com_servicemonitors.yaml', 'ServiceMonitor', 'v1'],
    ['prometheus-operator/v0.93.0/monitoring.coreos.com_prometheusrules.yaml', 'PrometheusRule', 'v1'],
  ],
  'networking.istio.io': [
    ['istio/v1.30.3/customresourcedefinitions.gen.yaml', 'Gateway', 'v1'],
    ['istio/v1.30.3/customresourcedefinitions.gen.yaml', 'VirtualService', 'v1'],
    ['istio/v1.30.3/customresourcedefinitions.gen.yaml', 'DestinationRule', 'v1'],
  ],
  'security.istio.io': [['istio/v1.30.3/customresourcedefinitions.gen.yaml', 'PeerAuthentication', 'v1']],
  'argoproj.io': [
    ['argo-cd/v3.5.1/application-crd.yaml', 'Application', 'v1alpha1'],
    ['argo-cd/v3.5.1/appproject-crd.yaml', 'AppProject', 'v1alpha1'],
  ],
  'source.toolkit.fluxcd.io': [
    ['flux-source-controller/v1.9.1/source.toolkit.fluxcd.io_gitrepositories.yaml', 'GitRepository', 'v1'],
    ['flux-source-controller/v1.9.1/source.toolkit.fluxcd.io_helmrepositories.yaml', 'HelmRepository', 'v1'],
  ],
  'kustomize.toolkit.fluxcd.io': [['flux-kustomize-controller/v1.9.4/kustomize.toolkit.fluxcd.io_kustomizations.yaml', 'Kustomization', 'v1']],
  'helm.toolkit.fluxcd.io': [['flux-helm-controller/v1.6.3/helm.toolkit.fluxcd.io_helmreleases.yaml', 'HelmRelease', 'v2']],
  'policy.karmada.io': [
    ['karmada/v1.18.2/policy.karmada.io_propagationpolicies.yaml', 'PropagationPolicy', 'v1alpha1'],
    ['karmada/v1.18.2/policy.karmada.io_overridepolicies.yaml', 'OverridePolicy', 'v1alpha1'],
  ],
  'autoscaling.karmada.io': [['karmada/v1.18.2/autoscaling.karmada.io_federatedhpas.yaml', 'FederatedHPA', 'v1alpha1']],
  'serving.knative.dev': [['knative-serving/knative-v1.23.0/service.yaml', 'Service', 'v1']],
};

/**
 * CRDs applied to the Karmada API server with the resource templates of their kinds (charts/multicluster/karmada-crds.ts):
 * no operator runs there to install them. Written whole, as upstream ships them, to imports/crds.ts.
 */
const TEMPLATE_CRDS = [
  ['keda/v2.20.2/keda.sh_scaledobjects.yaml', 'ScaledObject'],
  ['keda/v2.20.2/keda.sh_triggerauthentications.yaml', 'TriggerAuthentication'],
  ['prometheus-operator/v0.93.0/monitoring.coreos.com_servicemonitors.yaml', 'ServiceMonitor'],
  ['prometheus-operator/v0.93.0/monitoring.coreos.com_podmonitors.yaml', 'PodMonitor'],
];

execFileSync(process.execPath, ['build/cli.js', 'schemas', 'sync'], { stdio: ['ignore', 'ignore', 'inherit'] });
const lock = JSON.parse(readFileSync('schemas.lock.json', 'utf8')).sources;
const cache = process.env.ELASTIC_GITOPS_CACHE ?? '.cache/schemas';
/** The CustomResourceDefinition of `kind` in a pinned source, as upstream ships it. */
const crdOf = (id, kind) => {
  const source = lock.find((s) => s.id === id);
  const crd = parseAllDocuments(readFileSync(join(cache, `${source.sha256}.yaml`), 'utf8'))
    .map((d) => d.toJS())
    .find((c) => c?.kind === 'CustomResourceDefinition' && c.spec.names.kind === kind);
  if (!crd) throw new Error(`${kind} not found in ${id}`);
  return crd;
};
const work = mkdtempSync(join(tmpdir(), 'eg-import-'));
for (const [group, crds] of Object.entries(IMPORTS)) {
  const docs = crds.map(([id, kind, version]) => {
    const crd = crdOf(id, kind);
    crd.spec.versions = crd.spec.versions.filter((v) => v.name === version);
    if (crd.spec.versions.length !== 1) throw new Error(`${kind} ${version} not found in ${id}`);
    return stringify(crd, { lineWidth: 0 });
  });
  const file = join(work, `${group}.yaml`);
  writeFileSync(file, docs.join('---\n'));
  execFileSync('npx', ['cdk8s', 'import', file, '--output', 'imports', '--language', 'typescript', '--no-save', '--check-upgrade=false'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
rmSync(work, { recursive: true, force: true });
const crds = Object.fromEntries(
  TEMPLATE_CRDS.map(([id, kind]) => {
    const crd = crdOf(id, kind);
    return [`${crd.spec.group}/${kind}`, crd];
  }),
);
writeFileSync(
  'imports/crds.ts',
  `// Generated by scripts/import.mjs from the pinned CRDs (schemas.lock.json): ${TEMPLATE_CRDS.map(([id]) => id).join(', ')}. Do not edit.\n` +
    `/** Upstream CustomResourceDefinitions by \`group/kind\`. */\n` +
    `export const CRDS: Readonly<Record<string, Record<string, unknown>>> = ${JSON.stringify(crds, null, 2)};\n`,
);
