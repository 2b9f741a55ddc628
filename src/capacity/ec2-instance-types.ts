// EC2 instance types the capacity rules and the plan know: vCPU, memory and ENI-limited max pods.
// Sources: AWS instance-type specifications; max pods from amazon-eks-ami files/eni-max-pods.txt
// (ENIs × (IPv4 per ENI − 1) + 2). Families: those the example environments and docs use; a pool that allows only
// types missing here is not checked (unknown capacity), never reported.

/** One instance type. */
export interface InstanceType {
  /** e.g. `m6i.xlarge` */
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** ENI-limited pods per node (what EKS/Karpenter set as kubelet maxPods by default). */
  readonly maxPods: number;
  readonly arch: 'amd64' | 'arm64';
}

type Row = readonly [name: string, vcpu: number, memoryGiB: number, maxPods: number];

const ROWS: readonly Row[] = [
  ['c5.large', 2, 4, 29],
  ['c5.xlarge', 4, 8, 58],
  ['c5.2xlarge', 8, 16, 58],
  ['c5.4xlarge', 16, 32, 234],
  ['c5.9xlarge', 36, 72, 234],
  ['c5.12xlarge', 48, 96, 234],
  ['c5.18xlarge', 72, 144, 737],
  ['c5.24xlarge', 96, 192, 737],
  ['c5.metal', 96, 192, 737],
  ['c6i.large', 2, 4, 29],
  ['c6i.xlarge', 4, 8, 58],
  ['c6i.2xlarge', 8, 16, 58],
  ['c6i.4xlarge', 16, 32, 234],
  ['c6i.8xlarge', 32, 64, 234],
  ['c6i.12xlarge', 48, 96, 234],
  ['c6i.16xlarge', 64, 128, 737],
  ['c6i.24xlarge', 96, 192, 737],
  ['c6i.32xlarge', 128, 256, 737],
  ['c6i.metal', 128, 256, 737],
  ['c7i.large', 2, 4, 29],
  ['c7i.xlarge', 4, 8, 58],
  ['c7i.2xlarge', 8, 16, 58],
  ['c7i.4xlarge', 16, 32, 234],
  ['c7i.8xlarge', 32, 64, 234],
  ['c7i.12xlarge', 48, 96, 234],
  ['c7i.16xlarge', 64, 128, 737],
  ['c7i.24xlarge', 96, 192, 737],
  ['c7i.48xlarge', 192, 384, 737],
  ['c7i.metal-24xl', 96, 192, 737],
  ['c7i.metal-48xl', 192, 384, 737],
  ['m5.large', 2, 8, 29],
  ['m5.xlarge', 4, 16, 58],
  ['m5.2xlarge', 8, 32, 58],
  ['m5.4xlarge', 16, 64, 234],
  ['m5.8xlarge', 32, 128, 234],
  ['m5.12xlarge', 48, 192, 234],
  ['m5.16xlarge', 64, 256, 737],
  ['m5.24xlarge', 96, 384, 737],
  ['m5.metal', 96, 384, 737],
  ['m6i.large', 2, 8, 29],
  ['m6i.xlarge', 4, 16, 58],
  ['m6i.2xlarge', 8, 32, 58],
  ['m6i.4xlarge', 16, 64, 234],
  ['m6i.8xlarge', 32, 128, 234],
  ['m6i.12xlarge', 48, 192, 234],
  ['m6i.16xlarge', 64, 256, 737],
  ['m6i.24xlarge', 96, 384, 737],
  ['m6i.32xlarge', 128, 512, 737],
  ['m6i.metal', 128, 512, 737],
  ['m7i.large', 2, 8, 29],
  ['m7i.xlarge', 4, 16, 58],
  ['m7i.2xlarge', 8, 32, 58],
  ['m7i.4xlarge', 16, 64, 234],
  ['m7i.8xlarge', 32, 128, 234],
  ['m7i.12xlarge', 48, 192, 234],
  ['m7i.16xlarge', 64, 256, 737],
  ['m7i.24xlarge', 96, 384, 737],
  ['m7i.48xlarge', 192, 768, 737],
  ['m7i.metal-24xl', 96, 384, 737],
  ['m7i.metal-48xl', 192, 768, 737],
  ['r5.large', 2, 16, 29],
  ['r5.xlarge', 4, 32, 58],
  ['r5.2xlarge', 8, 64, 58],
  ['r5.4xlarge', 16, 128, 234],
  ['r5.8xlarge', 32, 256, 234],
  ['r5.12xlarge', 48, 384, 234],
  ['r5.16xlarge', 64, 512, 737],
  ['r5.24xlarge', 96, 768, 737],
  ['r5.metal', 96, 768, 737],
  ['r6i.large', 2, 16, 29],
  ['r6i.xlarge', 4, 32, 58],
  ['r6i.2xlarge', 8, 64, 58],
  ['r6i.4xlarge', 16, 128, 234],
  ['r6i.8xlarge', 32, 256, 234],
  ['r6i.12xlarge', 48, 384, 234],
  ['r6i.16xlarge', 64, 512, 737],
  ['r6i.24xlarge', 96, 768, 737],
  ['r6i.32xlarge', 128, 1024, 737],
  ['r6i.metal', 128, 1024, 737],
  ['c6g.medium', 1, 2, 8],
  ['c6g.large', 2, 4, 29],
  ['c6g.xlarge', 4, 8, 58],
  ['c6g.2xlarge', 8, 16, 58],
  ['c6g.4xlarge', 16, 32, 234],
  ['c6g.8xlarge', 32, 64, 234],
  ['c6g.12xlarge', 48, 96, 234],
  ['c6g.16xlarge', 64, 128, 737],
  ['c6g.metal', 64, 128, 737],
  ['m6g.medium', 1, 4, 8],
  ['m6g.large', 2, 8, 29],
  ['m6g.xlarge', 4, 16, 58],
  ['m6g.2xlarge', 8, 32, 58],
  ['m6g.4xlarge', 16, 64, 234],
  ['m6g.8xlarge', 32, 128, 234],
  ['m6g.12xlarge', 48, 192, 234],
  ['m6g.16xlarge', 64, 256, 737],
  ['m6g.metal', 64, 256, 737],
  ['m7g.medium', 1, 4, 8],
  ['m7g.large', 2, 8, 29],
  ['m7g.xlarge', 4, 16, 58],
  ['m7g.2xlarge', 8, 32, 58],
  ['m7g.4xlarge', 16, 64, 234],
  ['m7g.8xlarge', 32, 128, 234],
  ['m7g.12xlarge', 48, 192, 234],
  ['m7g.16xlarge', 64, 256, 737],
  ['m7g.metal', 64, 256, 737],
  ['t3.nano', 2, 0.5, 4],
  ['t3.micro', 2, 1, 4],
  ['t3.small', 2, 2, 11],
  ['t3.medium', 2, 4, 17],
  ['t3.large', 2, 8, 35],
  ['t3.xlarge', 4, 16, 58],
  ['t3.2xlarge', 8, 32, 58],
];

const ARM_FAMILIES: ReadonlySet<string> = new Set(['c6g', 'm6g', 'm7g']);

/** Every known instance type. */
export const INSTANCE_TYPES: readonly InstanceType[] = ROWS.map(([name, vcpu, memoryGiB, maxPods]) => ({
  name,
  vcpu,
  memoryGiB,
  maxPods,
  arch: ARM_FAMILIES.has(name.split('.')[0]!) ? 'arm64' : 'amd64',
}));

/**
 * The node labels Karpenter (AWS provider) puts on a node of this type, as pool and pod requirements see them:
 * `node.kubernetes.io/instance-type`, `kubernetes.io/arch`, `karpenter.k8s.aws/instance-{family,category,generation,size,cpu,memory}`.
 */
export function instanceLabels(t: InstanceType): Readonly<Record<string, string>> {
  let labels = LABELS.get(t);
  if (!labels) LABELS.set(t, (labels = computeLabels(t)));
  return labels;
}

const LABELS = new WeakMap<InstanceType, Readonly<Record<string, string>>>();

function computeLabels(t: InstanceType): Readonly<Record<string, string>> {
  const [family, size] = t.name.split('.') as [string, string];
  const m = /^([a-z]+)(\d*)/.exec(family);
  return {
    'node.kubernetes.io/instance-type': t.name,
    'kubernetes.io/arch': t.arch,
    'kubernetes.io/os': 'linux',
    'karpenter.k8s.aws/instance-family': family,
    'karpenter.k8s.aws/instance-category': m?.[1] ?? family,
    'karpenter.k8s.aws/instance-generation': m?.[2] ?? '',
    'karpenter.k8s.aws/instance-size': size,
    'karpenter.k8s.aws/instance-cpu': String(t.vcpu),
    'karpenter.k8s.aws/instance-memory': String(Math.round(t.memoryGiB * 1024)),
  };
}

/** Label keys that are properties of the instance type (filtering by them narrows the types). */
export const INSTANCE_LABEL_KEYS: ReadonlySet<string> = new Set(
  Object.keys(instanceLabels(INSTANCE_TYPES[0]!)).concat(
    'beta.kubernetes.io/arch',
    'beta.kubernetes.io/instance-type',
    'node.kubernetes.io/instance-type',
  ),
);

/** Normalizes deprecated aliases Karpenter also accepts. */
export function normalizeLabelKey(key: string): string {
  if (key === 'beta.kubernetes.io/arch') return 'kubernetes.io/arch';
  if (key === 'beta.kubernetes.io/instance-type') return 'node.kubernetes.io/instance-type';
  if (key === 'failure-domain.beta.kubernetes.io/zone') return 'topology.kubernetes.io/zone';
  return key;
}

const MIB = 2 ** 20;

/**
 * What pods can use on a node of this type, the way Karpenter estimates it (AWS provider, AL2023 defaults):
 * capacity minus 7.5% VM memory overhead, EKS kube-reserved (cpu: 6% of the first core, 1% of the second, 0.5% of
 * the next two, 0.25% of the rest; memory: 11Mi × maxPods + 255Mi) and the 100Mi hard-eviction threshold.
 * cpu in cores, memory in bytes.
 */
export function allocatable(t: InstanceType): { cpu: number; memory: number } {
  const cores = t.vcpu;
  const reservedMilli = 60 + (cores > 1 ? 10 : 0) + Math.min(Math.max(cores - 2, 0), 2) * 5 + Math.max(cores - 4, 0) * 2.5;
  const memoryMiB = Math.floor(t.memoryGiB * 1024 * (1 - 0.075)) - (11 * t.maxPods + 255) - 100;
  return { cpu: cores - reservedMilli / 1000, memory: memoryMiB * MIB };
}
