// metadata as the API server checks it (ValidateObjectMeta; cases from TestValidateObjectMetaNamespaces,
// TestValidateObjectMetaTrimsTrailingSlash, TestValidateAnnotations and TestValidateLabels of
// kubernetes/staging/src/k8s.io/apimachinery/pkg/api/validation and pkg/apis/meta/v1/validation).
import { describe, expect, it } from 'vitest';
import { apiserver } from './support/apiserver.js';

const configMap = (metadata: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: ${metadata}\n`;

describe('apiserver: metadata', () => {
  it('names follow the kind: DNS subdomain, Namespace a DNS label, Service a DNS-1035 label, RBAC a path segment', () => {
    expect(apiserver(configMap('{ name: my.config-1 }'))).toEqual([]);
    expect(apiserver(configMap('{ name: My_Config }'))).toEqual([
      `/metadata/name Invalid value: "My_Config": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    ]);
    expect(apiserver('apiVersion: v1\nkind: Namespace\nmetadata: { name: team.a }')).toEqual([
      '/metadata/name Invalid value: "team.a": must not contain dots',
    ]);
    expect(apiserver('apiVersion: v1\nkind: Namespace\nmetadata: { name: team-a }')).toEqual([]);
    expect(apiserver('apiVersion: v1\nkind: Service\nmetadata: { name: 1web }\nspec: { ports: [{ port: 80 }] }')[0]).toMatch(
      /^\/metadata\/name Invalid value: "1web": a DNS-1035 label/,
    );
    expect(apiserver('apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { ports: [{ port: 80 }] }')).toEqual([]);
    expect(apiserver('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: "system:metrics-reader" }\nrules: []')).toEqual(
      [],
    );
    expect(apiserver('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: "a/b" }\nrules: []')).toEqual([
      '/metadata/name Invalid value: "a/b": may not contain \'/\'',
    ]);
    expect(
      apiserver(
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: db.primary }\nspec: { serviceName: db, selector: { matchLabels: { a: b } }, template: { metadata: { labels: { a: b } }, spec: { containers: [{ name: c, image: i }] } } }',
      ),
    ).toEqual(['/metadata/name Invalid value: "db.primary": must not contain dots']);
  });

  it('needs a name or a generateName (whose trailing dash is allowed)', () => {
    expect(apiserver(configMap('{ namespace: default }'))).toEqual(['/metadata/name Required value: name or generateName is required']);
    expect(apiserver(configMap('{ generateName: job- }'))).toEqual([]);
    expect(apiserver(configMap('{ generateName: Job- }'))[0]).toMatch(/^\/metadata\/generateName Invalid value: "Job-"/);
  });

  it('checks the namespace as a DNS label', () => {
    expect(apiserver(configMap('{ name: c, namespace: Team_A }'))[0]).toMatch(
      /^\/metadata\/namespace Invalid value: "Team_A": a lowercase RFC 1123 label/,
    );
  });

  it('labels: qualified-name keys and label values, reported at the map as the API server does (the value quoted)', () => {
    expect(apiserver(configMap('{ name: c, labels: { app.kubernetes.io/name: web, tier: "", version: v1.2_3 } }'))).toEqual([]);
    expect(apiserver(configMap('{ name: c, labels: { team: payments- } }'))).toEqual([
      `/metadata/labels Invalid value: "payments-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
    expect(apiserver(configMap(`{ name: c, labels: { a: ${'v'.repeat(64)} } }`))).toEqual([
      `/metadata/labels Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
    ]);
    expect(apiserver(configMap('{ name: c, labels: { "Example.com/x": y } }'))[0]).toMatch(
      /^\/metadata\/labels Invalid value: "Example.com\/x": prefix part a lowercase RFC 1123 subdomain/,
    );
  });

  it('annotations: keys are qualified names in any case, and at most 256 KiB together', () => {
    expect(apiserver(configMap('{ name: c, annotations: { Example.com/Note: "any value at all: ~!@#" } }'))).toEqual([]);
    expect(apiserver(configMap('{ name: c, annotations: { "a/b/c": x } }'))[0]).toMatch(
      /^\/metadata\/annotations Invalid value: "a\/b\/c": a valid label key/,
    );
    const big = 'x'.repeat(128 * 1024 - 1); // with the keys: 262,144 bytes
    expect(apiserver(configMap(`{ name: c, annotations: { a: ${big}, b: ${big} } }`))).toEqual([]);
    expect(apiserver(configMap(`{ name: c, annotations: { a: ${big}, b: ${big}x } }`))).toEqual([
      '/metadata/annotations Too long: may not be more than 262144 bytes',
    ]);
  });

  it('finalizers are qualified names', () => {
    expect(apiserver(configMap('{ name: c, finalizers: [resources-finalizer.argocd.argoproj.io, example.com/cleanup] }'))).toEqual([]);
    expect(apiserver(configMap('{ name: c, finalizers: ["bad finalizer"] }'))[0]).toMatch(
      /^\/metadata\/finalizers\/0 Invalid value: "bad finalizer"/,
    );
  });

  it("checks a custom resource's metadata too (the apiextensions server's NameIsDNSSubdomain)", () => {
    expect(apiserver('apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: { name: Default, labels: { a: "b-" } }\nspec: {}')).toEqual([
      expect.stringMatching(/^\/metadata\/name Invalid value: "Default"/),
      expect.stringMatching(/^\/metadata\/labels Invalid value: "b-"/),
    ]);
  });
});
