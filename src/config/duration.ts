// The two duration grammars of an environment file, each defined once: its schema pattern and its parser come from
// the same unit table.
//  - Go's time.ParseDuration (Istio timeouts, Karpenter, Cluster Autoscaler flags): `1h30m`, `250ms`, `1.5s`.
//  - Prometheus' model.ParseDuration (retention, intervals, alert `for`): `15d`, `1h30m`, units in order y..ms, or `0`.

/** Go's units in milliseconds (time.ParseDuration's unitMap), longest spelling first where one prefixes another. */
const GO_UNITS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** Prometheus' units, in the order a duration must list them (github.com/prometheus/common/model durationRE). */
const PROMETHEUS_UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/** The pattern of a Go duration using `units` (default: all of Go's), with fractions unless `integers`. */
export function goDurationPattern(units: readonly string[] = Object.keys(GO_UNITS), integers = false): string {
  return `^([0-9]+${integers ? '' : '(\\.[0-9]+)?'}(${units.join('|')}))+$`;
}

/** The pattern of a Prometheus duration. */
export const PROMETHEUS_DURATION_PATTERN = `^(0|${PROMETHEUS_UNITS.map((u) => `(([0-9]+)${u})?`).join('')})$`;

const GO_PART = new RegExp(`([0-9]+(?:\\.[0-9]+)?)(${Object.keys(GO_UNITS).join('|')})`, 'g');

/** Milliseconds of a Go duration such as `1m30s`; undefined when it does not parse. */
export function durationMs(text: string): number | undefined {
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(GO_PART)) {
    if (m.index !== consumed) return undefined;
    total += Number(m[1]) * GO_UNITS[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}
