// The compiled environment validator is cached as standalone code; a cached or recompiled validator behaves the same.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentValidator } from '../src/config/environment-validator.js';
import { tempDir } from './support/temp-dir.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const invalid = { cluster: { name: 'x', provider: 'eks' }, apps: [{ name: 'web', port: 'eighty' }] };

function outcome(validate: ReturnType<typeof environmentValidator>, value: unknown) {
  const copy = structuredClone(value);
  const ok = validate(copy);
  return { ok, errors: (validate.errors ?? []).map((e) => [e.keyword, e.instancePath, e.parentSchema === undefined]), copy };
}

describe('environment validator cache', () => {
  it('writes standalone code once and loads it back with the same errors, defaults and verbose schema', () => {
    const dir = tempDir('eg-validator-');
    dirs.push(dir);
    const compiled = environmentValidator(dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.cjs'))).toHaveLength(1);
    const cached = environmentValidator(dir);
    expect(cached).not.toBe(compiled);
    const a = outcome(compiled, invalid);
    const b = outcome(cached, invalid);
    expect(a.ok).toBe(false);
    expect(b).toEqual(a);
    expect(a.errors.every(([, , noSchema]) => noSchema === false)).toBe(true);
  });

  it('recompiles over a corrupt cache entry', () => {
    const dir = tempDir('eg-validator-');
    dirs.push(dir);
    environmentValidator(dir);
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), 'this is not javascript (');
    const validate = environmentValidator(dir);
    expect(outcome(validate, invalid).ok).toBe(false);
  });
});
