// Roles, ClusterRoles and their bindings: ValidatePolicyRule, ValidateRoleBinding, ValidateClusterRoleBinding and
// ValidateRoleBindingSubject (kubernetes/pkg/apis/rbac/validation/validation.go).
import { Findings, isObj, items, str, type Obj } from './field-errors.js';
import { isDNS1123Subdomain, isValidPathSegmentName } from './names.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** `ValidateRole` / `ValidateClusterRole`: every rule. */
export function validateRole(o: Obj, f: Findings, namespaced: boolean): void {
  items(o.rules).forEach((r: Obj, i) => {
    if (isObj(r)) validatePolicyRule(r, namespaced, `/rules/${i}`, f);
  });
}

/** `ValidatePolicyRule`: verbs, and resource rules (groups and resources) or non-resource URLs (cluster-wide only). */
function validatePolicyRule(rule: Obj, namespaced: boolean, path: string, f: Findings): void {
  if (items(rule.verbs).length === 0) f.required(`${path}/verbs`, 'verbs must contain at least one value');
  if (items(rule.nonResourceURLs).length > 0) {
    if (namespaced) f.invalid(`${path}/nonResourceURLs`, rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs');
    if (items(rule.apiGroups).length > 0 || items(rule.resources).length > 0) {
      f.invalid(`${path}/nonResourceURLs`, rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs');
    }
    return;
  }
  if (items(rule.apiGroups).length === 0) f.required(`${path}/apiGroups`, 'resource rules must supply at least one api group');
  if (items(rule.resources).length === 0) f.required(`${path}/resources`, 'resource rules must supply at least one resource');
}

/** `ValidateRoleBinding` / `ValidateClusterRoleBinding`: the roleRef and every subject. */
export function validateBinding(o: Obj, f: Findings, namespaced: boolean): void {
  const ref: Obj = isObj(o.roleRef) ? o.roleRef : {};
  if (str(ref.apiGroup) !== RBAC_GROUP) f.notSupported('/roleRef/apiGroup', str(ref.apiGroup), [RBAC_GROUP]);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) f.notSupported('/roleRef/kind', str(ref.kind), kinds);
  const name = str(ref.name);
  if (!name) f.required('/roleRef/name');
  else f.invalidEach('/roleRef/name', name, isValidPathSegmentName(name));
  items(o.subjects).forEach((s: Obj, i) => {
    if (isObj(s)) validateSubject(s, namespaced, `/subjects/${i}`, f);
  });
}

/** `ValidateRoleBindingSubject`. */
function validateSubject(s: Obj, namespaced: boolean, path: string, f: Findings): void {
  const name = str(s.name);
  if (!name) f.required(`${path}/name`);
  switch (s.kind) {
    case 'ServiceAccount':
      if (name) f.invalidEach(`${path}/name`, name, isDNS1123Subdomain(name));
      if (str(s.apiGroup) !== '') f.notSupported(`${path}/apiGroup`, s.apiGroup, ['']);
      if (!namespaced && !str(s.namespace)) f.required(`${path}/namespace`);
      break;
    case 'User':
    case 'Group':
      if (str(s.apiGroup) !== RBAC_GROUP) f.notSupported(`${path}/apiGroup`, str(s.apiGroup), [RBAC_GROUP]);
      break;
    default:
      f.notSupported(`${path}/kind`, str(s.kind), ['ServiceAccount', 'User', 'Group']);
  }
}
