// ConfigMaps and Secrets: ValidateConfigMap and ValidateSecret (kubernetes/pkg/apis/core/validation/validation.go).
import { at, Findings, isObj, str, type Obj } from './field-errors.js';
import { isConfigMapKey } from './names.js';

/** `MaxSecretSize`, also the limit of a ConfigMap's data. */
const MAX_SIZE = 1024 * 1024;

/** `ValidateConfigMap`: keys are config keys, not in both data and binaryData, all values together ≤ 1 MiB. */
export function validateConfigMap(o: Obj, f: Findings): void {
  let size = 0;
  const data: Obj = isObj(o.data) ? o.data : {};
  for (const k in data) {
    f.invalidEach(at('/data', k), k, isConfigMapKey(k));
    size += Buffer.byteLength(str(data[k]));
  }
  const binary: Obj = isObj(o.binaryData) ? o.binaryData : {};
  for (const k in binary) {
    f.invalidEach(at('/binaryData', k), k, isConfigMapKey(k));
    if (Object.hasOwn(data, k)) f.invalid(at('/binaryData', k), k, 'duplicate of key present in data');
    size += base64Bytes(str(binary[k]));
  }
  if (size > MAX_SIZE) f.tooLong('', MAX_SIZE);
}

/** Keys every Secret of a type must have (`ValidateSecret`). */
const TYPE_KEYS: Record<string, readonly string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

/** `ValidateSecret`: keys are config keys, data (with stringData merged in) ≤ 1 MiB, the keys its type needs. */
export function validateSecret(o: Obj, f: Findings): void {
  const data: Obj = isObj(o.data) ? o.data : {};
  const stringData: Obj = isObj(o.stringData) ? o.stringData : {};
  let size = 0;
  for (const k in data) {
    f.invalidEach(at('/data', k), k, isConfigMapKey(k));
    if (!Object.hasOwn(stringData, k)) size += base64Bytes(str(data[k]));
  }
  for (const k in stringData) {
    f.invalidEach(at('/stringData', k), k, isConfigMapKey(k));
    size += Buffer.byteLength(str(stringData[k]));
  }
  if (size > MAX_SIZE) f.tooLong('/data', MAX_SIZE);
  const type = str(o.type);
  const has = (k: string): boolean => Object.hasOwn(data, k) || Object.hasOwn(stringData, k);
  for (const k of TYPE_KEYS[type] ?? []) if (!has(k)) f.required(at('/data', k));
  if (type === 'kubernetes.io/basic-auth' && !has('username') && !has('password')) {
    f.required('/data', 'either username or password is required');
  }
  if (type === 'kubernetes.io/service-account-token' && !str(o.metadata?.annotations?.['kubernetes.io/service-account.name'])) {
    f.required('/metadata/annotations/kubernetes.io~1service-account.name');
  }
}

/** Decoded size of base64 text. */
function base64Bytes(s: string): number {
  const t = s.includes('\n') || s.includes(' ') ? s.replace(/\s/g, '') : s;
  const padding = t.endsWith('==') ? 2 : t.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((t.length * 3) / 4) - padding);
}
