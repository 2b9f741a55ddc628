// What a Pod Security Standards control is, and the helpers the controls share: a mirror of
// k8s.io/pod-security-admission/policy (checks.go, helpers.go, visitor.go).
import { arr, isRecord } from '../../manifest/object-index.js';

/** A Pod Security Standards level (`api.Level`). */
export type Level = 'privileged' | 'baseline' | 'restricted';

/** The pod a control reads: the pod (template) metadata's annotations and its spec. */
export interface PodView {
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: Record<string, any>;
}

/**
 * A failed control: upstream's `ForbiddenReason` and `ForbiddenDetail`, and a JSON pointer into the pod (`/spec/...` or
 * `/metadata/...`) to the first field that fails it (or where the missing field belongs).
 */
export interface Failure {
  readonly reason: string;
  readonly detail: string;
  readonly path: string;
}

/** One control at one version: undefined when the pod passes (`CheckPodFn`). */
export type CheckPod = (pod: PodView) => Failure | undefined;

/** A control of one version on (`VersionedCheck`): `overrides` are baseline controls it replaces in restricted. */
export interface VersionedCheck {
  /** Minor of the first Kubernetes version (1.x) it applies to. */
  readonly minimumVersion: number;
  readonly checkPod: CheckPod;
  readonly overrides?: readonly string[];
}

/** A control (`Check`): upstream's check ID, level, and its versions in increasing order. */
export interface Check {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly versions: readonly VersionedCheck[];
}

/** A container of the pod with its pointer. */
export interface ContainerView {
  readonly name: string;
  readonly container: Record<string, any>;
  /** e.g. `/spec/initContainers/0` */
  readonly path: string;
}

/** Init containers, containers, then ephemeral containers, as upstream's `visitContainers` visits them. */
export function visitContainers(spec: Record<string, any>): ContainerView[] {
  const out: ContainerView[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[field]).forEach((c, i) => {
      if (isRecord(c)) out.push({ name: typeof c.name === 'string' ? c.name : '', container: c, path: `/spec/${field}/${i}` });
    });
  }
  return out;
}

/** A container's securityContext (or undefined). */
export function securityContext(c: ContainerView): Record<string, any> | undefined {
  return isRecord(c.container.securityContext) ? c.container.securityContext : undefined;
}

/** The pod's securityContext (or undefined). */
export function podSecurityContext(spec: Record<string, any>): Record<string, any> | undefined {
  return isRecord(spec.securityContext) ? spec.securityContext : undefined;
}

/** `"a", "b"` (upstream `joinQuote`). */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Sorted distinct values (upstream `sets.String.List()`). */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** Whether the pod runs in a user namespace (`hostUsers: false`): upstream `relaxPolicyForUserNamespacePod`. */
export function inUserNamespace(spec: Record<string, any>): boolean {
  return spec.hostUsers === false;
}

/** Whether the pod declares `os.name: windows` (controls that cannot apply to Windows pods pass from 1.25 on). */
export function isWindows(spec: Record<string, any>): boolean {
  return isRecord(spec.os) && spec.os.name === 'windows';
}

/** Go's `%q` of a string (ASCII: JSON's quoting). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** A string field, '' when unset (Go's zero value). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
