// The Kubernetes CEL URL library (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-url-library):
// `url(string)`, `isURL(string)` and the URL accessors, with Go's `url.ParseRequestURI` rules: an absolute URL with
// a scheme and `//` authority, or an absolute path; no control characters, a numeric port.
import type { Environment } from '@marcbachmann/cel-js';

/** A parsed URL as the library exposes it. */
export class KubeUrl {
  public constructor(
    public readonly scheme: string,
    public readonly host: string,
    public readonly path: string,
    public readonly query: string,
  ) {}
}

/** The error code of `url()` on a string that is no URL. */
export const URL_PARSE_ERROR = 'url_parse_error';

const REQUEST_URI = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?]*))?(\/[^?]*)?(?:\?(.*))?$/s;
const HOST = /^(?:[^\s:[\]@/]*|\[[0-9a-fA-F:.]+\])(?::[0-9]*)?$/;

/** The URL, or undefined where Go's `url.ParseRequestURI` fails. */
export function parseRequestUri(s: string): KubeUrl | undefined {
  if (s === '' || /[\x00-\x1f\x7f]/.test(s)) return undefined;
  const m = REQUEST_URI.exec(s);
  if (!m) return undefined;
  const [, scheme, authority, path, query] = m;
  if (scheme === undefined && path === undefined) return undefined;
  const host = authority?.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : (authority ?? '');
  if (!HOST.test(host)) return undefined;
  return new KubeUrl(scheme ?? '', host, path ?? '', query ?? '');
}

function url(s: string): KubeUrl {
  const u = parseRequestUri(s);
  // a data error, as on the API server: the rule rejects the object
  if (!u) throw Object.assign(new Error(`URL parse error during conversion from string: ${JSON.stringify(s)}`), { code: URL_PARSE_ERROR });
  return u;
}

function hostname(u: KubeUrl): string {
  return u.host.startsWith('[') ? u.host.slice(1, u.host.indexOf(']')) : u.host.replace(/:[0-9]*$/, '');
}

function port(u: KubeUrl): string {
  const m = /:([0-9]*)$/.exec(u.host.startsWith('[') ? u.host.slice(u.host.indexOf(']') + 1) : u.host);
  return m ? m[1]! : '';
}

function queryMap(u: KubeUrl): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(u.query)) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

/** Adds the URL library to a CEL environment. */
export function registerUrlLibrary(env: Environment): Environment {
  const receiver = (name: string, returnType: string, handler: (u: KubeUrl) => unknown) =>
    env.registerFunction({ name, receiverType: 'URL', returnType, params: [], handler });
  env.registerType('URL', KubeUrl);
  env.registerFunction({ name: 'url', returnType: 'URL', params: [{ name: 's', type: 'string' }], handler: url });
  env.registerFunction({
    name: 'isURL',
    returnType: 'bool',
    params: [{ name: 's', type: 'string' }],
    handler: (s: string) => parseRequestUri(s) !== undefined,
  });
  receiver('getScheme', 'string', (u) => u.scheme);
  receiver('getHost', 'string', (u) => u.host);
  receiver('getHostname', 'string', hostname);
  receiver('getPort', 'string', port);
  receiver('getEscapedPath', 'string', (u) => u.path);
  receiver('getQuery', 'map<string, list<string>>', queryMap);
  return env;
}
