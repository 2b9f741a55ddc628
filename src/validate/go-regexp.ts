// Upstream schemas and CEL rules write Go (RE2) regular expressions; this turns one into a JavaScript RegExp.

const cache = new Map<string, RegExp>();

/**
 * The JavaScript form of a Go regular expression: leading inline flags (`(?i)`, also after `^`) become flags,
 * `(?P<name>` becomes `(?<name>`, `\A` and `\z` become `^` and `$`. Throws when JavaScript still cannot compile it,
 * so a pattern is never silently dropped.
 */
export function goRegExp(source: string, flags = ''): RegExp {
  const key = `${flags}/${source}`;
  let re = cache.get(key);
  if (re) return re;
  let src = source;
  let f = flags;
  const inline = /^(\^?)\(\?([ims]+)\)/.exec(src);
  if (inline) {
    src = inline[1]! + src.slice(inline[0].length);
    for (const flag of inline[2]!) if (!f.includes(flag)) f += flag;
  }
  src = src.replace(/\(\?P</g, '(?<').replace(/\\A/g, '^').replace(/\\z/g, '$');
  try {
    re = new RegExp(src, f);
  } catch (err) {
    // Go accepts escapes of any punctuation, which JavaScript's unicode mode rejects
    if (!f.includes('u')) throw err;
    re = new RegExp(src, f.replace('u', ''));
  }
  cache.set(key, re);
  return re;
}
