// The name and value syntax of the API server, case by case from upstream's tables (apimachinery
// pkg/util/validation/validation_test.go and pkg/api/validate/content/{dns,kube}_test.go).
import { describe, expect, it } from 'vitest';
import {
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNSSubdomain,
} from '../src/validate/apiserver/names.js';

const valid = (f: (v: string) => string[], values: string[]) => {
  for (const v of values) expect(f(v), JSON.stringify(v)).toEqual([]);
};
const invalid = (f: (v: string) => string[], values: string[]) => {
  for (const v of values) expect(f(v).length, JSON.stringify(v)).toBeGreaterThan(0);
};

describe('names and values, as the API server checks them', () => {
  it('IsDNS1123Label (TestIsDNS1123Label)', () => {
    valid(isDNS1123Label, ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)]);
    invalid(isDNS1123Label, [
      '',
      'A',
      'ABC',
      'aBc',
      'A1',
      'A-1',
      '1-A',
      '-',
      'a-',
      '-a',
      '1-',
      '-1',
      '_',
      'a_',
      '_a',
      'a_b',
      '1_',
      '_1',
      '1_2',
      '.',
      'a.',
      '.a',
      'a.b',
      '1.',
      '.1',
      '1.2',
      ' ',
      'a ',
      ' a',
      'a b',
      '1 ',
      ' 1',
      '1 2',
      'a'.repeat(64),
    ]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('IsDNS1123Subdomain (TestIsDNS1123Subdomain)', () => {
    valid(isDNS1123Subdomain, [
      'a',
      'ab',
      'a1',
      'a-1',
      'a--1--2--b',
      '0',
      '1a',
      'a.a',
      'ab.a',
      'a1.a',
      'a-1.a',
      'a--1--2--b.a',
      '0.a',
      '1-a.a',
      'a.1',
      'a.b.c.d.e',
      'aa.bb.cc.dd.ee',
      '1.2.3.4.5',
      '11.22.33.44.55',
      'a'.repeat(253),
    ]);
    invalid(isDNS1123Subdomain, [
      '',
      'A',
      'ABC',
      'aBc',
      'A1',
      '-',
      'a-',
      '-a',
      '_',
      'a_b',
      '.',
      'a.',
      '.a',
      'a..b',
      '1.',
      '.1',
      '1..2',
      ' ',
      'a b',
      'A.a',
      'aB.a',
      'ab.A',
      'A1.a',
      'a1.A',
      'A.1',
      '1.a.A',
      'a.1--2--b.Z',
      'a.-',
      'a'.repeat(254),
    ]);
  });

  it('IsDNS1035Label (TestIsDNS1035Label): a DNS-1123 label that starts with a letter', () => {
    valid(isDNS1035Label, ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)]);
    invalid(isDNS1035Label, [
      '0',
      '01',
      '012',
      '1a',
      '1-a',
      '1--a--b--2',
      '',
      'A',
      'ABC',
      'aBc',
      'A1',
      'A-1',
      '1-A',
      '-',
      'a-',
      '-a',
      '1-',
      '-1',
      '_',
      'a_',
      '_a',
      'a_b',
      '.',
      'a.',
      '.a',
      'a.b',
      ' ',
      'a b',
      'a'.repeat(64),
    ]);
  });

  it('IsWildcardDNS1123Subdomain (TestIsWildcardDNS1123Subdomain)', () => {
    valid(isWildcardDNS1123Subdomain, ['*.example.com', '*.bar.com', '*.foo.bar.com']);
    invalid(isWildcardDNS1123Subdomain, ['*.*.bar.com', '*.foo.*.com', '*bar.com', 'f*.bar.com', '*']);
  });

  it('IsQualifiedName (TestIsQualifiedName)', () => {
    valid(isQualifiedName, [
      'simple',
      'now-with-dashes',
      '1-starts-with-num',
      '1234',
      'simple/simple',
      'now-with-dashes/simple',
      'now-with-dashes/now-with-dashes',
      'now.with.dots/simple',
      'now-with.dashes-and.dots/simple',
      '1-num.2-num/3-num',
      '1234/5678',
      '1.2.3.4/5678',
      'Uppercase_Is_OK_123',
      'example.com/Uppercase_Is_OK_123',
      'requests.storage-foo',
      'a'.repeat(63),
      `${'a'.repeat(253)}/${'b'.repeat(63)}`,
    ]);
    invalid(isQualifiedName, [
      'nospecialchars%^=@',
      'cantendwithadash-',
      '-cantstartwithadash-',
      'only/one/slash',
      'Example.com/abc',
      'example_com/abc',
      'example.com/',
      '/simple',
      'a'.repeat(64),
      `${'a'.repeat(254)}/abc`,
    ]);
    expect(isQualifiedName('example.com/')).toEqual([
      'name part must be non-empty',
      expect.stringMatching(/^name part must consist of alphanumeric characters/),
    ]);
  });

  it('IsValidLabelValue (TestIsValidLabelValue)', () => {
    valid(isValidLabelValue, ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), '']);
    invalid(isValidLabelValue, [
      '.',
      '-',
      '_',
      '-starts-with-dash',
      'ends-with-dash-',
      '.starts.with.dot',
      'ends.with.dot.',
      'nospecialchars%^=@',
      'Tama-nui-te-rā',
      '\u0000',
      'a'.repeat(64),
    ]);
  });

  it('IsValidPortName (TestIsValidPortName): IANA_SVC_NAME, at most 15 characters', () => {
    valid(isValidPortName, ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3']);
    expect(isValidPortName('longerthan15characters')).toEqual(['must be no more than 15 characters']);
    expect(isValidPortName('metrics-endpoint-http')).toEqual(['must be no more than 15 characters']);
    expect(isValidPortName('12345')).toEqual(['must contain at least one letter (a-z)']);
    expect(isValidPortName('two--hyphens')).toEqual(['must not contain consecutive hyphens']);
    expect(isValidPortName('-begin')).toEqual(['must not begin or end with a hyphen']);
    expect(isValidPortName('whois++')).toEqual(['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']);
  });

  it('IsValidPortNum, IsValidPercent', () => {
    expect(isValidPortNum(1)).toEqual([]);
    expect(isValidPortNum(65535)).toEqual([]);
    expect(isValidPortNum(0)).toEqual(['must be between 1 and 65535, inclusive']);
    expect(isValidPortNum(65536)).toEqual(['must be between 1 and 65535, inclusive']);
    valid(isValidPercent, ['0%', '25%', '100%']);
    invalid(isValidPercent, ['25', '%', '2.5%', '-1%']);
  });

  it('IsConfigMapKey (TestIsConfigMapKey)', () => {
    valid(isConfigMapKey, ['a', 'good', 'good-good', 'still.good', 'this.is.also.good', '.so.is.this', 'THIS_IS_GOOD', 'so_is_this_17']);
    invalid(isConfigMapKey, ['', 'bad value', 'bad=value', '.', '..', '..bad', 'a/b', 'a'.repeat(254)]);
  });

  it('IsRelaxedEnvVarName (TestIsRelaxedEnvVarName): printable ASCII but =, the rule of current Kubernetes', () => {
    valid(isRelaxedEnvVarName, ['-', ':', '_', '+a', '>', '<', 'a.', 'a..', '*a', '%a', '?a', 'a:a', 'a_a', 'aAz', '~+a', '1a', 'my env']);
    invalid(isRelaxedEnvVarName, ['', '=', 'a=', '1=a', 'a=b', '#%=&&', 'ä', '\t']);
  });

  it('IsValidPathSegmentName (RBAC names)', () => {
    valid(isValidPathSegmentName, ['admin', 'system:aggregate-to-view', 'Cluster Admin']);
    expect(isValidPathSegmentName('..')).toEqual(["may not be '..'"]);
    expect(isValidPathSegmentName('a/b%c')).toEqual(["may not contain '/'", "may not contain '%'"]);
  });

  it('NameIsDNSSubdomain: a generateName prefix may end with a dash', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).not.toEqual([]);
  });
});
