// One field value as the text and markdown formats show it: JSON, on one line, cut past a length.

/** Longest value shown, in characters. */
const MAX_VALUE = 120;

/** `"10"`, `3`, `{"cpu":"100m"}`; `(none)` for an absent field; long values end with `…`. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
