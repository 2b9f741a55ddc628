// Hides values that must not appear in a review: Secret data and fields that look like credentials.
const CREDENTIAL_KEY = /(password|passwd|secret|token|api[-_]?key|private[-_]?key|credential)/i;
export const MASK = '***';

/** A copy of `object` with Secret data and credential-looking string fields masked. */
export function masked(object: Record<string, unknown>): Record<string, unknown> {
  const out = maskValue(object) as Record<string, unknown>;
  if (object.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const data = out[field];
      if (data && typeof data === 'object') out[field] = Object.fromEntries(Object.keys(data).map((k) => [k, MASK]));
    }
  }
  return out;
}

function maskValue(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskValue(v));
  if (value && typeof value === 'object') {
    // {name: DB_PASSWORD, value: ...} env entries are masked by their name
    const o = value as Record<string, unknown>;
    const named = typeof o.name === 'string' && CREDENTIAL_KEY.test(o.name) && typeof o.value === 'string';
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, named && k === 'value' ? MASK : maskValue(v, k)]));
  }
  if (typeof value === 'string' && CREDENTIAL_KEY.test(key) && !/(Ref|Name|name)$/.test(key)) return MASK;
  return value;
}
