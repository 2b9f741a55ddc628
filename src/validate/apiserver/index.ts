// The API server's built-in validation of each object, offline: what `kubectl apply` would be refused for even when the
// schema accepts it (names, label syntax, selector vs template labels, port names, requests vs limits, ...).
import type { ManifestDoc, Problem } from '../types.js';
import { validateConfigMap, validateSecret } from './config-data.js';
import { Findings, isObj, str, type Obj } from './field-errors.js';
import { validateHorizontalPodAutoscaler } from './hpa.js';
import { validateIngress } from './ingress.js';
import { validateCronJob, validateJob } from './jobs.js';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment, type NameRule } from './names.js';
import { validateNamespace } from './namespace.js';
import { validateObjectMeta } from './object-meta.js';
import { validatePodDisruptionBudget } from './pdb.js';
import { validatePriorityClass } from './priority-class.js';
import { validateBinding, validateRole } from './rbac.js';
import { validateService } from './service.js';
import {
  validateDaemonSet,
  validateDeployment,
  validatePod,
  validateReplicaSet,
  validateReplicationController,
  validateStatefulSet,
} from './workloads.js';

/** The rule id of every problem found here. */
export const API_SERVER_RULE = 'apiserver';

interface KindCheck {
  /** The kind's `ValidateNameFunc` (for custom resources and unlisted kinds: `NameIsDNSSubdomain`). */
  readonly name: NameRule;
  readonly spec?: (o: Obj, f: Findings) => void;
}

/** The built-in kinds checked, by `apiVersion/kind`, with the name rule each one's `Validate<Kind>` passes to ObjectMeta. */
const BY_KEY: readonly (readonly [string, KindCheck])[] = [
  ['v1/Pod', { name: nameIsDNSSubdomain, spec: validatePod }],
  ['v1/ReplicationController', { name: nameIsDNSSubdomain, spec: validateReplicationController }],
  ['v1/Service', { name: nameIsDNS1035Label, spec: validateService }],
  ['v1/Namespace', { name: nameIsDNSLabel, spec: validateNamespace }],
  ['v1/ConfigMap', { name: nameIsDNSSubdomain, spec: validateConfigMap }],
  ['v1/Secret', { name: nameIsDNSSubdomain, spec: validateSecret }],
  ['v1/ServiceAccount', { name: nameIsDNSSubdomain }],
  ['apps/v1/Deployment', { name: nameIsDNSSubdomain, spec: validateDeployment }],
  ['apps/v1/ReplicaSet', { name: nameIsDNSSubdomain, spec: validateReplicaSet }],
  ['apps/v1/DaemonSet', { name: nameIsDNSSubdomain, spec: validateDaemonSet }],
  ['apps/v1/StatefulSet', { name: nameIsDNSLabel, spec: validateStatefulSet }],
  ['batch/v1/Job', { name: nameIsDNSSubdomain, spec: validateJob }],
  ['batch/v1/CronJob', { name: nameIsDNSSubdomain, spec: validateCronJob }],
  ['autoscaling/v2/HorizontalPodAutoscaler', { name: nameIsDNSSubdomain, spec: validateHorizontalPodAutoscaler }],
  ['policy/v1/PodDisruptionBudget', { name: nameIsDNSSubdomain, spec: validatePodDisruptionBudget }],
  ['scheduling.k8s.io/v1/PriorityClass', { name: nameIsDNSSubdomain, spec: validatePriorityClass }],
  ['networking.k8s.io/v1/Ingress', { name: nameIsDNSSubdomain, spec: validateIngress }],
  ['networking.k8s.io/v1/IngressClass', { name: nameIsDNSSubdomain }],
  ['networking.k8s.io/v1/NetworkPolicy', { name: nameIsDNSSubdomain }],
  ['rbac.authorization.k8s.io/v1/Role', { name: nameIsPathSegment, spec: (o, f) => validateRole(o, f, true) }],
  ['rbac.authorization.k8s.io/v1/ClusterRole', { name: nameIsPathSegment, spec: (o, f) => validateRole(o, f, false) }],
  ['rbac.authorization.k8s.io/v1/RoleBinding', { name: nameIsPathSegment, spec: (o, f) => validateBinding(o, f, true) }],
  ['rbac.authorization.k8s.io/v1/ClusterRoleBinding', { name: nameIsPathSegment, spec: (o, f) => validateBinding(o, f, false) }],
];

/** The same, by apiVersion then kind (looked up without building a key per object). */
const KINDS = new Map<string, Map<string, KindCheck>>();
for (const [key, check] of BY_KEY) {
  const slash = key.lastIndexOf('/');
  const apiVersion = key.slice(0, slash);
  if (!KINDS.has(apiVersion)) KINDS.set(apiVersion, new Map());
  KINDS.get(apiVersion)!.set(key.slice(slash + 1), check);
}

/** Custom resources' metadata is checked as ObjectMeta too (the apiextensions server uses `NameIsDNSSubdomain`). */
const OTHER: KindCheck = { name: nameIsDNSSubdomain };

/**
 * The API server's per-object validation of every document (metadata of all objects; the specs of the built-in kinds
 * above), as problems with rule id `apiserver`. Documents without apiVersion and kind are left to the schema check.
 */
export function apiServerProblems(docs: readonly ManifestDoc[]): Problem[] {
  const problems: Problem[] = [];
  for (const doc of docs) {
    const o = doc.object;
    const apiVersion = str(o.apiVersion);
    const kind = str(o.kind);
    if (!apiVersion || !kind) continue;
    const check = KINDS.get(apiVersion)?.get(kind) ?? OTHER;
    const f = new Findings();
    validateObjectMeta(o.metadata, check.name, f);
    check.spec?.(o, f);
    if (f.list.length === 0) continue;
    const meta: Obj = isObj(o.metadata) ? o.metadata : {};
    for (const { path, message } of f.list) {
      problems.push({
        severity: 'error',
        file: doc.file,
        line: doc.line,
        kind,
        namespace: str(meta.namespace),
        name: str(meta.name),
        path,
        message,
        rule: API_SERVER_RULE,
      });
    }
  }
  return problems;
}
