// ConfigMaps and Secrets as the API server checks them (cases after TestValidateConfigMap and TestValidateSecret of
// kubernetes/pkg/apis/core/validation/validation_test.go).
import { describe, expect, it } from 'vitest';
import { apiserver, object } from './support/apiserver.js';

describe('apiserver: ConfigMaps', () => {
  it('keys are config keys, not both in data and binaryData, and all values at most 1 MiB', () => {
    expect(apiserver(object('v1', 'ConfigMap', 'data: { app.yaml: "a: 1", .env: X=1, LOG_LEVEL: info }'))).toEqual([]);
    expect(apiserver(object('v1', 'ConfigMap', 'data: { "app config": x }'))[0]).toMatch(
      /^\/data\/app config Invalid value: "app config": a valid config key must consist of alphanumeric characters/,
    );
    expect(apiserver(object('v1', 'ConfigMap', 'data: { "..data": x }'))).toEqual([
      '/data/..data Invalid value: "..data": must not start with \'..\'',
    ]);
    expect(apiserver(object('v1', 'ConfigMap', 'data: { k: x }\nbinaryData: { k: eA== }'))).toEqual([
      '/binaryData/k Invalid value: "k": duplicate of key present in data',
    ]);
    expect(apiserver(object('v1', 'ConfigMap', `data: { a: ${'x'.repeat(512 * 1024)}, b: ${'x'.repeat(512 * 1024)} }`))).toEqual([]);
    expect(apiserver(object('v1', 'ConfigMap', `data: { a: ${'x'.repeat(512 * 1024)}, b: ${'x'.repeat(512 * 1024 + 1)} }`))).toEqual([
      ' Too long: may not be more than 1048576 bytes',
    ]);
  });
});

describe('apiserver: Secrets', () => {
  it('keys are config keys; data and stringData at most 1 MiB', () => {
    expect(apiserver(object('v1', 'Secret', 'stringData: { password: hunter2 }\ndata: { token: dG9rZW4= }'))).toEqual([]);
    expect(apiserver(object('v1', 'Secret', 'stringData: { "pass word": x }'))[0]).toMatch(/^\/stringData\/pass word Invalid value: "pass word"/);
    expect(apiserver(object('v1', 'Secret', `stringData: { a: ${'x'.repeat(1024 * 1024 + 1)} }`))).toEqual([
      '/data Too long: may not be more than 1048576 bytes',
    ]);
  });

  it('typed Secrets have the keys of their type', () => {
    expect(apiserver(object('v1', 'Secret', 'type: kubernetes.io/tls\nstringData: { tls.crt: c, tls.key: k }'))).toEqual([]);
    expect(apiserver(object('v1', 'Secret', 'type: kubernetes.io/tls\nstringData: { tls.crt: c }'))).toEqual(['/data/tls.key Required value']);
    expect(apiserver(object('v1', 'Secret', 'type: kubernetes.io/dockerconfigjson\ndata: {}'))).toEqual(['/data/.dockerconfigjson Required value']);
    expect(apiserver(object('v1', 'Secret', 'type: kubernetes.io/basic-auth\nstringData: {}'))).toEqual([
      '/data Required value: either username or password is required',
    ]);
  });
});
