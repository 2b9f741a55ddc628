// Hides values that must not appear in a review: Secret data, fields named like credentials, values that look like
// credentials (private keys, JWTs, access keys, tokens) and passwords in URLs. A masked value that changed still shows
// as a change: `*** (before)` → `*** (after)`, like `kubectl diff`.
import { maskUrlPasswords } from '../url-credentials.js';

export const MASK = '***';

/** Keys whose values are credentials (`password`, `apiKey`, `bearerToken`, `clientSecret`, `DB_PASSWORD`, ...). */
const CREDENTIAL_KEY = /passw(or)?d|passphrase|secret|token|api[-_]?key|access[-_]?key|private[-_]?key|credential/i;
/** ... unless they name or point at one (`secretName`, `tokenSecretRef`, `credentialName`, `tokenPath`). */
const REFERENCE_KEY = /(ref|refs|name|names|path|file|type|key[-_]?id|mode|seconds|audience|url|endpoint)$/i;
/** Values that are credentials whatever their key: PEM private keys, JWTs, AWS access key ids, GitHub/Slack/GitLab tokens. */
const CREDENTIAL_VALUE =
  /-----BEGIN [A-Z ]*PRIVATE KEY-----|^eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]+$|\b(AKIA|ASIA)[0-9A-Z]{16}\b|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abpr]-[\w-]{10,}|\bglpat-[\w-]{20,}/;

/** A copy of one version of a resource (added or removed) with its credentials masked. */
export function maskResource(object: Record<string, unknown>): Record<string, unknown> {
  return walk(object, undefined, root(object, undefined))[0] as Record<string, unknown>;
}

/** Copies of two versions of a resource with their credentials masked; a masked value that changed is marked. */
export function maskResourcePair(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): [Record<string, unknown>, Record<string, unknown>] {
  return walk(before, after, root(before, after)) as [Record<string, unknown>, Record<string, unknown>];
}

interface Context {
  /** Every leaf below is masked (Secret data). */
  readonly all: boolean;
  /** This leaf is masked (its key names a credential, or it is the value of a credential-named env entry). */
  readonly leaf: boolean;
  /** The object being walked is the resource itself (where a Secret's data is). */
  readonly top: boolean;
  readonly secret: boolean;
}

function root(before: Record<string, unknown>, after: Record<string, unknown> | undefined): Context {
  return { all: false, leaf: false, top: true, secret: before.kind === 'Secret' || after?.kind === 'Secret' };
}

function walk(b: unknown, a: unknown, ctx: Context): [unknown, unknown] {
  if (isObject(b) || isObject(a)) {
    if (!(isObject(b) || b === undefined) || !(isObject(a) || a === undefined)) return [walk(b, undefined, ctx)[0], walk(a, undefined, ctx)[0]];
    const bo = b as Record<string, unknown> | undefined;
    const ao = a as Record<string, unknown> | undefined;
    const credentialEntry = namesCredential(bo?.name) || namesCredential(ao?.name);
    const outB: Record<string, unknown> = {};
    const outA: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(bo ?? {}), ...Object.keys(ao ?? {})]);
    for (const key of keys) {
      const child: Context = {
        all: ctx.all || (ctx.top && ctx.secret && (key === 'data' || key === 'stringData')),
        leaf: namesCredential(key) || (credentialEntry && key === 'value'),
        top: false,
        secret: ctx.secret,
      };
      const [mb, ma] = walk(bo?.[key], ao?.[key], child);
      if (bo && Object.hasOwn(bo, key)) outB[key] = mb;
      if (ao && Object.hasOwn(ao, key)) outA[key] = ma;
    }
    return [bo && outB, ao && outA];
  }
  if (Array.isArray(b) || Array.isArray(a)) {
    if (!(Array.isArray(b) || b === undefined) || !(Array.isArray(a) || a === undefined))
      return [walk(b, undefined, ctx)[0], walk(a, undefined, ctx)[0]];
    const bl = (b ?? []) as unknown[];
    const al = (a ?? []) as unknown[];
    const item: Context = { ...ctx, top: false };
    const pairs = Array.from({ length: Math.max(bl.length, al.length) }, (_, i) => walk(bl[i], al[i], item));
    return [b && pairs.slice(0, bl.length).map((p) => p[0]), a && pairs.slice(0, al.length).map((p) => p[1])];
  }
  const mb = maskLeaf(b, ctx);
  const ma = maskLeaf(a, ctx);
  if (b !== undefined && a !== undefined && b !== a && mb === ma) return [`${String(mb)} (before)`, `${String(ma)} (after)`];
  return [mb, ma];
}

function maskLeaf(value: unknown, ctx: Context): unknown {
  if (typeof value !== 'string') return (ctx.all || ctx.leaf) && typeof value === 'number' ? MASK : value;
  if (ctx.all || ctx.leaf || CREDENTIAL_VALUE.test(value)) return value === '' ? value : MASK;
  return maskUrlPasswords(value, MASK);
}

function namesCredential(name: unknown): boolean {
  return typeof name === 'string' && CREDENTIAL_KEY.test(name) && !REFERENCE_KEY.test(name);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
