// Upstream schemas and CEL rules write Go (RE2) regular expressions. They are run by re2js (RE2 in JavaScript: Go's
// syntax and meaning, linear time), never translated to a JavaScript pattern of another meaning. A pattern in the
// small subset where JavaScript's `u`-mode RegExp means exactly what RE2 means (ASCII literals, classes, groups,
// alternation, quantifiers; no `.`, `\s`, `(?i)`, POSIX classes, `\p{..}`, `\Q..\E`) is tested with a native RegExp,
// which is several times faster (schemas test patterns on every object); test/validate.go-regexp.test.ts checks the
// two agree on arbitrary Unicode input.
import { RE2JS } from 're2js';

/** What schemas and CEL need of a compiled pattern. */
export interface GoRegExp {
  /** Whether the pattern matches anywhere in `s` (Go's MatchString). */
  test(s: string): boolean;
  /** The leftmost match in `s`, or undefined (Go's FindString). */
  find(s: string): string | undefined;
  /** Every successive non-overlapping match in `s` (Go's FindAllString(s, -1)). */
  findAll(s: string): string[];
  /** `/source/`: ajv tells patterns apart by it (usePattern keys its compiled patterns by `toString()`). */
  toString(): string;
}

const cache = new Map<string, GoRegExp>();

/** One literal ASCII character, or an escape that means the same single character (or \d, \w, \D, \W) in both. */
const ATOM = String.raw`[A-Za-z0-9 _\-,:;=@#%&'"<>!~/]|\\[dwDW.\-\\/+*?()[\]{}|^$]`;
const CLASS = String.raw`\[\^?(?:[A-Za-z0-9 _\-.,:;=@#%&'"<>!~/+*?(){}|$]|\\[dwDW.\-\\/+*?()[\]{}|^$])+\]`;
/** The patterns a native RegExp runs with RE2's meaning. */
const NATIVE_SUBSET = new RegExp(String.raw`^(?:${ATOM}|${CLASS}|\(\?:|[()|*+?^$]|\{\d{1,3}(?:,\d{0,3})?\})*$`);

/**
 * Compiles a Go regular expression.
 * @throws Error with RE2's message when the pattern is not valid RE2 syntax
 */
export function goRegExp(source: string): GoRegExp {
  let re = cache.get(source);
  if (re) return re;
  const re2 = RE2JS.compile(source);
  const native = nativeTest(source);
  re = {
    test: native ?? ((s) => re2.test(s)),
    find: (s) => re2.exec(s)?.[0] ?? undefined,
    findAll: (s) => findAll(re2, s),
    toString: () => `/${source}/`,
  };
  cache.set(source, re);
  return re;
}

/** The native `test` of a pattern of the subset, or undefined. Exported for the property test. */
export function nativeTest(source: string): ((s: string) => boolean) | undefined {
  if (!NATIVE_SUBSET.test(source)) return undefined;
  try {
    const js = new RegExp(source, 'u');
    return (s) => js.test(s);
  } catch {
    return undefined;
  }
}

/**
 * Go's FindAllString(s, -1) (regexp.go, allMatches): successive non-overlapping matches, an empty match right
 * after the previous match ignored, and after an empty match the search moving on by one code point.
 */
function findAll(re2: RE2JS, s: string): string[] {
  const out: string[] = [];
  const m = re2.matcher(s);
  let prevEnd = -1;
  for (let pos = 0; pos <= s.length && m.find(pos); ) {
    const start = m.start();
    const end = m.end();
    const accept = !(end === start && start === prevEnd);
    if (end === start) pos = end + ((s.codePointAt(end) ?? 0) > 0xffff ? 2 : 1);
    else pos = end;
    prevEnd = end;
    if (accept) out.push(s.slice(start, end));
  }
  return out;
}

/** Whether `source` is a valid Go regular expression; the RE2 error otherwise. */
export function goRegExpError(source: string): string | undefined {
  try {
    goRegExp(source);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
