// What the CLI shows a person at a terminal: colored `error:`/`warning:` prefixes and a progress line for slow work,
// on stderr only, and only when stderr is a terminal (never when piped, never under NO_COLOR for color; see
// https://no-color.org). stdout stays plain so it can be piped.
import { styleText } from 'node:util';

type Stream = { readonly isTTY?: boolean; write(text: string): unknown };

/** colorOn decided for stderr: styleText must not ask stdout again (nor read `CI`, which turns a terminal's color off). */
const NOT_AGAIN = { validateStream: false } as const;

/** Color on `stream`: a terminal, `NO_COLOR` unset or empty, `TERM` not `dumb`. */
export function colorOn(stream: Stream = process.stderr): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

/** `error: <message>` (red `error:` on a terminal). */
export function errorLine(message: string): string {
  return `${paint('red', 'error:')} ${message}\n`;
}

/** Prints `warning: <message>` on stderr (yellow `warning:` on a terminal). */
export function warn(message: string): void {
  process.stderr.write(`${paint('yellow', 'warning:')} ${message}\n`);
}

/** Colors the `warning:` tags of a validation report written to `stream`. */
export function paintReport(text: string, stream: Stream = process.stderr): string {
  if (!colorOn(stream)) return text;
  return text.replace(/ warning: /g, ` ${styleText('yellow', 'warning:', NOT_AGAIN)} `);
}

function paint(color: 'red' | 'yellow', text: string): string {
  return colorOn() ? styleText(color, text, NOT_AGAIN) : text;
}

/** A progress line on stderr: drawn only on a terminal and only once the work has taken more than `delayMs`. */
export interface Progress {
  /** One more unit done; `what` names it. */
  tick(what: string): void;
  /** Clears the line. */
  done(): void;
}

const SILENT: Progress = { tick: () => undefined, done: () => undefined };

/** Progress of `total` units of `label` (e.g. `schema cache`), shown as `label 3/40 what`. */
export function progress(label: string, total: number, delayMs = 1000, stream: Stream = process.stderr): Progress {
  if (stream.isTTY !== true || total === 0) return SILENT;
  const started = Date.now();
  let count = 0;
  let drawn = false;
  return {
    tick(what) {
      count++;
      if (Date.now() - started < delayMs) return;
      drawn = true;
      const columns = (stream as { columns?: number }).columns ?? 80;
      stream.write(`\r\x1b[2K${`${label} ${count}/${total} ${what}`.slice(0, columns - 1)}`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
