// diff never shows a credential: Secret data, credential-named fields, credential-looking values, URL passwords.
import { describe, expect, it } from 'vitest';
import { diffWorkingTree } from '../src/diff/diff-command.js';
import { maskResource, maskResourcePair } from '../src/diff/mask.js';
import { repoWith, writeFiles } from './support/git-repo.js';
import { runCli } from './support/run-cli.js';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';

describe('masking', () => {
  it('masks Secret data and stringData values, keeping their keys', () => {
    expect(
      maskResource({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        type: 'Opaque',
        data: { password: 'aHVudGVyMg==', user: 'YWRtaW4=' },
        stringData: { 'config.json': '{"a":1}' },
      }),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      type: 'Opaque',
      data: { password: '***', user: '***' },
      stringData: { 'config.json': '***' },
    });
  });

  it('masks fields named like credentials and values that look like them, not references to them', () => {
    const object = {
      kind: 'ConfigMap',
      data: {
        apiToken: 'abc',
        clientSecret: 'def',
        url: 'https://bot:s3cr3t@hooks.example.com/x',
        key: PEM,
        id: 'AKIAABCDEFGHIJKLMNOP',
        plain: 'http://prometheus:9090',
      },
      spec: {
        env: [
          { name: 'DB_PASSWORD', value: 'hunter2' },
          { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
        tls: { credentialName: 'gateway-cert', secretName: 'tls', tokenPath: '/var/run/token' },
        volumes: [{ name: 'creds', secret: { secretName: 'creds' } }],
        tokens: ['a', 'b'],
      },
    };
    expect(maskResource(object)).toEqual({
      kind: 'ConfigMap',
      data: {
        apiToken: '***',
        clientSecret: '***',
        url: 'https://bot:***@hooks.example.com/x',
        key: '***',
        id: '***',
        plain: 'http://prometheus:9090',
      },
      spec: {
        env: [
          { name: 'DB_PASSWORD', value: '***' },
          { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
          { name: 'LOG_LEVEL', value: 'debug' },
        ],
        tls: { credentialName: 'gateway-cert', secretName: 'tls', tokenPath: '/var/run/token' },
        volumes: [{ name: 'creds', secret: { secretName: 'creds' } }],
        tokens: ['***', '***'],
      },
    });
  });

  it('a masked value that changed still shows as a change, without either value', () => {
    const before = { kind: 'Secret', data: { a: 'MQ==', b: 'Mg==' }, metadata: { name: 's' } };
    const after = { kind: 'Secret', data: { a: 'MQ==', b: 'Mw==', c: 'NA==' }, metadata: { name: 's' } };
    expect(maskResourcePair(before, after)).toEqual([
      { kind: 'Secret', data: { a: '***', b: '*** (before)' }, metadata: { name: 's' } },
      { kind: 'Secret', data: { a: '***', b: '*** (after)', c: '***' }, metadata: { name: 's' } },
    ]);
  });

  it('end to end: a credential the compiler lets through (a key in a value) is reported changed, in no format revealing them', async () => {
    // the compiler refuses values under credential names (DB_PASSWORD: ...) and URL passwords; this name does not look like one
    const env = (key: string) => `cluster: { name: c }
apps:
  - name: web
    image: nginx:1.27
    env:
      SIGNING_KEY: "-----BEGIN PRIVATE KEY-----\\n${key}\\n-----END PRIVATE KEY-----\\n"
`;
    const dir = repoWith({ 'environments/dev.yaml': env('MIIEoldkey') });
    writeFiles(dir, { 'environments/dev.yaml': env('MIIEnewkey') });
    const [dev] = (await diffWorkingTree({ environments: 'environments' }, dir)).environments;
    const at = '/spec/template/spec/containers/0/env';
    expect(dev!.changes.map((c) => [c.id, c.fields])).toEqual([
      ['apps/Deployment web/web', [{ path: `${at}/0/value`, before: '*** (before)', after: '*** (after)' }]],
    ]);
    for (const format of ['text', 'markdown', 'json']) {
      const r = runCli(['diff', '--output', format], dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('*** (after)');
      for (const secret of ['MIIEoldkey', 'MIIEnewkey']) expect(r.stdout, `${format} shows ${secret}`).not.toContain(secret);
    }
  });
});
