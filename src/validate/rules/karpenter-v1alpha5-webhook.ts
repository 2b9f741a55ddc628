import { escapePointer } from '../../json-pointer.js';
import { arr, isRecord } from '../../manifest/object-index.js';
import { parseQuantity } from '../../manifest/quantity.js';
import { isQualifiedName, isValidLabelValue } from '../apiserver/names.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);

/**
 * Checks of Karpenter's v1alpha5 Provisioner webhook that its CRD schema does not carry: Provisioner.Validate
 * (kubernetes-sigs/karpenter, then aws/karpenter-core, v0.31.5 pkg/apis/v1alpha5/provisioner_validation.go), as its
 * suite_test.go "Validation" cases exercise it (test/fixtures/peers/karpenter/v1alpha5_provisioner_validation_test.yaml).
 */
export const karpenterV1alpha5Webhook: Rule = {
  id: 'karpenter-v1alpha5-webhook',
  severity: 'error',
  doc:
    "Provisioner (karpenter.sh/v1alpha5) checks that live in Karpenter's webhook rather than its schema: " +
    '`ttlSecondsAfterEmpty` and `consolidation.enabled: true` are mutually exclusive; exactly one of `provider` and ' +
    '`providerRef`; TTLs are not negative; labels have qualified keys and valid values outside the restricted domains ' +
    '(`kubernetes.io`, `k8s.io`, `karpenter.sh`, `karpenter.k8s.aws` but for the well-known labels and the ' +
    '`kops.k8s.io`, `node.kubernetes.io`, `node-restriction.kubernetes.io` exceptions); taints have qualified keys and ' +
    'values, a known effect, and no key/effect pair twice across `taints` and `startupTaints`; requirements do not use ' +
    'the restricted `karpenter.sh/provisioner-name` key or a restricted domain, use a supported operator, valid values, ' +
    'give `In` at least one value and `Gt`/`Lt` exactly one non-negative integer; `kubeletConfiguration` uses supported ' +
    'eviction signals with percentages of 0 to 100 or quantities, reserves only cpu, memory, ephemeral-storage and pid, ' +
    'keeps imageGCHighThresholdPercent above imageGCLowThresholdPercent and pairs every evictionSoft with an ' +
    'evictionSoftGracePeriod. Without the webhook (or with it failing open) Karpenter rejects the Provisioner only in ' +
    'its logs.',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('karpenter.sh', 'Provisioner')) {
      const spec = isRecord(r.body.spec) ? r.body.spec : {};
      const add = (path: string, message: string) => out.push(report(this, r, path, message));
      if (spec.ttlSecondsAfterEmpty !== undefined && spec.consolidation?.enabled === true)
        add(
          '/spec/ttlSecondsAfterEmpty',
          `ttlSecondsAfterEmpty (${spec.ttlSecondsAfterEmpty}) and consolidation.enabled (true) are mutually exclusive`,
        );
      if (spec.provider !== undefined && spec.providerRef !== undefined) add('/spec/providerRef', 'provider and providerRef are mutually exclusive');
      if (spec.provider === undefined && spec.providerRef === undefined)
        add('/spec/providerRef', 'expected exactly one of provider and providerRef, got neither');
      for (const f of ['ttlSecondsAfterEmpty', 'ttlSecondsUntilExpired'] as const) {
        if (typeof spec[f] === 'number' && spec[f] < 0) add(`/spec/${f}`, `${f} (${spec[f]}) cannot be negative`);
      }
      labelProblems(spec.labels, add);
      taintProblems(spec, add);
      for (const [i, req] of arr(spec.requirements).entries()) requirementProblems(req, `/spec/requirements/${i}`, add);
      if (isRecord(spec.kubeletConfiguration)) kubeletProblems(spec.kubeletConfiguration, '/spec/kubeletConfiguration', add);
    }
    return out;
  },
};

type Add = (path: string, message: string) => void;

const PROVISIONER_NAME = 'karpenter.sh/provisioner-name';
// labels.go (kubernetes-sigs/karpenter v0.31.5 pkg/apis/v1alpha5) with the AWS provider's additions
// (aws/karpenter-provider-aws v0.31.5 pkg/apis/v1alpha1/register.go init)
const RESTRICTED_DOMAINS = ['kubernetes.io', 'k8s.io', 'karpenter.sh', 'karpenter.k8s.aws'];
const DOMAIN_EXCEPTIONS = new Set(['kops.k8s.io', 'node.kubernetes.io', 'node-restriction.kubernetes.io']);
const AWS_LABELS = [
  'instance-hypervisor',
  'instance-encryption-in-transit-supported',
  'instance-category',
  'instance-family',
  'instance-generation',
  'instance-size',
  'instance-local-nvme',
  'instance-cpu',
  'instance-memory',
  'instance-network-bandwidth',
  'instance-pods',
  'instance-gpu-name',
  'instance-gpu-manufacturer',
  'instance-gpu-count',
  'instance-gpu-memory',
  'instance-accelerator-name',
  'instance-accelerator-manufacturer',
  'instance-accelerator-count',
].map((l) => `karpenter.k8s.aws/${l}`);
const WELL_KNOWN = new Set([
  PROVISIONER_NAME,
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'node.kubernetes.io/instance-type',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'karpenter.sh/capacity-type',
  'node.kubernetes.io/windows-build',
  ...AWS_LABELS,
]);
const RESTRICTED_LABELS = new Set(['karpenter.sh/emptiness-timestamp', 'kubernetes.io/hostname']);
const NORMALIZED: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'beta.kubernetes.io/arch': 'kubernetes.io/arch',
  'beta.kubernetes.io/os': 'kubernetes.io/os',
  'beta.kubernetes.io/instance-type': 'node.kubernetes.io/instance-type',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
};
const EVICTION_SIGNALS = new Set([
  'memory.available',
  'nodefs.available',
  'nodefs.inodesFree',
  'imagefs.available',
  'imagefs.inodesFree',
  'pid.available',
]);
const RESERVED = new Set(['cpu', 'memory', 'ephemeral-storage', 'pid']);
const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute', '']);

/** IsRestrictedLabel: not a well-known label, and in a restricted domain (but not an exception) or a restricted label. */
function restrictedLabel(key: string): boolean {
  if (WELL_KNOWN.has(key)) return false;
  const domain = key.includes('/') ? key.slice(0, key.indexOf('/')) : '';
  if (DOMAIN_EXCEPTIONS.has(domain)) return false;
  return RESTRICTED_DOMAINS.some((d) => domain.endsWith(d)) || RESTRICTED_LABELS.has(key);
}

/** validateLabels. */
function labelProblems(labels: unknown, add: Add): void {
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const at = `/spec/labels/${escapePointer(key)}`;
    if (key === PROVISIONER_NAME) add(at, `label ${key} is restricted`);
    for (const e of isQualifiedName(key)) add(at, `invalid label key ${JSON.stringify(key)}: ${e}`);
    for (const e of isValidLabelValue(String(value))) add(at, `invalid label value ${JSON.stringify(value)}: ${e}`);
    if (restrictedLabel(key))
      add(at, `label ${key} is restricted; specify a well known label or a custom label that does not use a restricted domain`);
  }
}

/** validateTaints: keys, values and effects, and no key/effect pair twice across taints and startupTaints. */
function taintProblems(spec: Record<string, any>, add: Add): void {
  const seen = new Set<string>();
  for (const field of ['taints', 'startupTaints'] as const) {
    for (const [i, t] of arr(spec[field]).entries()) {
      const at = `/spec/${field}/${i}`;
      const key = typeof t?.key === 'string' ? t.key : '';
      for (const e of isQualifiedName(key)) add(`${at}/key`, `invalid taint key ${JSON.stringify(key)}: ${e}`);
      if (typeof t?.value === 'string' && t.value !== '')
        for (const e of isQualifiedName(t.value)) add(`${at}/value`, `invalid taint value ${JSON.stringify(t.value)}: ${e}`);
      if (!EFFECTS.has(t?.effect ?? '')) add(`${at}/effect`, `invalid taint effect ${JSON.stringify(t?.effect)}`);
      const pair = `${key}=${t?.effect ?? ''}`;
      if (seen.has(pair)) add(at, `duplicate taint key/effect pair ${key}:${t?.effect ?? ''}`);
      seen.add(pair);
    }
  }
}

/** validateRequirements and ValidateRequirement. */
function requirementProblems(req: any, path: string, add: Add): void {
  const key = NORMALIZED[req?.key] ?? (typeof req?.key === 'string' ? req.key : '');
  const values = arr(req?.values);
  if (req?.key === PROVISIONER_NAME) add(`${path}/key`, `requirement key "${PROVISIONER_NAME}" is restricted`);
  else if (restrictedLabel(key))
    add(`${path}/key`, `requirement key ${key} is restricted; specify a well known label or a custom label that does not use a restricted domain`);
  for (const e of isQualifiedName(key)) add(`${path}/key`, `key ${key} is not a qualified name, ${e}`);
  if (!OPERATORS.has(req?.operator)) add(`${path}/operator`, `operator "${req?.operator}" of key ${key} is not one of ${[...OPERATORS].join(', ')}`);
  for (const [j, v] of values.entries())
    for (const e of isValidLabelValue(String(v))) add(`${path}/values/${j}`, `invalid value ${v} for key ${key}, ${e}`);
  if (req?.operator === 'In' && values.length === 0) add(`${path}/values`, `key ${key} with operator In must have a value`);
  if ((req?.operator === 'Gt' || req?.operator === 'Lt') && !(values.length === 1 && /^\+?\d+$/.test(String(values[0]))))
    add(`${path}/values`, `key ${key} with operator ${req.operator} must have a single non-negative integer value (got ${JSON.stringify(values)})`);
}

/** validateKubeletConfiguration: eviction signals and thresholds, reserved resources, GC thresholds, soft pairs. */
function kubeletProblems(kc: Record<string, any>, path: string, add: Add): void {
  for (const field of ['evictionHard', 'evictionSoft'] as const) {
    if (!isRecord(kc[field])) continue;
    for (const [k, v] of Object.entries(kc[field])) {
      const at = `${path}/${field}/${escapePointer(k)}`;
      if (!EVICTION_SIGNALS.has(k)) add(at, `${k} is not a supported eviction signal (${[...EVICTION_SIGNALS].join(', ')})`);
      const value = String(v);
      if (value.endsWith('%')) {
        const p = Number(value.replace(/^%+|%+$/g, ''));
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.replace(/^%+|%+$/g, '')))
          add(at, `${value} could not be parsed as a percentage value`);
        else if (p < 0) add(at, `${value}: percentage values cannot be negative`);
        else if (p > 100) add(at, `${value}: percentage values cannot be greater than 100`);
      } else if (parseQuantity(value) === undefined) add(at, `${value} could not be parsed as a resource quantity`);
    }
  }
  for (const field of ['kubeReserved', 'systemReserved'] as const) {
    if (!isRecord(kc[field])) continue;
    for (const [k, v] of Object.entries(kc[field])) {
      const at = `${path}/${field}/${escapePointer(k)}`;
      if (!RESERVED.has(k)) add(at, `${k} is not a supported reserved resource (${[...RESERVED].join(', ')})`);
      if ((parseQuantity(v) ?? 0) < 0) add(at, `${String(v)}: value cannot be a negative resource quantity`);
    }
  }
  const high = kc.imageGCHighThresholdPercent;
  const low = typeof kc.imageGCLowThresholdPercent === 'number' ? kc.imageGCLowThresholdPercent : 0;
  if (typeof high === 'number' && high < low) {
    add(`${path}/imageGCHighThresholdPercent`, 'must be greater than imageGCLowThresholdPercent');
    add(`${path}/imageGCLowThresholdPercent`, 'must be less than imageGCHighThresholdPercent');
  }
  const soft = isRecord(kc.evictionSoft) ? Object.keys(kc.evictionSoft) : [];
  const grace = isRecord(kc.evictionSoftGracePeriod) ? Object.keys(kc.evictionSoftGracePeriod) : [];
  for (const k of grace) {
    if (!EVICTION_SIGNALS.has(k)) add(`${path}/evictionSoftGracePeriod/${escapePointer(k)}`, `${k} is not a supported eviction signal`);
    if (!soft.includes(k)) add(`${path}/evictionSoftGracePeriod/${escapePointer(k)}`, `${k} does not have a matching evictionSoft threshold value`);
  }
  for (const k of soft)
    if (!grace.includes(k)) add(`${path}/evictionSoft/${escapePointer(k)}`, `${k} does not have a matching evictionSoftGracePeriod`);
}
