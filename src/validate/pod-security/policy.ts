// The policy a namespace's labels ask for: a mirror of k8s.io/pod-security-admission/api (constants.go, helpers.go:
// ParseLevel, ParseVersion, PolicyToEvaluate), with the API server's default policy (privileged:latest).
import { POD_SECURITY_LABEL_PREFIX as LABEL_PREFIX } from '../../manifest/pod-security-labels.js';
import type { Level } from './check.js';

/** The three modes, each a level label and a version label. */
export const MODES = ['enforce', 'warn', 'audit'] as const;
export type Mode = (typeof MODES)[number];

/** A Kubernetes minor version (1.x) or `latest`. */
export type Version = number | 'latest';

/** A level at a version, e.g. restricted:v1.29. */
export interface LevelVersion {
  readonly level: Level;
  readonly version: Version;
}

/** An invalid policy label, worded as the API server rejects the Namespace. */
export interface LabelError {
  readonly label: string;
  readonly value: string;
  readonly message: string;
}

export interface Policy {
  readonly enforce: LevelVersion;
  readonly warn: LevelVersion;
  readonly audit: LevelVersion;
  readonly errors: readonly LabelError[];
}

const LEVELS: readonly Level[] = ['privileged', 'baseline', 'restricted'];
const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;

export function formatVersion(v: Version): string {
  return v === 'latest' ? 'latest' : `v1.${v}`;
}

/** `restricted:v1.29`, as upstream names a policy in its messages. */
export function formatLevelVersion(lv: LevelVersion): string {
  return `${lv.level}:${formatVersion(lv.version)}`;
}

/** `latest` or `v1.x` (no leading zero), else undefined. */
export function parseVersion(s: string): Version | undefined {
  if (s === 'latest') return 'latest';
  const m = VERSION.exec(s);
  return m ? Number(m[1]) : undefined;
}

function compareLevels(a: Level, b: Level): number {
  return LEVELS.indexOf(a) - LEVELS.indexOf(b);
}

/**
 * The policy of a namespace from its labels (upstream `PolicyToEvaluate` with the default `privileged:latest`): an
 * invalid enforce level fails closed (restricted), an invalid warn or audit level fails open (privileged), an invalid
 * version is `latest`; warn defaults to the enforce level when it is not set and enforce is stricter.
 */
export function policyOf(labels: Readonly<Record<string, string>>): Policy {
  const errors: LabelError[] = [];
  const read = (mode: Mode, onInvalid: Level): { lv: LevelVersion; hasLevel: boolean; validLevel: boolean; hasVersion: boolean } => {
    let level: Level = 'privileged';
    let version: Version = 'latest';
    const levelValue = labels[LABEL_PREFIX + mode];
    const versionValue = labels[`${LABEL_PREFIX}${mode}-version`];
    let validLevel = false;
    if (levelValue !== undefined) {
      validLevel = (LEVELS as readonly string[]).includes(levelValue);
      if (validLevel) level = levelValue as Level;
      else {
        level = onInvalid;
        errors.push({ label: LABEL_PREFIX + mode, value: levelValue, message: `must be one of ${LEVELS.join(', ')}` });
      }
    }
    if (versionValue !== undefined) {
      const parsed = parseVersion(versionValue);
      if (parsed !== undefined) version = parsed;
      else errors.push({ label: `${LABEL_PREFIX}${mode}-version`, value: versionValue, message: 'must be "latest" or "v1.x"' });
    }
    return { lv: { level, version }, hasLevel: levelValue !== undefined, validLevel, hasVersion: versionValue !== undefined };
  };
  const enforce = read('enforce', 'restricted');
  const warn = read('warn', 'privileged');
  const audit = read('audit', 'privileged');
  let warnLv = warn.lv;
  if (!warn.hasLevel && enforce.hasLevel && enforce.validLevel && compareLevels(enforce.lv.level, warn.lv.level) > 0) {
    warnLv = { level: enforce.lv.level, version: warn.hasVersion ? warn.lv.version : enforce.lv.version };
  }
  return { enforce: enforce.lv, warn: warnLv, audit: audit.lv, errors };
}
