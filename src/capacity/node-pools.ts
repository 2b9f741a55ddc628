// Karpenter NodePools (karpenter.sh v1/v1beta1) and Provisioners (v1alpha5) read into one shape.
import { parseQuantity } from '../manifest/quantity.js';
import { arr, isRecord, type ObjectIndex, type Resource } from '../manifest/object-index.js';
import { INSTANCE_LABEL_KEYS, INSTANCE_TYPES, instanceLabels, normalizeLabelKey, type InstanceType } from './ec2-instance-types.js';

/** A node selector requirement (key normalized). */
export interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

export interface NodePool {
  readonly resource: Resource;
  readonly api: 'v1' | 'v1alpha5';
  /** Requirements, including the v1alpha5 AWS defaults for keys the Provisioner leaves open. */
  readonly requirements: readonly Requirement[];
  /** Labels every node of the pool gets. */
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Pool limits (cores, bytes); undefined = unlimited. */
  readonly limits: { readonly cpu?: number; readonly memory?: number };
  /** JSON pointer of the limits, for messages. */
  readonly limitsPath: string;
  readonly weight: number;
  /** Known instance types the pool allows. */
  readonly types: readonly InstanceType[];
  /** False when the pool allows types missing from the table (its largest type is then unknown). */
  readonly typesKnown: boolean;
}

/** v1alpha5 defaults of the AWS provider (v0.27–v0.31) for keys a Provisioner does not constrain. */
const V1ALPHA5_DEFAULTS: readonly Requirement[] = [
  { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
  { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['2'] },
  { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
  { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
];

/** Every NodePool and Provisioner of the set (read once per set: the capacity rules and the apply order share them). */
export function nodePools(index: ObjectIndex): readonly NodePool[] {
  let pools = POOLS.get(index);
  if (!pools) {
    pools = [
      ...index.of('karpenter.sh', 'NodePool').map((r) => fromNodePool(r)),
      ...index.of('karpenter.sh', 'Provisioner').map((r) => fromProvisioner(r)),
    ];
    POOLS.set(index, pools);
  }
  return pools;
}

const POOLS = new WeakMap<ObjectIndex, readonly NodePool[]>();

/** Whether `value` (undefined: label absent) satisfies `req`. */
export function satisfies(value: string | undefined, req: Requirement): boolean {
  switch (req.operator) {
    case 'In':
      return value !== undefined && req.values.includes(value);
    case 'NotIn':
      return value === undefined || !req.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(req.values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(req.values[0]);
    default:
      return false;
  }
}

/** Reads requirements (`key`, `operator`, `values`) with normalized keys. */
export function readRequirements(list: unknown): Requirement[] {
  return arr(list)
    .filter((r) => isRecord(r) && typeof r.key === 'string')
    .map((r) => ({ key: normalizeLabelKey(r.key), operator: String(r.operator ?? ''), values: arr(r.values).map(String) }));
}

/** Known types that satisfy every instance-property requirement of `reqs` (computed once per distinct requirements). */
export function typesAllowedBy(reqs: readonly Requirement[]): readonly InstanceType[] {
  const own = reqs.filter((r) => INSTANCE_LABEL_KEYS.has(r.key));
  const key = JSON.stringify(own);
  let types = ALLOWED.get(key);
  if (!types) {
    types = INSTANCE_TYPES.filter((t) => {
      const labels = instanceLabels(t);
      return own.every((r) => satisfies(labels[r.key], r));
    });
    ALLOWED.set(key, types);
  }
  return types;
}

const ALLOWED = new Map<string, readonly InstanceType[]>();

function fromNodePool(r: Resource): NodePool {
  const spec = isRecord(r.body.spec) ? r.body.spec : {};
  const tmpl = isRecord(spec.template) ? spec.template : {};
  const requirements = readRequirements(tmpl.spec?.requirements);
  return build(r, 'v1', requirements, tmpl.metadata?.labels, tmpl.spec?.taints, spec.limits, '/spec/limits', spec.weight);
}

function fromProvisioner(r: Resource): NodePool {
  const spec = isRecord(r.body.spec) ? r.body.spec : {};
  const own = readRequirements(spec.requirements);
  const defaults = V1ALPHA5_DEFAULTS.filter(
    (d) =>
      !own.some((o) => o.key === d.key) &&
      !(
        d.key === 'karpenter.k8s.aws/instance-category' &&
        own.some((o) => o.key === 'node.kubernetes.io/instance-type' || o.key === 'karpenter.k8s.aws/instance-family')
      ),
  );
  return build(r, 'v1alpha5', [...own, ...defaults], spec.labels, spec.taints, spec.limits?.resources, '/spec/limits/resources', spec.weight);
}

function build(
  r: Resource,
  api: 'v1' | 'v1alpha5',
  requirements: Requirement[],
  labels: unknown,
  taints: unknown,
  limits: unknown,
  limitsPath: string,
  weight: unknown,
): NodePool {
  const lim = isRecord(limits) ? limits : {};
  const cpu = parseQuantity(lim.cpu);
  const memory = parseQuantity(lim.memory);
  return {
    resource: r,
    api,
    requirements,
    labels: isRecord(labels) ? (labels as Record<string, string>) : {},
    taints: arr(taints)
      .filter((t) => isRecord(t) && typeof t.key === 'string')
      .map((t) => ({ key: t.key, value: t.value, effect: String(t.effect ?? '') })),
    limits: { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) },
    limitsPath,
    weight: typeof weight === 'number' ? weight : 0,
    types: typesAllowedBy(requirements),
    typesKnown: requirements.every(knownValues),
  };
}

/** An `In` list on an instance property names only values some known type has. */
function knownValues(req: Requirement): boolean {
  if (req.operator !== 'In' || !INSTANCE_LABEL_KEYS.has(req.key) || req.key === 'kubernetes.io/arch' || req.key === 'kubernetes.io/os') return true;
  return req.values.every((v) => INSTANCE_TYPES.some((t) => instanceLabels(t)[req.key] === v));
}
