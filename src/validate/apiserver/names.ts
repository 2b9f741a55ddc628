// Name and value syntax of the API server, mirrored from k8s.io/apimachinery/pkg/util/validation/validation.go and
// k8s.io/apimachinery/pkg/api/validate/content (kube.go, dns.go): each returns upstream's messages, empty when valid.

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL = new RegExp(`^${DNS1035_LABEL_FMT}$`);
const WILDCARD_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD = new RegExp(`^${WILDCARD_FMT}$`);
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const PERCENT_FMT = '[0-9]+%';
const PERCENT = new RegExp(`^${PERCENT_FMT}$`);
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY = new RegExp(`^${CONFIG_MAP_KEY_FMT}$`);
const C_IDENTIFIER_FMT = '[A-Za-z_][A-Za-z0-9_]*';
const C_IDENTIFIER = new RegExp(`^${C_IDENTIFIER_FMT}$`);
/** A valid IANA service name at once: letters, digits and single inner dashes, with a letter. */
const PORT_NAME = /^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;

/** What the validators return for a valid value: one shared empty list (never modified), so valid values allocate nothing. */
const NONE = Object.freeze([]) as unknown as string[];

/** `MaxLenError`. */
export const maxLenError = (n: number): string => `must be no more than ${n} characters`;
/** `InclusiveRangeError`. */
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;

/** `RegexError`: the message, examples and the regex used. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** `IsDNS1123Label`: lower-case alphanumerics and '-', at most 63 characters. */
export function isDNS1123Label(value: string): string[] {
  if (value.length <= 63 && DNS1123_LABEL.test(value)) return NONE;
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL.test(value)) {
    errs.push(
      DNS1123_SUBDOMAIN.test(value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL_FMT,
            'my-name',
            '123-abc',
          ),
    );
  }
  return errs;
}

/** `IsDNS1123Subdomain`: dot-separated DNS-1123 labels, at most 253 characters. */
export function isDNS1123Subdomain(value: string): string[] {
  if (value.length <= 253 && DNS1123_SUBDOMAIN.test(value)) return NONE;
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
}

/** `IsDNS1035Label`: a DNS-1123 label that starts with a letter. */
export function isDNS1035Label(value: string): string[] {
  if (value.length <= 63 && DNS1035_LABEL.test(value)) return NONE;
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

/** `IsWildcardDNS1123Subdomain`: `*.` and a subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!WILDCARD.test(value)) {
    errs.push(
      regexError(
        "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
        WILDCARD_FMT,
        '*.example.com',
      ),
    );
  }
  return errs;
}

const qualifiedNames = new Map<string, string[]>();

/** `IsQualifiedName` (content.IsLabelKey): an optional DNS-subdomain prefix and `/`, then a name of ≤ 63 characters. */
export function isQualifiedName(value: string): string[] {
  let errs = qualifiedNames.get(value);
  if (errs) return errs;
  errs = [];
  const parts = value.split('/');
  const nameMsg = regexError(
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
    LABEL_KEY_FMT,
    'MyName',
    'my.name',
    '123-abc',
  );
  if (parts.length > 2) errs.push(`a valid label key ${nameMsg} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`);
  else {
    const name = parts.length === 2 ? parts[1]! : parts[0]!;
    if (parts.length === 2) {
      const prefix = parts[0]!;
      if (prefix.length === 0) errs.push('prefix part must be non-empty');
      else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
    }
    if (name.length === 0) errs.push('name part must be non-empty');
    else if (name.length > 63) errs.push(`name part ${maxLenError(63)}`);
    if (!LABEL_KEY.test(name)) errs.push(`name part ${nameMsg}`);
  }
  if (qualifiedNames.size < 10_000) qualifiedNames.set(value, errs);
  return errs;
}

/** `IsValidLabelValue` (content.IsLabelValue): empty, or ≤ 63 alphanumerics, '-', '_', '.' starting and ending alphanumeric. */
export function isValidLabelValue(value: string): string[] {
  if (value.length <= 63 && LABEL_VALUE.test(value)) return NONE;
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE_FMT,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** `IsValidPortName` (IANA_SVC_NAME): ≤ 15 of [-a-z0-9], at least one letter, no `--`, no leading or trailing `-`. */
export function isValidPortName(port: string): string[] {
  if (port.length <= 15 && PORT_NAME.test(port)) return NONE;
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** `IsValidPortNum`: 1..65535. */
export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? NONE : [inclusiveRangeError(1, 65535)];
}

/** `IsInRange`. */
export function isInRange(value: number, lo: number, hi: number): string[] {
  return value >= lo && value <= hi ? NONE : [inclusiveRangeError(lo, hi)];
}

/** `IsValidUserID` / `IsValidGroupID`: 0..2^32-1. */
export function isValidUnixId(id: number): string[] {
  return isInRange(id, 0, 0xffffffff);
}

/** `IsValidPercent`: digits and `%`. */
export function isValidPercent(percent: string): string[] {
  return PERCENT.test(percent)
    ? NONE
    : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

/** `IsCIdentifier`. */
export function isCIdentifier(value: string): string[] {
  return C_IDENTIFIER.test(value)
    ? []
    : [
        regexError(
          "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'",
          C_IDENTIFIER_FMT,
          'my_name',
          'MY_NAME',
          'MyName',
        ),
      ];
}

/**
 * `IsRelaxedEnvVarName`: printable ASCII except '='. This is the rule of the newest Kubernetes versions
 * (RelaxedEnvironmentVariableValidation, on by default since 1.32, GA in 1.34); older servers wanted a C-identifier-like
 * `[-._a-zA-Z][-._a-zA-Z0-9]*`.
 */
export function isRelaxedEnvVarName(value: string): string[] {
  if (/^[\x20-\x3c\x3e-\x7e]+$/.test(value)) return NONE;
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x3d) {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

/** `hasChDirPrefix`. */
function chDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** `IsConfigMapKey`: ≤ 253 of [-._a-zA-Z0-9], not `.`, `..` or starting `..`. */
export function isConfigMapKey(value: string): string[] {
  if (value.length <= 253 && CONFIG_MAP_KEY.test(value) && !value.startsWith('..') && value !== '.') return NONE;
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_MAP_KEY.test(value))
    errs.push(
      regexError(
        "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
        CONFIG_MAP_KEY_FMT,
        'key.name',
        'KEY_NAME',
        'key-name',
      ),
    );
  errs.push(...chDirPrefix(value));
  return errs;
}

/** `IsValidPathSegmentName` (apimachinery/pkg/api/validation/path): not `.` or `..`, no `/` or `%`. */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  if (!name.includes('/') && !name.includes('%')) return NONE;
  const errs: string[] = [];
  for (const illegal of ['/', '%']) if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
}

/** A kind's name rule (`ValidateNameFunc`): `prefix` is for generateName, whose trailing dash is allowed. */
export type NameRule = (name: string, prefix: boolean) => string[];

/** `maskTrailingDash`, as upstream: a generateName's trailing `-` stands for the random suffix. */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/** `NameIsDNSSubdomain`. */
export const nameIsDNSSubdomain: NameRule = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNSLabel`. */
export const nameIsDNSLabel: NameRule = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
/** `NameIsDNS1035Label`. */
export const nameIsDNS1035Label: NameRule = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
/** `path.ValidatePathSegmentName` (RBAC objects and a few others). */
export const nameIsPathSegment: NameRule = (name, prefix) =>
  prefix ? isValidPathSegmentName(name).filter((m) => m !== "may not be '.'" && m !== "may not be '..'") : isValidPathSegmentName(name);
