// The flags both benchmarks take: --apps N --envs M --runs R --json, each count a positive integer (else exit 2).
import { parseArgs } from 'node:util';

/** Parsed benchmark flags. */
export interface BenchArgs {
  readonly apps: number;
  readonly envs: number;
  readonly runs: number;
  readonly json: boolean;
}

/** Reads the flags from process.argv, with these defaults. */
export function benchArgs(defaults: Omit<BenchArgs, 'json'>): BenchArgs {
  const { values } = parseArgs({
    options: {
      apps: { type: 'string', default: String(defaults.apps) },
      envs: { type: 'string', default: String(defaults.envs) },
      runs: { type: 'string', default: String(defaults.runs) },
      json: { type: 'boolean', default: false },
    },
  });
  const positive = (name: 'apps' | 'envs' | 'runs'): number => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) {
      process.stderr.write(`--${name} must be a positive integer; got ${JSON.stringify(values[name])}\n`);
      process.exit(2);
    }
    return n;
  };
  return { apps: positive('apps'), envs: positive('envs'), runs: positive('runs'), json: values.json === true };
}
