// Jobs and CronJobs: ValidateJobSpec, ValidateCronJobSpec, validateScheduleFormat and validateTimeZone
// (kubernetes/pkg/apis/batch/validation/validation.go).
import { Findings, isObj, isSet, str, type Obj } from './field-errors.js';
import { validatePodTemplateSpec, restartPolicyOf } from './pod-spec.js';

/** `ValidateJob`. */
export function validateJob(o: Obj, f: Findings): void {
  validateJobSpec(o.spec, '/spec', f);
}

/** `ValidateJobSpec`: counts ≥ 0, completion mode, and a template whose pods finish (OnFailure or Never). */
function validateJobSpec(spec: unknown, path: string, f: Findings): void {
  const s: Obj = isObj(spec) ? spec : {};
  for (const k of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
  ] as const) {
    f.nonNegative(`${path}/${k}`, s[k]);
  }
  if (isSet(s.completionMode)) {
    if (s.completionMode !== 'NonIndexed' && s.completionMode !== 'Indexed')
      f.notSupported(`${path}/completionMode`, s.completionMode, ['NonIndexed', 'Indexed']);
    else if (s.completionMode === 'Indexed' && !isSet(s.completions)) f.required(`${path}/completions`, 'when completion mode is Indexed');
  }
  validatePodTemplateSpec(s.template, `${path}/template`, f);
  const podSpec: Obj = isObj(s.template?.spec) ? s.template.spec : {};
  const policy = restartPolicyOf(podSpec);
  if (isSet(s.podFailurePolicy) && policy !== 'Never') {
    f.invalid(`${path}/template/spec/restartPolicy`, policy, 'only "Never" is supported when podFailurePolicy is specified');
  } else if (policy !== 'OnFailure' && policy !== 'Never') f.notSupported(`${path}/template/spec/restartPolicy`, policy, ['OnFailure', 'Never']);
}

/** `ValidateCronJobSpec`: a schedule, a time zone, a concurrency policy, history limits, and the job template. */
export function validateCronJob(o: Obj, f: Findings): void {
  // `ValidateCronJob`: the Jobs get the name and an 11-character suffix, and must stay a DNS-1035 label
  const name = str(o.metadata?.name);
  if (name.length > 52) f.invalid('/metadata/name', name, 'must be no more than 52 characters');
  const s: Obj = isObj(o.spec) ? o.spec : {};
  const schedule = str(s.schedule);
  if (!schedule) f.required('/spec/schedule');
  else {
    const err = scheduleError(schedule);
    if (err) f.invalid('/spec/schedule', schedule, err);
    if (/(^|\s)(CRON_)?TZ=/.test(schedule)) f.invalid('/spec/schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  }
  if (isSet(s.timeZone)) validateTimeZone(s.timeZone, '/spec/timeZone', f);
  if (isSet(s.concurrencyPolicy) && !['Allow', 'Forbid', 'Replace'].includes(s.concurrencyPolicy)) {
    f.notSupported('/spec/concurrencyPolicy', s.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']);
  }
  for (const k of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) f.nonNegative(`/spec/${k}`, s[k]);
  validateJobSpec(s.jobTemplate?.spec, '/spec/jobTemplate/spec', f);
}

/** `validateTimeZone`: an IANA zone name (the tz database of this Node.js, as Go's of the API server). */
function validateTimeZone(tz: unknown, path: string, f: Findings): void {
  if (typeof tz !== 'string') return;
  if (tz === '') f.invalid(path, tz, 'timeZone must be nil or non-empty string');
  else if (tz.toLowerCase() === 'local') f.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  else if (!knownTimeZone(tz)) f.invalid(path, tz, `unknown time zone ${tz}`);
}

const zones = new Map<string, boolean>();
function knownTimeZone(tz: string): boolean {
  let known = zones.get(tz);
  if (known === undefined) {
    try {
      // Go's LoadLocation is case-sensitive; ICU is not: compare the canonical spelling's case-insensitive form only
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      known = !/[^A-Za-z0-9_+\-/]/.test(tz);
    } catch {
      known = false;
    }
    zones.set(tz, known);
  }
  return known;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: readonly (readonly [name: string, lo: number, hi: number, names?: readonly string[], nameBase?: number])[] = [
  ['minute', 0, 59],
  ['hour', 0, 23],
  ['day of month', 1, 31],
  ['month', 1, 12, MONTHS, 1],
  ['day of week', 0, 6, DAYS, 0],
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/**
 * Why a schedule does not parse, as robfig/cron's standard parser (which the API server uses) would refuse it:
 * five fields of numbers, names, `*`/`?`, ranges, lists and steps, or a descriptor (`@daily`, `@every 1h`).
 */
export function scheduleError(schedule: string): string | undefined {
  const spec = schedule.replace(/^(CRON_)?TZ=\S+\s+/, '').trim();
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ') && /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(spec.slice(7).trim())) return undefined;
    return `unrecognized descriptor: ${spec}`;
  }
  const parts = spec.split(/\s+/);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    const [name, lo, hi, names, base] = FIELDS[i]!;
    for (const term of parts[i]!.split(',')) {
      const err = termError(term, lo, hi, names, base ?? 0);
      if (err) return `${name}: ${err}`;
    }
  }
  return undefined;
}

function termError(term: string, lo: number, hi: number, names: readonly string[] | undefined, base: number): string | undefined {
  const [range, step, ...rest] = term.split('/');
  if (rest.length > 0) return `too many slashes: ${term}`;
  if (step !== undefined && !/^\d+$/.test(step)) return `failed to parse int from ${step}`;
  if (step !== undefined && Number(step) === 0) return `step of range should be a positive number: ${term}`;
  if (range === '*' || range === '?') return undefined;
  const bounds = range!.split('-');
  if (bounds.length > 2) return `too many hyphens: ${term}`;
  const values: number[] = [];
  for (const b of bounds) {
    const n = /^\d+$/.test(b) ? Number(b) : names ? names.indexOf(b.toUpperCase()) + base : NaN;
    if (!Number.isInteger(n) || (names && !/^\d+$/.test(b) && n < base)) return `failed to parse int from ${b}`;
    if (n < lo) return `beginning of range (${n}) below minimum (${lo}): ${term}`;
    if (n > hi) return `end of range (${n}) above maximum (${hi}): ${term}`;
    values.push(n);
  }
  if (values.length === 2 && values[0]! > values[1]!) return `beginning of range (${values[0]}) beyond end of range (${values[1]}): ${term}`;
  return undefined;
}
