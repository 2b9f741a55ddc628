// Kubernetes resource quantities as numbers: cpu in cores, memory in bytes.
const SUFFIX: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** Parses a quantity (`250m`, `1.5`, `512Mi`, `1e3`, a number); undefined when it is not one. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (PARSED.has(value)) return PARSED.get(value);
  const parsed = parseText(value);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(value, parsed);
  return parsed;
}

/** Parsed quantity texts: a set's requests and limits repeat a few texts many times (bounded, cleared when full). */
const PARSED = new Map<string, number | undefined>();
const PARSED_MAX = 10_000;

function parseText(value: string): number | undefined {
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2]) return base * 10 ** Number(m[2].slice(1));
  return base * SUFFIX[m[3] ?? '']!;
}

/** Cores for display: `0.25` → `250m`, `2` → `2`. */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes for display in the largest binary unit that keeps one decimal: `134217728` → `128Mi`, `4.5Gi`. */
export function formatMemory(bytes: number): string {
  const units = ['Ti', 'Gi', 'Mi', 'Ki'] as const;
  for (const [i, u] of units.entries()) {
    const size = 2 ** (40 - 10 * i);
    if (bytes >= size) {
      const v = Math.round((bytes / size) * 10) / 10;
      return `${v}${u}`;
    }
  }
  return `${Math.round(bytes)}`;
}
