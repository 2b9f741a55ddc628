// Credentials written into an environment file: values of credential-named keys and passwords in URLs. Their
// values belong in a Secret, never in an environment file (nor in the rendered output).
import { appendPointer } from '../../json-pointer.js';
import { hasUrlPassword } from '../../url-credentials.js';
import type { DiagnosticList } from '../diagnostic.js';
import type { Environment } from '../model/environment.js';

const SECRET_KEY = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** Whether a key such as `DATABASE_PASSWORD` or `bearerToken` names a credential. */
export function looksLikeSecret(key: string): boolean {
  return SECRET_KEY.test(key);
}

const NEVER_INLINE = 'never put secret values in environment files';

/** Reports inline secrets: credential-named env values (`DB_PASSWORD: hunter2`) and any value with a URL password. */
export function checkInlineSecrets(env: Environment, out: DiagnosticList): void {
  env.apps.forEach((app, i) => {
    for (const [name, value] of Object.entries(app.env ?? {})) {
      if (typeof value === 'string' && looksLikeSecret(name) && value !== '') {
        out.add(`/apps/${i}/env/${name}`, `"${name}" looks like a secret: ${NEVER_INLINE}; reference a Secret with secretKeyRef: { name, key }`);
      }
    }
  });
  const walk = (value: unknown, pointer: string): void => {
    if (typeof value === 'string') {
      if (hasUrlPassword(value) && !secretNamedEnv(pointer)) out.add(pointer, urlPasswordMessage(pointer));
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, appendPointer(pointer, i)));
    else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) walk(v, appendPointer(pointer, k));
  };
  const { envName: _name, ...fields } = env;
  walk(fields, '');
}

function secretNamedEnv(pointer: string): boolean {
  const m = /^\/apps\/[0-9]+\/env\/([^/]+)$/.exec(pointer);
  return m !== null && looksLikeSecret(m[1]!);
}

function urlPasswordMessage(pointer: string): string {
  const env = /^\/apps\/[0-9]+\/env\/([^/]+)$/.exec(pointer);
  if (env) return `"${env[1]}" holds a password in a URL: ${NEVER_INLINE}; reference a Secret with secretKeyRef: { name, key }`;
  if (pointer.endsWith('/serverAddress')) return 'serverAddress must not carry credentials: put them in a Secret and name it in authSecret';
  return `the URL holds a password: ${NEVER_INLINE}; keep it in a Secret`;
}
