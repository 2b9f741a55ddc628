import { escapePointer } from '../../json-pointer.js';
import { arr, isRecord } from '../../manifest/object-index.js';
import { parseQuantity } from '../../manifest/quantity.js';
import type { Problem } from '../types.js';
import { report, type Rule } from './rule.js';

// aws/karpenter-provider-aws v0.31.5 pkg/apis/v1alpha1: awsnodetemplate_validation.go and provider_validation.go
const AMI_FAMILIES = ['Bottlerocket', 'AL2', 'Ubuntu', 'Windows2019', 'Windows2022', 'Custom'];
const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3'];
const METADATA_ENUMS: Record<string, string[]> = {
  httpEndpoint: ['disabled', 'enabled'],
  httpProtocolIPv6: ['disabled', 'enabled'],
  httpTokens: ['optional', 'required'],
};
/** RestrictedTagPatterns (register.go): the tags Karpenter sets itself. */
const RESTRICTED_TAGS = [/^kubernetes\.io\/cluster\/[0-9A-Za-z][A-Za-z0-9\-_]*$/, /^karpenter\.sh\/provisioner-name$/, /^karpenter\.sh\/managed-by$/];
const ID_PATTERNS: Record<string, RegExp> = {
  subnetSelector: /subnet-[0-9a-z]+/,
  securityGroupSelector: /sg-[0-9a-z]+/,
  amiSelector: /ami-[0-9a-z]+/,
};
const MIN_VOLUME = 1e9;
const MAX_VOLUME = 64e12;

/**
 * Checks of the v1alpha1 AWSNodeTemplate webhook that its CRD schema does not carry: AWSNodeTemplate.Validate (aws/
 * karpenter-provider-aws v0.31.5), as its pkg/apis/v1alpha1/suite_test.go "Validation" cases exercise it
 * (test/fixtures/peers/karpenter/v1alpha1_awsnodetemplate_validation_test.yaml).
 */
export const karpenterAwsNodeTemplateWebhook: Rule = {
  id: 'karpenter-awsnodetemplate-webhook',
  severity: 'error',
  doc:
    "AWSNodeTemplate (karpenter.k8s.aws/v1alpha1) checks that live in Karpenter's webhook rather than its schema: a " +
    '`subnetSelector`, and a `securityGroupSelector` unless `launchTemplate` is set, which excludes `securityGroupSelector`, ' +
    '`metadataOptions`, `amiFamily`, `instanceProfile`, `blockDeviceMappings`, `userData` and `amiSelector`; selectors ' +
    'without empty keys or values, whose `aws-ids`/`aws::ids` filter holds valid ids and stands alone; `amiFamily` ' +
    'one of the supported families, `Custom` with an `amiSelector`; `metadataOptions` enums and a hop limit of 1 to 64; ' +
    'block device mappings with a `deviceName` and an `ebs` of a known `volumeType` and a `volumeSize` of 1G to 64T ' +
    '(or a `snapshotID`); no empty tag key and none of the tags Karpenter sets itself (`kubernetes.io/cluster/<name>`, ' +
    '`karpenter.sh/provisioner-name`, `karpenter.sh/managed-by`).',
  check(ctx) {
    const out: Problem[] = [];
    for (const r of ctx.index.of('karpenter.k8s.aws', 'AWSNodeTemplate')) {
      const spec = isRecord(r.body.spec) ? r.body.spec : {};
      const add = (path: string, message: string) => out.push(report(this, r, path, message));
      if (spec.launchTemplate !== undefined) {
        for (const f of ['securityGroupSelector', 'metadataOptions', 'amiFamily', 'instanceProfile', 'userData', 'amiSelector'])
          if (spec[f] !== undefined) add(`/spec/${f}`, `expected exactly one of launchTemplate and ${f}, got both`);
        if (arr(spec.blockDeviceMappings).length > 0)
          add('/spec/blockDeviceMappings', 'expected exactly one of launchTemplate and blockDeviceMappings, got both');
      }
      if (spec.subnetSelector === undefined) add('/spec/subnetSelector', 'missing field(s): subnetSelector');
      if (spec.securityGroupSelector === undefined && spec.launchTemplate === undefined)
        add('/spec/securityGroupSelector', 'missing field(s): securityGroupSelector');
      for (const f of ['subnetSelector', 'securityGroupSelector', 'amiSelector'] as const) selectorProblems(spec[f], f, add);
      if (isRecord(spec.tags)) {
        for (const k of Object.keys(spec.tags)) {
          const at = `/spec/tags/${escapePointer(k)}`;
          if (k === '') add(at, "empty tag keys aren't supported");
          for (const p of RESTRICTED_TAGS) if (p.test(k)) add(at, `tag contains a restricted tag matching ${JSON.stringify(p.source)}`);
        }
      }
      if (isRecord(spec.metadataOptions)) {
        const m = spec.metadataOptions;
        for (const [f, values] of Object.entries(METADATA_ENUMS))
          if (m[f] !== undefined && !values.includes(m[f])) add(`/spec/metadataOptions/${f}`, `${m[f]} not in ${values.join(', ')}`);
        const hop = m.httpPutResponseHopLimit;
        if (typeof hop === 'number' && (hop < 1 || hop > 64))
          add('/spec/metadataOptions/httpPutResponseHopLimit', `${hop} is out of bounds: 1 <= value <= 64`);
      }
      if (spec.amiFamily !== undefined && !AMI_FAMILIES.includes(spec.amiFamily))
        add('/spec/amiFamily', `${spec.amiFamily} not in ${AMI_FAMILIES.join(', ')}`);
      if (spec.amiFamily === 'Custom' && spec.amiSelector === undefined)
        add('/spec/amiSelector', 'missing field(s): amiSelector (amiFamily is Custom)');
      for (const [i, b] of arr(spec.blockDeviceMappings).entries()) {
        const at = `/spec/blockDeviceMappings/${i}`;
        if (b?.deviceName === undefined) add(`${at}/deviceName`, 'missing field(s): deviceName');
        if (!isRecord(b?.ebs)) {
          add(`${at}/ebs`, 'missing field(s): ebs');
          continue;
        }
        if (b.ebs.volumeType !== undefined && !VOLUME_TYPES.includes(b.ebs.volumeType))
          add(`${at}/ebs/volumeType`, `${b.ebs.volumeType} not in ${VOLUME_TYPES.join(', ')}`);
        if (b.ebs.volumeSize === undefined) {
          if (b.ebs.snapshotID === undefined) add(`${at}/ebs/volumeSize`, 'missing field(s): volumeSize');
        } else {
          const size = parseQuantity(b.ebs.volumeSize);
          if (size !== undefined && (size < MIN_VOLUME || size > MAX_VOLUME))
            add(`${at}/ebs/volumeSize`, `${b.ebs.volumeSize} is out of bounds: 1G <= value <= 64T`);
        }
      }
    }
    return out;
  },
};

/** validateSubnets, validateSecurityGroups, validateAMISelector: no empty key or value; an id filter of valid ids alone. */
function selectorProblems(selector: unknown, field: string, add: (path: string, message: string) => void): void {
  if (!isRecord(selector)) return;
  let idKey: string | undefined;
  for (const [k, v] of Object.entries(selector)) {
    const at = `/spec/${field}/${escapePointer(k)}`;
    if (k === '' || v === '') add(at, `invalid value "" in ${field}['${k}']`);
    if (k === 'aws-ids' || k === 'aws::ids') {
      idKey = k;
      for (const id of String(v)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''))
        if (!ID_PATTERNS[field]!.test(id)) add(at, `"${id}" in ${field}['${k}'] must be a valid id (regex: ${ID_PATTERNS[field]!.source})`);
    }
  }
  if (idKey !== undefined && Object.keys(selector).length > 1)
    add(`/spec/${field}`, `"${idKey}" filter is mutually exclusive, cannot be set with a combination of other filters in ${field}`);
}
