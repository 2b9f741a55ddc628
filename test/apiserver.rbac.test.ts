// Roles and bindings as the API server checks them (cases after TestValidateRoleBinding, TestValidateClusterRoleBinding
// and TestValidateRoleNonResourceURL of kubernetes/pkg/apis/rbac/validation/validation_test.go).
import { describe, expect, it } from 'vitest';
import { apiserver } from './support/apiserver.js';

const role = (kind: 'Role' | 'ClusterRole', rules: string) =>
  apiserver(`apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: { name: r, namespace: default }\nrules: ${rules}`);
const binding = (kind: 'RoleBinding' | 'ClusterRoleBinding', roleRef: string, subjects: string) =>
  apiserver(
    `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: { name: b, namespace: default }\nroleRef: ${roleRef}\nsubjects: ${subjects}`,
  );
const REF = '{ apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }';

describe('apiserver: RBAC', () => {
  it('rules have verbs, and api groups and resources, or cluster-wide non-resource URLs', () => {
    expect(role('Role', '[{ apiGroups: [""], resources: [pods], verbs: [get, list] }]')).toEqual([]);
    expect(role('ClusterRole', '[{ nonResourceURLs: [/metrics], verbs: [get] }]')).toEqual([]);
    expect(role('Role', '[{ apiGroups: [""], resources: [pods] }]')).toEqual([
      '/rules/0/verbs Required value: verbs must contain at least one value',
    ]);
    expect(role('Role', '[{ resources: [pods], verbs: [get] }]')).toEqual([
      '/rules/0/apiGroups Required value: resource rules must supply at least one api group',
    ]);
    expect(role('Role', '[{ nonResourceURLs: [/metrics], verbs: [get] }]')).toEqual([
      '/rules/0/nonResourceURLs Invalid value: ["/metrics"]: namespaced rules cannot apply to non-resource URLs',
    ]);
    expect(role('ClusterRole', '[{ apiGroups: [""], resources: [pods], nonResourceURLs: [/metrics], verbs: [get] }]')).toEqual([
      '/rules/0/nonResourceURLs Invalid value: ["/metrics"]: rules cannot apply to both regular resources and non-resource URLs',
    ]);
  });

  it('roleRef names a Role or ClusterRole of rbac.authorization.k8s.io (a ClusterRoleBinding: a ClusterRole)', () => {
    expect(
      binding(
        'RoleBinding',
        REF,
        '[{ kind: ServiceAccount, name: app }, { kind: User, apiGroup: rbac.authorization.k8s.io, name: "jane@example.com" }]',
      ),
    ).toEqual([]);
    expect(binding('RoleBinding', '{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: view }', '[]')).toEqual([
      '/roleRef/kind Unsupported value: "Group": supported values: "Role", "ClusterRole"',
    ]);
    expect(binding('ClusterRoleBinding', '{ apiGroup: rbac.authorization.k8s.io, kind: Role, name: view }', '[]')).toEqual([
      '/roleRef/kind Unsupported value: "Role": supported values: "ClusterRole"',
    ]);
    expect(binding('RoleBinding', '{ apiGroup: rbac, kind: Role, name: view }', '[]')).toEqual([
      '/roleRef/apiGroup Unsupported value: "rbac": supported values: "rbac.authorization.k8s.io"',
    ]);
  });

  it('subjects: ServiceAccounts (with a namespace in a ClusterRoleBinding), Users and Groups of the RBAC group', () => {
    expect(binding('ClusterRoleBinding', REF, '[{ kind: ServiceAccount, name: app }]')).toEqual(['/subjects/0/namespace Required value']);
    expect(binding('RoleBinding', REF, '[{ kind: Group, name: devs }]')).toEqual([
      '/subjects/0/apiGroup Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
    ]);
    expect(binding('RoleBinding', REF, '[{ kind: Robot, name: r2 }]')).toEqual([
      '/subjects/0/kind Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]);
  });
});
