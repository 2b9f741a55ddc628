// Jobs and CronJobs as the API server checks them (cases after TestValidateJob, TestValidateCronJob and
// TestValidateCronJobScheduleTZ of kubernetes/pkg/apis/batch/validation/validation_test.go).
import { describe, expect, it } from 'vitest';
import { scheduleError } from '../src/validate/apiserver/jobs.js';
import { apiserver, object, podSpec } from './support/apiserver.js';

const job = (spec: string, pod = podSpec('', 'restartPolicy: Never')) =>
  apiserver(object('batch/v1', 'Job', `spec:\n  template: { spec: ${pod} }\n${spec}`));
const cronJob = (spec: string, name = 'nightly') =>
  apiserver(
    object(
      'batch/v1',
      'CronJob',
      `spec:\n  jobTemplate: { spec: { template: { spec: ${podSpec('', 'restartPolicy: OnFailure')} } } }\n${spec}`,
      name,
    ),
  );

describe('apiserver: Jobs', () => {
  it('the pods finish: restartPolicy OnFailure or Never (Always, the default, is refused)', () => {
    expect(job('')).toEqual([]);
    expect(job('', podSpec())).toEqual(['/spec/template/spec/restartPolicy Unsupported value: "Always": supported values: "OnFailure", "Never"']);
    expect(job('  podFailurePolicy: { rules: [] }', podSpec('', 'restartPolicy: OnFailure'))).toEqual([
      '/spec/template/spec/restartPolicy Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it('counts are not negative; Indexed needs completions', () => {
    expect(job('  parallelism: 0\n  completions: 3\n  backoffLimit: 0\n  completionMode: Indexed')).toEqual([]);
    expect(job('  parallelism: -1\n  backoffLimit: -2')).toEqual([
      '/spec/parallelism Invalid value: -1: must be greater than or equal to 0',
      '/spec/backoffLimit Invalid value: -2: must be greater than or equal to 0',
    ]);
    expect(job('  completionMode: Indexed')).toEqual(['/spec/completions Required value: when completion mode is Indexed']);
  });
});

describe('apiserver: CronJobs', () => {
  it('a schedule that parses, without TZ= (use timeZone)', () => {
    expect(cronJob('  schedule: "*/15 2-4 * JAN-MAR mon,fri"')).toEqual([]);
    expect(cronJob('  schedule: "@daily"')).toEqual([]);
    expect(cronJob('  schedule: ""')).toEqual(['/spec/schedule Required value']);
    expect(cronJob('  schedule: "61 * * * *"')).toEqual([
      '/spec/schedule Invalid value: "61 * * * *": minute: end of range (61) above maximum (59): 61',
    ]);
    expect(cronJob('  schedule: "TZ=UTC 0 * * * *"')).toEqual([
      '/spec/schedule Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it('schedule syntax of robfig/cron (the parser the controller uses)', () => {
    for (const ok of ['* * * * *', '0 0 1 1 0', '5,10-20/5 * ? * SUN-SAT', '@every 1h30m', '@hourly']) expect(scheduleError(ok), ok).toBeUndefined();
    for (const bad of ['* * * *', '* * * * * *', '0 24 * * *', '0 0 0 * *', '0 0 * 13 *', '0 0 * * 7', '5-1 * * * *', '*/0 * * * *', '@often'])
      expect(scheduleError(bad), bad).toBeDefined();
  });

  it('a known IANA time zone', () => {
    expect(cronJob('  schedule: "0 3 * * *"\n  timeZone: Europe/Berlin')).toEqual([]);
    expect(cronJob('  schedule: "0 3 * * *"\n  timeZone: Mars/Olympus')).toEqual([
      '/spec/timeZone Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
    expect(cronJob('  schedule: "0 3 * * *"\n  timeZone: Local')).toEqual([
      '/spec/timeZone Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
  });

  it('concurrencyPolicy, history limits, a name of at most 52 characters, and the job template', () => {
    expect(cronJob('  schedule: "0 3 * * *"\n  concurrencyPolicy: Sometimes\n  successfulJobsHistoryLimit: -1')).toEqual([
      '/spec/concurrencyPolicy Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      '/spec/successfulJobsHistoryLimit Invalid value: -1: must be greater than or equal to 0',
    ]);
    expect(cronJob('  schedule: "0 3 * * *"', 'a'.repeat(53))).toEqual([
      `/metadata/name Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`,
    ]);
    expect(
      apiserver(object('batch/v1', 'CronJob', `spec:\n  schedule: "0 3 * * *"\n  jobTemplate: { spec: { template: { spec: ${podSpec()} } } }`)),
    ).toEqual(['/spec/jobTemplate/spec/template/spec/restartPolicy Unsupported value: "Always": supported values: "OnFailure", "Never"']);
  });
});
